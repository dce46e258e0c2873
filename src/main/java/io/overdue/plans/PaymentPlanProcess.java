package io.overdue.plans;

/**
 * Names of {@code bpmn/payment-plan.bpmn} that code relies on: element ids, messages, errors, variables and their
 * values, forms. The model is called from the collection case (call activity {@code RunPaymentPlan}) with the
 * invoice number as business key; renaming anything here means renaming it in the model (and the tests say so).
 */
public final class PaymentPlanProcess {

    public static final String PROCESS_KEY = "PaymentPlan";
    public static final String RESOURCE = "bpmn/payment-plan.bpmn";

    /** Bean names of the delegates and listeners the model calls. */
    public static final class Delegates {
        public static final String LOAD_PLAN_FACTS = "loadPlanFacts";
        public static final String RECORD_PLAN_PROPOSAL = "recordPlanProposal";
        public static final String DECIDE_PLAN_APPROVAL = "decidePlanApproval";
        public static final String RECORD_PLAN_APPROVAL = "recordPlanApproval";
        public static final String SEND_PLAN_FOR_ACCEPTANCE = "sendPlanForAcceptance";
        public static final String RECORD_PLAN_CONFIRMATION = "recordPlanConfirmation";
        public static final String EXPIRE_PAYMENT_PLAN = "expirePaymentPlan";
        /** The customer withdrew before confirming: the plan is cancelled, no plan came about. */
        public static final String WITHDRAW_PAYMENT_PLAN = "withdrawPaymentPlan";
        /** A dispute of the whole claim was upheld while the plan ran: the plan is cancelled. */
        public static final String CANCEL_PAYMENT_PLAN = "cancelPaymentPlan";
        /** The collection case's listeners and delegates the plan's dispute path and tasks use as they are. */
        public static final String LOAD_CASE_FACTS = "loadCaseFacts";
        public static final String RECORD_DECIDER = "recordDecider";
        public static final String ACTIVATE_PAYMENT_PLAN = "activatePaymentPlan";
        public static final String RELEASE_CREDIT_HOLD_FOR_PLAN = "releaseCreditHoldForPlan";
        public static final String NEXT_INSTALMENT = "nextInstalment";
        public static final String SEND_INSTALMENT_REMINDER = "sendInstalmentReminder";
        public static final String SEND_MISSED_INSTALMENT_REMINDER = "sendMissedInstalmentReminder";
        public static final String BREAK_PAYMENT_PLAN = "breakPaymentPlan";

        private Delegates() {}
    }

    /** Element ids; each reads like its label in the Modeler. */
    public static final class Elements {
        public static final String PAYMENT_PLAN_REQUESTED = "PaymentPlanRequested";
        public static final String PROPOSAL_GIVEN = "ProposalGiven";
        public static final String PROPOSE_PAYMENT_PLAN = "ProposePaymentPlan";
        public static final String RECORD_PROPOSAL = "RecordProposal";
        public static final String PROPOSAL_INVALID = "ProposalInvalid";
        public static final String NO_PLAN_AGREED = "NoPlanAgreed";
        public static final String DECIDE_PLAN_APPROVAL = "DecidePlanApproval";
        public static final String APPROVE_PAYMENT_PLAN = "ApprovePaymentPlan";
        public static final String RECORD_PLAN_APPROVAL = "RecordPlanApproval";
        public static final String PLAN_REJECTED = "PlanRejected";
        public static final String SEND_PLAN_FOR_ACCEPTANCE = "SendPlanForAcceptance";
        public static final String AWAIT_CUSTOMER_CONFIRMATION = "AwaitCustomerConfirmation";
        public static final String PLAN_ACCEPTED_BY_CUSTOMER = "PlanAcceptedByCustomer";
        public static final String ACCEPTANCE_DEADLINE_PASSED = "AcceptanceDeadlinePassed";
        public static final String EXPIRE_PLAN = "ExpirePlan";
        public static final String PLAN_EXPIRED = "PlanExpired";
        public static final String RECORD_CONFIRMATION = "RecordConfirmation";
        public static final String WITHDRAW_PLAN = "WithdrawPlan";
        public static final String PLAN_WITHDRAWN = "PlanWithdrawn";
        public static final String ACTIVATE_PLAN = "ActivatePlan";
        public static final String RELEASE_CREDIT_HOLD_FOR_PLAN = "ReleaseCreditHoldForPlan";
        public static final String CHASE_INSTALMENTS = "ChaseInstalments";
        public static final String NEXT_INSTALMENT = "NextInstalment";
        public static final String AWAIT_REMINDER_DAY = "AwaitReminderDay";
        public static final String REMINDER_DAY_CAME = "ReminderDayCame";
        public static final String PAID_BEFORE_REMINDER = "PaidBeforeReminder";
        public static final String SEND_INSTALMENT_REMINDER = "SendInstalmentReminder";
        public static final String AWAIT_INSTALMENT_DATE = "AwaitInstalmentDate";
        public static final String GRACE_PASSED = "GracePassed";
        public static final String PAID_BY_DATE = "PaidByDate";
        public static final String SEND_MISSED_INSTALMENT_REMINDER = "SendMissedInstalmentReminder";
        public static final String AWAIT_LAST_CHANCE = "AwaitLastChance";
        public static final String MISSED_DEADLINE_PASSED = "MissedDeadlinePassed";
        public static final String PAID_AFTER_REMINDER = "PaidAfterReminder";
        public static final String BREAK_PAYMENT_PLAN = "BreakPaymentPlan";
        public static final String INSTALMENT_MISSED = "InstalmentMissed";
        public static final String EVERY_INSTALMENT_PAID = "EveryInstalmentPaid";
        public static final String PLAN_BROKEN_CAUGHT = "PlanBrokenCaught";
        public static final String PAYMENT_PLAN_BROKEN = "PaymentPlanBroken";
        public static final String PAYMENT_PLAN_PAID = "PaymentPlanPaid";
        public static final String DISPUTE_DURING_PLAN = "DisputeDuringPlan";
        public static final String RECORD_PLAN_DISPUTE = "RecordPlanDispute";
        public static final String RESOLVE_PLAN_DISPUTE = "ResolvePlanDispute";
        public static final String RECORD_PLAN_DISPUTE_RESOLUTION = "RecordPlanDisputeResolution";
        public static final String MORE_INFORMATION_ON_PLAN_DISPUTE_DUE = "MoreInformationOnPlanDisputeDue";
        public static final String CANCEL_PLAN_FOR_DISPUTE = "CancelPlanForDispute";
        public static final String PLAN_ENDED_BY_DISPUTE = "PlanEndedByDispute";

