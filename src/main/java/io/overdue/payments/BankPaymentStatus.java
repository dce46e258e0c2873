package io.overdue.payments;

/** Where a bank payment stands. */
public enum BankPaymentStatus {
    /** Booked on exactly one invoice ({@code matchedInvoiceNumber}). */
    MATCHED,
    /** No invoice could be found, or the one found cannot take it (closed, another currency); {@code reason} says which. */
    UNMATCHED,
    /** Several invoices fit equally well ({@code candidates}); a collector decides. */
    AMBIGUOUS,
    /**
     * A collector kept it as a customer's credit balance (e.g. it paid an invoice already paid): booked on no invoice,
     * offset or refunded through the credit's own task; {@code reason} names the customer.
     */
    CREDITED
}
