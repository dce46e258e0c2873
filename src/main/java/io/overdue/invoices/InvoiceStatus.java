package io.overdue.invoices;

public enum InvoiceStatus {
    /** Something is still owed: the case is collecting. */
    OPEN,
    /** The open balance reached zero. */
    PAID,
    /** The ERP withdrew the invoice (e.g. fully credited); nothing is owed. */
    CANCELLED,
    /**
     * A manager gave the debt up (agency.WriteOffs): nothing more is collected. The open balance is kept as it was,
     * since it is the ERP's figure and the write-off record says how much was given up.
     */
    WRITTEN_OFF;

    public boolean isClosed() {
        return this != OPEN;
    }
}
