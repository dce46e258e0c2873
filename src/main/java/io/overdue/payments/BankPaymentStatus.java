package io.overdue.payments;

/** Where a bank payment stands. */
public enum BankPaymentStatus {
    /** Booked on exactly one invoice ({@code matchedInvoiceNumber}). */
    MATCHED,
    /** No invoice could be found, or the one found cannot take it (closed, over-paid); {@code reason} says which. */
    UNMATCHED,
    /** Several invoices fit equally well ({@code candidates}); a collector decides. */
    AMBIGUOUS
}
