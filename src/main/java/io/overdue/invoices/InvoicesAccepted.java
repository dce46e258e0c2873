package io.overdue.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Published inside the intake transaction, so whatever a listener does with it (start or update the
 * collection case) commits or rolls back together with the invoices themselves.
 */
public record InvoicesAccepted(List<Change> changes) {

    public enum Kind {
        /** A new open invoice: it needs a case. */
        NEW,
        /** Amount, balance or dates changed while the invoice stays open. */
        AMENDED,
        /**
         * A payment or credit note reduced the open balance and left something owed: the case goes on for the rest.
         * Published by {@link InvoiceAdjustments}; intake reports a lower balance sent with the invoice as AMENDED.
         */
        BALANCE_REDUCED,
        /** The invoice was paid, cancelled or written off: its case ends. */
        SETTLED
    }

    public record Change(Kind kind, String invoiceNumber, String customerNumber, String customerName, String country,
                         LocalDate dueDate, String currency, BigDecimal openBalance, InvoiceStatus status) {
    }
}
