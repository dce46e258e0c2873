package io.overdue.payments;

/**
 * Names of {@code bpmn/credit-balance.bpmn} that code relies on. One instance per credit balance, business key the
 * payment id that gave rise to it; renaming anything here means renaming it in the model (the tests say so).
 */
public final class CreditBalanceProcess {

    public static final String PROCESS_KEY = "CreditBalance";
    public static final String RESOURCE = "bpmn/credit-balance.bpmn";
    public static final String FORM = "SettleCreditBalanceForm";
    public static final String FORM_RESOURCE = "forms/settle-credit-balance.form";

    /** Bean names of the delegates and listeners the model calls. */
    public static final class Delegates {
        public static final String LOAD_CREDIT_FACTS = "loadCreditFacts";
        public static final String BOOK_CREDIT_SETTLEMENT = "bookCreditSettlement";
        /** The collection case's listener that records who completed a task. */
        public static final String RECORD_DECIDER = "recordDecider";

        private Delegates() {}
    }

    /** Element ids; each reads like its label in the Modeler. */
    public static final class Elements {
        public static final String CREDIT_BALANCE_OPENED = "CreditBalanceOpened";
        public static final String SETTLE_CREDIT_BALANCE = "SettleCreditBalance";
        public static final String BOOK_CREDIT_SETTLEMENT = "BookCreditSettlement";
        public static final String SETTLEMENT_REFUSED = "SettlementRefused";
        public static final String CREDIT_LEFT = "CreditLeft";
        public static final String CREDIT_BALANCE_SETTLED = "CreditBalanceSettled";

        private Elements() {}
    }

    public static final class Errors {
        /** The collector's choice was refused; the task comes back with {@link Variables#SETTLEMENT_PROBLEMS}. */
        public static final String SETTLEMENT_INVALID = "CREDIT_SETTLEMENT_INVALID";

        private Errors() {}
    }

    /** Process variables; the task's facts are task-local and read-only. */
    public static final class Variables {
        public static final String CREDIT_ID = "creditId";
        /** {@link Settlement#OFFSET} or {@link Settlement#REFUND}, the collector's answer. */
        public static final String CREDIT_SETTLEMENT = "creditSettlement";
        public static final String OFFSET_INVOICE_NUMBER = "offsetInvoiceNumber";
        public static final String REFUND_NOTE = "refundNote";
        /** Set by the booking: true while some of the credit is still to settle. */
        public static final String CREDIT_LEFT = "creditLeft";
        public static final String SETTLEMENT_PROBLEMS = "settlementProblems";
        /** Who completed the task; set by {@link Delegates#RECORD_DECIDER}. */
        public static final String DECIDED_BY = "decidedBy";

        private Variables() {}
    }

    /** The facts put on the task for its form. */
    public static final class TaskFacts {
        public static final String CUSTOMER_NAME = "customerName";
        public static final String CUSTOMER_NUMBER = "customerNumber";
        public static final String CREDIT_AMOUNT = "creditAmount";
        public static final String CREDIT_OPEN = "creditOpen";
        public static final String CREDIT_PAYMENT = "creditPayment";
        public static final String CREDIT_REASON = "creditReason";
        public static final String OPEN_INVOICES = "openInvoices";

        private TaskFacts() {}
    }

    /** What a collector can do with a credit balance. */
    public enum Settlement { OFFSET, REFUND }

    private CreditBalanceProcess() {}
}
