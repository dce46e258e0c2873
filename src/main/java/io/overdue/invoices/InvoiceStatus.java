package io.overdue.invoices;

public enum InvoiceStatus {
    /** Something is still owed: the case is collecting. */
    OPEN,
    /** The open balance reached zero. */
    PAID,
    /** The ERP withdrew the invoice (e.g. fully credited); nothing is owed. */
    CANCELLED;

    public boolean isClosed() {
        return this != OPEN;
    }
}
