package io.overdue.invoices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A stored credit note: the invoice's amount and balance were reduced by {@code amount}. */
public record CreditNote(String creditNoteNumber, String invoiceNumber, BigDecimal amount, String currency,
                         LocalDate issueDate, String reason, Instant createdAt) {
}
