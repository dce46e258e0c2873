package io.overdue.invoices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A stored direct payment: the invoice's balance was reduced by {@code amount}. */
public record Payment(String paymentId, String invoiceNumber, BigDecimal amount, String currency, LocalDate paidOn,
                      String payer, String reference, Instant createdAt) {
}
