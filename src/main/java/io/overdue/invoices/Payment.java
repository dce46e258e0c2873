package io.overdue.invoices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A stored payment on an invoice: {@code amount} as paid, and how it was divided ({@code allocation}): the invoice's
 * principal fell by {@code allocation.principal}, its claimed costs and interest by the other parts, and
 * {@code allocation.credit} went to the customer's credit balance.
 */
public record Payment(String paymentId, String invoiceNumber, BigDecimal amount, String currency, LocalDate paidOn,
                      String payer, String reference, Instant createdAt, PaymentAllocation allocation) {
}
