package io.overdue.payments;

/** Which rule found a payment's invoice, in the order {@link PaymentMatcher} tries them. */
public enum MatchRule {
    /** The structured reference (KID, OCR, RF) is the invoice's payment reference. */
    REFERENCE,
    /** The free text names the invoice number. */
    INVOICE_NUMBER_IN_TEXT,
    /** The payer is a customer with exactly one open invoice of this balance. */
    CUSTOMER_AND_AMOUNT,
    /** A collector matched it by hand. */
    COLLECTOR
}