        private Elements() {}
    }

    /** Message names (correlated by business key = invoice number). */
    public static final class Messages {
        /** The customer accepted through the link; the acceptance is recorded before the message is sent. */
        public static final String PLAN_ACCEPTED = "PlanAccepted";
        /** A payment was allocated to the plan and did not settle the invoice (a settlement ends the whole case). */
        public static final String INSTALMENT_PAYMENT_RECEIVED = "InstalmentPaymentReceived";
        /** The collection case's own message for a dispute of the whole claim: it pauses the plan. */
        public static final String DISPUTE_RAISED = "DisputeRaised";

        private Messages() {}
    }

    /** BPMN error codes. */
    public static final class Errors {
        /** The proposal broke a rule: the collector sees why and proposes again. */
        public static final String PROPOSAL_INVALID = "PLAN_PROPOSAL_INVALID";
        public static final String PLAN_BROKEN = "PLAN_BROKEN";

        private Errors() {}
    }

    /** Process variables of a plan instance. */
    public static final class Variables {
        public static final String INVOICE_NUMBER = "invoiceNumber";
        /** Long: the plan; passed in when it was proposed through the API, else set by the proposal. */
        public static final String PLAN_ID = "planId";
        /** In the collection case: the plan the API proposed, handed to the next plan instance as {@link #PLAN_ID}. */
        public static final String PROPOSED_PLAN_ID = "proposedPlanId";
        /** Who completed the last task; set by the collection case's {@code recordDecider} listener. */
        public static final String DECIDED_BY = "decidedBy";
        /** One of {@link Outcomes}; copied back to the collection case. */
        public static final String PAYMENT_PLAN_OUTCOME = "paymentPlanOutcome";

        // proposal form answers
        /** PROPOSE or DECLINED. */
        public static final String PLAN_PROPOSAL = "planProposal";
        /** EVEN_SPLIT or EXPLICIT. */
        public static final String PLAN_SPLIT = "planSplit";
        public static final String INSTALMENT_COUNT = "instalmentCount";
        public static final String FIRST_PAYMENT_DATE = "firstPaymentDate";
        /** P1M, P14D, ... between even-split instalments. */
        public static final String PAYMENT_INTERVAL = "paymentInterval";
        /** Explicit instalments: one per line, "YYYY-MM-DD amount". */
        public static final String INSTALMENT_LINES = "instalmentLines";
        public static final String ADD_PLAN_FEE = "addPlanFee";
        public static final String PLAN_NOTES = "planNotes";
        /** Why the last proposal was refused, shown on the next proposal task. */
        public static final String PROPOSAL_PROBLEMS = "proposalProblems";

