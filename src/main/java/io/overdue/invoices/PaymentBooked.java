package io.overdue.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A payment was booked on an invoice. Published inside the booking transaction, before the {@link InvoicesAccepted}
 * event of the same payment, so that a payment plan allocates it (and its process hears of it) before a settlement
 * ends the case.
 *
 * @param settlesInvoice the payment left nothing owed: the invoice is PAID and its case ends
 */
public record PaymentBooked(String paymentId, String invoiceNumber, BigDecimal amount, String currency, LocalDate paidOn,
                            boolean settlesInvoice) {
}
