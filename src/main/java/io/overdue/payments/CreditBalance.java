package io.overdue.payments;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Money a customer has with the creditor, from one payment: the part that was more than its invoice owed, or the whole
 * of a payment for an invoice already closed. {@code openAmount} is what a collector has yet to offset or refund.
 *
 * @param invoiceNumber the invoice the payment over-paid (the rest of the payment is booked there); null for a payment
 *                      a collector kept whole as credit, booked on no invoice
 */
public record CreditBalance(long id, long customerId, String paymentId, String invoiceNumber, String currency,
                            BigDecimal amount, BigDecimal openAmount, String reason, Status status, Instant createdAt,
                            long version) {

    public enum Status { OPEN, SETTLED }

    /** One refund or offset of a credit balance. */
    public record Settlement(long creditId, CreditBalanceProcess.Settlement kind, BigDecimal amount, String invoiceNumber,
                             String note, String settledBy, java.time.LocalDate settledOn, Instant createdAt) {
    }
}
