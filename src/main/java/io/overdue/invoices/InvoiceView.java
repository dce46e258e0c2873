package io.overdue.invoices;

import io.overdue.shared.ReferenceType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** An invoice as the API shows it, with the state of its collection case (null when it never needed one). */
public record InvoiceView(String invoiceNumber, String customerNumber, String customerName, LocalDate issueDate,
                          LocalDate dueDate, String currency, BigDecimal amount, BigDecimal openBalance,
                          String paymentReference, ReferenceType referenceType, InvoiceStatus status,
                          Instant createdAt, Instant updatedAt, CaseStates.CaseState collectionCase) {
}
