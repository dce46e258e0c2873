package io.overdue.invoices;

import java.time.Instant;

/** The invoice as the customer first received it, as the ERP uploaded it. */
public record InvoiceCopy(String invoiceNumber, String fileName, byte[] pdf, String sha256, Instant uploadedAt) {
}
