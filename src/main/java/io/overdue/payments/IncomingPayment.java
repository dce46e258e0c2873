package io.overdue.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A payment as the bank reported it, before matching: what {@code POST /api/payments} is read into and what a parsed
 * bank file entry (camt.053/054) is mapped to. Optional fields are null when the bank left them out.
 *
 * @param paymentId           the bank's or payer's id of this payment; the same id is the same payment
 * @param structuredReference the KID, OCR or RF reference the payer quoted, as sent (spaces allowed)
 * @param freeText            unstructured remittance information
 */
public record IncomingPayment(String paymentId, BigDecimal amount, String currency, LocalDate bookedOn,
                              LocalDate valueDate, String structuredReference, String freeText, String debtorName,
                              String endToEndId, String bankReference, PaymentSource source) {
}