        // approval
        /** AUTOMATIC or MANAGER, from PaymentPlanApproval. */
        public static final String PLAN_APPROVAL = "planApproval";
        public static final String PLAN_APPROVAL_REASON = "planApprovalReason";
        /** The manager's answer: APPROVE or REJECT. */
        public static final String PLAN_APPROVAL_DECISION = "planApprovalDecision";
        public static final String PLAN_APPROVAL_NOTES = "planApprovalNotes";

        // confirmation
        /** Date: when an unconfirmed plan expires. */
        public static final String ACCEPTANCE_DEADLINE = "acceptanceDeadline";
        /** ISO-8601 instant: when the customer accepted on the page (set with {@link Messages#PLAN_ACCEPTED}). */
        public static final String PLAN_ACCEPTED_AT = "planAcceptedAt";
        /** The address the customer accepted from (set with {@link Messages#PLAN_ACCEPTED}). */
        public static final String PLAN_ACCEPTED_IP = "planAcceptedIp";
        /** The collector's answer: CONFIRMED (received by other means) or WITHDRAWN. */
        public static final String PLAN_CONFIRMATION = "planConfirmation";
        public static final String CONFIRMATION_NOTES = "confirmationNotes";
        /** Boolean: lift the customer's credit hold while the plan is kept (the policy's creditHoldWhileKept false). */
        public static final String RELEASE_HOLD_FOR_PLAN = "releaseHoldForPlan";

        // instalments
        public static final String INSTALMENT_SEQ = "instalmentSeq";
        /** One of {@link Stages}. */
        public static final String INSTALMENT_STAGE = "instalmentStage";
        /** Date: when the current stage's wait ends. */
        public static final String INSTALMENT_WAIT_UNTIL = "instalmentWaitUntil";
        /** Boolean: the missed instalment is still unpaid after its last chance. */
        public static final String PLAN_BROKEN = "planBroken";

        private Variables() {}
    }

    /** Read-only facts {@link Delegates#LOAD_PLAN_FACTS} puts on each plan task (task-local, shown by the forms). */
    public static final class TaskFacts {
        public static final String CUSTOMER_NAME = "customerName";
        public static final String CURRENCY = "currency";
        /** The claim a new plan must add up to: balance, fees and interest. */
        public static final String CLAIM = "claim";
        /** The policy's limits and the plan fee allowed, one per line. */
        public static final String PLAN_TERMS = "planTerms";
        /** An even split the collector can take as it is. */
        public static final String SUGGESTED_SPLIT = "suggestedSplit";
        /** The proposed plan: its instalments, total and fee, one per line. */
        public static final String PLAN_SUMMARY = "planSummary";

        private TaskFacts() {}
    }

    /** Values of {@link Variables#PAYMENT_PLAN_OUTCOME}. No value (or any other) means no plan came about. */
    public static final class Outcomes {
        public static final String PAID = "PAID";
        public static final String BROKEN = "BROKEN";
        public static final String DISPUTE_UPHELD = "DISPUTE_UPHELD";
        public static final String NOT_AGREED = "NOT_AGREED";

        private Outcomes() {}
    }

    /** Values of {@link Variables#INSTALMENT_STAGE}. */
    public static final class Stages {
        /** Before the reminder day of the next instalment. */
        public static final String REMIND = "REMIND";
        /** Reminded (or too late to remind): waiting for its date plus grace. */
        public static final String DUE = "DUE";
        /** Missed and reminded with a short deadline. */
        public static final String LAST_CHANCE = "LAST_CHANCE";
        public static final String ALL_PAID = "ALL_PAID";

        private Stages() {}
    }

    /** Camunda Forms of the plan's user tasks. */
    public static final class Forms {
        public static final String PROPOSE_PAYMENT_PLAN = "ProposePaymentPlanForm";
        public static final String PROPOSE_PAYMENT_PLAN_RESOURCE = "forms/propose-payment-plan.form";
        public static final String APPROVE_PAYMENT_PLAN = "ApprovePaymentPlanForm";
        public static final String APPROVE_PAYMENT_PLAN_RESOURCE = "forms/approve-payment-plan.form";
        public static final String CONFIRM_PAYMENT_PLAN = "ConfirmPaymentPlanForm";
        public static final String CONFIRM_PAYMENT_PLAN_RESOURCE = "forms/confirm-payment-plan.form";

        public static final java.util.List<String> RESOURCES = java.util.List.of(PROPOSE_PAYMENT_PLAN_RESOURCE,
                APPROVE_PAYMENT_PLAN_RESOURCE, CONFIRM_PAYMENT_PLAN_RESOURCE);

        private Forms() {}
    }

    private PaymentPlanProcess() {}
}
