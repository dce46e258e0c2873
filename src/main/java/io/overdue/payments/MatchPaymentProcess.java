package io.overdue.payments;

/**
 * Names of {@code bpmn/match-payment.bpmn} that code relies on: element ids, the message, the error, variables and
 * their values, the form. One instance per payment the matcher could not place, with the payment id as business key;
 * renaming anything here means renaming it in the model and the form (the tests say so).
 */
public final class MatchPaymentProcess {

    public static final String PROCESS_KEY = "MatchPayment";
    public static final String RESOURCE = "bpmn/match-payment.bpmn";

    /** Bean names of the delegates and listeners the model calls. */
    public static final class Delegates {
        /** Task listener on create: the payment and the suggestions, task-local, for the form. */
        public static final String LOAD_MATCH_SUGGESTIONS = "loadMatchSuggestions";
        /** Books the collector's choice through {@link PaymentIntake#matchByHand}. */
        public static final String BOOK_PAYMENT_MATCH = "bookPaymentMatch";
        /** Keeps the payment as a customer's credit through {@link PaymentIntake#creditByHand}. */
        public static final String KEEP_PAYMENT_AS_CREDIT = "keepPaymentAsCredit";
        /** The collection case's listener (module {@code dunning}): who completed the task, as {@link Variables#DECIDED_BY}. */
        public static final String RECORD_DECIDER = "recordDecider";
        /** The collection case's schedule bean (module {@code dunning}): the task's due date. */
        public static final String DUNNING_SCHEDULE = "dunningSchedule";

        private Delegates() {}
    }

    /** Element ids; each reads like its label in the Modeler. */
    public static final class Elements {
        public static final String PAYMENT_NOT_MATCHED = "PaymentNotMatched";
        /** The user task "Match payment" ({@code MatchPayment} is the process's own id). */
        public static final String MATCH_PAYMENT_TASK = "MatchPaymentTask";
        public static final String MATCH_DECISION = "MatchDecision";
        public static final String BOOK_ON_INVOICE = "BookOnInvoice";
        public static final String BOOK_MATCH = "BookMatch";
        public static final String MATCH_REFUSED = "MatchRefused";
        public static final String PAYMENT_BOOKED = "PaymentBooked";
        public static final String PAYMENT_MATCHED_ELSEWHERE = "PaymentMatchedElsewhere";
        public static final String MATCHED_ELSEWHERE = "MatchedElsewhere";
        public static final String KEEP_AS_CUSTOMER_CREDIT = "KeepAsCustomerCredit";
        public static final String KEEP_AS_CREDIT = "KeepAsCredit";
        public static final String CREDIT_REFUSED = "CreditRefused";
        public static final String KEPT_AS_CREDIT = "KeptAsCredit";

        private Elements() {}
    }

    /** Message names (correlated by business key = payment id). */
    public static final class Messages {
        /** The payment was matched some other way (the API, or its invoice arrived): the task ends. */
        public static final String PAYMENT_MATCHED = "PaymentMatched";

        private Messages() {}
    }

    /** BPMN error codes. */
    public static final class Errors {
        /** The chosen invoice cannot take the payment: the collector sees why and chooses again. */
        public static final String MATCH_REFUSED = "PAYMENT_MATCH_REFUSED";

        private Errors() {}
    }

    /** Process variables. */
    public static final class Variables {
        public static final String PAYMENT_ID = "paymentId";
        /** Who completed the task; set by {@link Delegates#RECORD_DECIDER}, booked as the payment's matchedBy. */
        public static final String DECIDED_BY = "decidedBy";
        /** One of {@link Decisions}: how the collector settles the payment. */
        public static final String MATCH_DECISION = "matchDecision";
        /** The suggestion chosen: an invoice number, or {@link #ANOTHER_INVOICE}. */
        public static final String SUGGESTED_INVOICE = "suggestedInvoice";
        /** The invoice number typed when none of the suggestions is it. */
        public static final String INVOICE_NUMBER = "invoiceNumber";
        /** The customer whose credit the payment becomes, for {@link Decisions#CREDIT_CUSTOMER}. */
        public static final String CREDIT_CUSTOMER_NUMBER = "creditCustomerNumber";
        /** Why the last choice was refused, shown on the next task; removed once booked. */
        public static final String MATCH_PROBLEMS = "matchProblems";
        /** The value of {@link #SUGGESTED_INVOICE} that means "the number I type". */
        public static final String ANOTHER_INVOICE = "ANOTHER_INVOICE";

        private Variables() {}
    }

    /** Values of {@link Variables#MATCH_DECISION}. */
    public static final class Decisions {
        public static final String BOOK_ON_INVOICE = "BOOK_ON_INVOICE";
        /** Keep the payment whole as the credit balance of {@link Variables#CREDIT_CUSTOMER_NUMBER}. */
        public static final String CREDIT_CUSTOMER = "CREDIT_CUSTOMER";

        private Decisions() {}
    }

    /** Read-only facts {@link Delegates#LOAD_MATCH_SUGGESTIONS} puts on the task (task-local, shown by the form). */
    public static final class TaskFacts {
        /** e.g. "1250.50 NOK". */
        public static final String AMOUNT = "amount";
        public static final String BOOKED_ON = "bookedOn";
        public static final String REFERENCE = "reference";
        public static final String TEXT = "text";
        public static final String PAYER = "payer";
        /** UNMATCHED or AMBIGUOUS. */
        public static final String STATUS = "status";
        /** Why the matcher could not place it. */
        public static final String UNMATCHED_REASON = "unmatchedReason";
        /** Json: the options of {@link Variables#SUGGESTED_INVOICE}, [{label, value}], the suggestions and "another". */
        public static final String SUGGESTIONS = "suggestions";

        private TaskFacts() {}
    }

    /** The Camunda Form of the task. */
    public static final class Forms {
        public static final String MATCH_PAYMENT = "MatchPaymentForm";
        public static final String MATCH_PAYMENT_RESOURCE = "forms/match-payment.form";

        public static final java.util.List<String> RESOURCES = java.util.List.of(MATCH_PAYMENT_RESOURCE);

        private Forms() {}
    }

    private MatchPaymentProcess() {}
}
