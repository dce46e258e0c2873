package io.overdue.dunning;

/**
 * Names that tie Java code to {@code bpmn/collection-case.bpmn} and its form.
 *
 * <p>The model is edited in Camunda Modeler, so a renamed id would otherwise only show up as a
 * runtime failure. Keeping every string the code relies on in one place means a rename is one edit
 * here and a failing process test, not a hunt through services.
 */
public final class CollectionCaseProcess {

  public static final String PROCESS_KEY = "CollectionCase";

  /** Classpath location; the build copies {@code bpmn/} there so deployed and edited files are one. */
  public static final String RESOURCE = "bpmn/collection-case.bpmn";

  private CollectionCaseProcess() {}

  /** Spring bean names the model resolves through expressions. */
  public static final class Delegates {
    /** Task listener: puts today's facts of the invoice and its customer on a collector's task (task-local). */
    public static final String LOAD_CASE_FACTS = "loadCaseFacts";

    /**
     * Timings read when a timer or task is created ({@code ${dunningSchedule.courtesyWindowOpens(firstReminderAt)}}, {@code promiseFollowUp(promisedPaymentDate)},
     * {@code disputeInformationWait()}, {@code taskDue()}), so a changed setting applies to every timer created
     * after it without touching running cases' variables.
     */
    public static final String DUNNING_SCHEDULE = "dunningSchedule";

    /** Courtesy reminder: evaluates {@code CourtesyReminder}; sets {@link Variables#COURTESY_REMINDER_WANTED}, {@link Variables#COURTESY_REMINDER_AT}. */
    public static final String DECIDE_COURTESY_REMINDER = "decideCourtesyReminder";
    /** Sends the courtesy reminder (idempotent; skips when the invoice is closed or already due). */
    public static final String SEND_COURTESY_REMINDER = "sendCourtesyReminder";

    /**
     * Evaluates {@code DunningLevel} for level {@link Variables#LEVEL} + 1 and sets {@link Variables#NEXT_LEVEL},
     * {@link Variables#NEXT_NOTICE_AT} and {@link Variables#MORE_LEVELS}; with no further level, NEXT_NOTICE_AT is
     * the last notice's deadline. Consumes {@link Variables#NEXT_LEVEL_AT_ONCE}.
     */
    public static final String PLAN_NEXT_LEVEL = "planNextLevel";
    /**
     * Sends level {@link Variables#NEXT_LEVEL} on every channel the policy names on the day it goes, charges its fee,
     * and sets {@link Variables#LEVEL}, {@link Variables#LAST_NOTICE_AT}, {@link Variables#CREDIT_HOLD} and
     * {@link Variables#CALL_CUSTOMER}.
     */
    public static final String SEND_DUNNING_NOTICE = "sendDunningNotice";
    /** Puts the customer on credit hold (stored + outbound webhook). */
    public static final String PLACE_CREDIT_HOLD = "placeCreditHold";
    /** Lifts the policy's hold when none of the customer's invoices is overdue any more; always asynchronous. */
    public static final String RELEASE_CREDIT_HOLD = "releaseCreditHold";
    /** Escalation decided "one more round": the last level goes once more ({@link Variables#ROUND} + 1). */
    public static final String START_ONE_MORE_ROUND = "startOneMoreRound";

    /** Stores the promise from {@link Variables#PROMISED_PAYMENT_DATE} / {@link Variables#PROMISED_AMOUNT}; sets {@link Variables#PROMISE_ID}. */
    public static final String RECORD_PROMISE = "recordPromise";
    /** At the promised date plus grace: sets {@link Variables#PROMISE_KEPT}, marks the promise kept or broken. */
    public static final String CHECK_PROMISE = "checkPromise";

    /** Stores the dispute from {@link Variables#DISPUTE_REASON} / {@link Variables#DISPUTED_AMOUNT}; sets {@link Variables#DISPUTE_ID}. */
    public static final String RECORD_DISPUTE = "recordDispute";
    /** Stores the collector's decision ({@link Variables#DISPUTE_RESOLUTION}) on dispute {@link Variables#DISPUTE_ID}. */
    public static final String RECORD_DISPUTE_RESOLUTION = "recordDisputeResolution";
    /**
     * Books a credit note for the upheld part ({@link Variables#CREDIT_AMOUNT}, else the disputed amount, at most the
     * balance) without moving the case by message; sets {@link Variables#INVOICE_CREDITED_IN_FULL} when nothing is
     * left, which ends the case through {@link Elements#INVOICE_CREDITED_SUB_PROCESS}.
     */
    public static final String CREDIT_DISPUTED_AMOUNT = "creditDisputedAmount";

    /** The case is ending (paid, cancelled, credited): pending promises kept or void, open disputes closed. */
    public static final String CLOSE_CASE = "closeCase";
    /** Hands the case file to the collection agency (idempotent per invoice). */
    public static final String HAND_OVER_TO_AGENCY = "handOverToAgency";
    /** Writes the open balance off (by {@link Variables#DECIDED_BY}, with {@link Variables#ESCALATION_REASON}) and closes the invoice. */
    public static final String WRITE_OFF_INVOICE = "writeOffInvoice";
    /** Task listener on complete of every decision task: sets {@link Variables#DECIDED_BY} (assignee, else the current user). */
    public static final String RECORD_DECIDER = "recordDecider";
    /**
     * Execution listener on taking {@link Elements#CALL_NEEDED}: sets {@link Variables#CALL_COVERED} when the customer's
     * call is already open or waiting in another case; else reserves the customer's next call slot (within the call
     * caps and contact hours) and sets {@link Variables#CALL_SLOT_AT} and {@link Variables#CALL_SLOT_NOW}.
     */
    public static final String RESERVE_CALL_SLOT = "reserveCallSlot";

    /** Stores the hold from {@link Variables#HOLD_UNTIL}, {@link Variables#HOLD_REASON}, {@link Variables#HELD_BY}; sets {@link Variables#HOLD_ID}. */
    public static final String RECORD_HOLD = "recordHold";

    /** Marks the hold {@link Variables#HOLD_ID} ended: released by {@link Variables#HOLD_RELEASED_BY}, or its date reached. */
    public static final String END_HOLD = "endHold";

    private Delegates() {}
  }

  /** Ids of BPMN elements, for tests and for code that inspects running cases (e.g. activity queries). */
  public static final class Elements {
    public static final String INVOICE_RECEIVED = "InvoiceReceived";
    /** Embedded subprocess: waiting for the due date and the dunning levels; promises, disputes and plan requests interrupt it. */
    public static final String COLLECTION = "Collection";
    public static final String COLLECTION_STARTED = "CollectionStarted";
    public static final String AWAIT_DUE_DATE = "AwaitDueDate";
    public static final String DUE_DATE_PASSED = "DueDatePassed";
    public static final String INVOICE_AMENDED = "InvoiceAmended";
    public static final String PLAN_MERGE = "PlanMerge";
    public static final String PLAN_NEXT_LEVEL = "PlanNextLevel";
    public static final String ANOTHER_LEVEL = "AnotherLevel";
    public static final String LEVEL_AHEAD = "LevelAhead";
    public static final String NO_LEVEL_LEFT = "NoLevelLeft";
    public static final String AWAIT_NEXT_LEVEL = "AwaitNextLevel";
    public static final String NEXT_LEVEL_DUE = "NextLevelDue";
    public static final String INVOICE_AMENDED_BEFORE_NOTICE = "InvoiceAmendedBeforeNotice";
    public static final String SEND_DUNNING_NOTICE = "SendDunningNotice";
    public static final String CREDIT_HOLD_REQUIRED = "CreditHoldRequired";
    public static final String HOLD_DELIVERIES = "HoldDeliveries";
    public static final String NO_CREDIT_HOLD = "NoCreditHold";
    public static final String PLACE_CREDIT_HOLD = "PlaceCreditHold";
    public static final String CALL_MERGE = "CallMerge";
    public static final String CALL_REQUIRED = "CallRequired";
    public static final String CALL_NEEDED = "CallNeeded";
    public static final String NO_CALL_NEEDED = "NoCallNeeded";
    public static final String CALL_SLOT_FREE = "CallSlotFree";
    public static final String CALL_SLOT_FREE_NOW = "CallSlotFreeNow";
    public static final String CALL_COVERED = "CallCovered";
    public static final String CALL_SLOT_LATER = "CallSlotLater";
    public static final String CALL_SLOT_REACHED = "CallSlotReached";
    public static final String CALL_CUSTOMER = "CallCustomer";
    public static final String CALL_RESULT = "CallResult";
    public static final String CUSTOMER_PROMISED_TO_PAY = "CustomerPromisedToPay";
    public static final String CUSTOMER_DISPUTED = "CustomerDisputed";
    public static final String CUSTOMER_REQUESTED_PLAN = "CustomerRequestedPlan";
    public static final String NO_AGREEMENT = "NoAgreement";
    public static final String PROMISE_MADE_ON_CALL = "PromiseMadeOnCall";
    public static final String DISPUTE_RAISED_ON_CALL = "DisputeRaisedOnCall";
    public static final String PAYMENT_PLAN_REQUESTED_ON_CALL = "PaymentPlanRequestedOnCall";
    public static final String FINAL_DEADLINE_PASSED = "FinalDeadlinePassed";
    public static final String LEVELS_EXHAUSTED = "LevelsExhausted";

    /** Boundary events of {@link #COLLECTION}. */
    public static final String PROMISE_RECEIVED = "PromiseReceived";
    public static final String PROMISE_MADE_ON_CALL_CAUGHT = "PromiseMadeOnCallCaught";
    public static final String DISPUTE_RECEIVED = "DisputeReceived";
    public static final String DISPUTE_RAISED_ON_CALL_CAUGHT = "DisputeRaisedOnCallCaught";
    public static final String PAYMENT_PLAN_REQUEST_RECEIVED = "PaymentPlanRequestReceived";
    public static final String PAYMENT_PLAN_REQUESTED_ON_CALL_CAUGHT = "PaymentPlanRequestedOnCallCaught";

    public static final String DECIDE_ESCALATION = "DecideEscalation";
    public static final String ESCALATION_DECISION = "EscalationDecision";
    public static final String HAND_TO_AGENCY = "HandToAgency";
    public static final String WRITE_OFF_DECIDED = "WriteOffDecided";
    public static final String TAKE_LEGAL_ACTION = "TakeLegalAction";
    public static final String ONE_MORE_ROUND = "OneMoreRound";
    public static final String HAND_OVER_TO_AGENCY = "HandOverToAgency";
    public static final String HANDED_OVER_TO_AGENCY = "HandedOverToAgency";
    public static final String WRITE_OFF_INVOICE = "WriteOffInvoice";
    public static final String RELEASE_CREDIT_HOLD_AFTER_WRITE_OFF = "ReleaseCreditHoldAfterWriteOff";
    public static final String HOLD_TO_RELEASE_AFTER_WRITE_OFF = "HoldToReleaseAfterWriteOff";
    public static final String RELEASE_HOLD_AFTER_WRITE_OFF = "ReleaseHoldAfterWriteOff";
    public static final String NO_HOLD_AFTER_WRITE_OFF = "NoHoldAfterWriteOff";
    public static final String WRITTEN_OFF = "WrittenOff";
    public static final String PREPARE_LEGAL_ACTION = "PrepareLegalAction";
    public static final String LEGAL_ACTION_TAKEN = "LegalActionTaken";
    public static final String START_ONE_MORE_ROUND = "StartOneMoreRound";

    public static final String HOLD_REQUESTED = "HoldRequested";
    public static final String RECORD_HOLD = "RecordHold";
    public static final String AWAIT_END_OF_HOLD = "AwaitEndOfHold";
    public static final String HOLD_DATE_REACHED = "HoldDateReached";
    public static final String HOLD_RELEASED = "HoldReleased";
    public static final String END_HOLD = "EndHold";
    public static final String HOLD_OVER = "HoldOver";

    public static final String PROMISE_MERGE = "PromiseMerge";
    public static final String RECORD_PROMISE = "RecordPromise";
    public static final String PROMISED_PAYMENT_DUE = "PromisedPaymentDue";
    public static final String CHECK_PROMISE = "CheckPromise";
    public static final String PROMISE_KEPT = "PromiseKept";
    public static final String PROMISE_WAS_KEPT = "PromiseWasKept";
    public static final String PROMISE_WAS_BROKEN = "PromiseWasBroken";

    public static final String DISPUTE_MERGE = "DisputeMerge";
    public static final String RECORD_DISPUTE = "RecordDispute";
    public static final String RESOLVE_DISPUTE_MERGE = "ResolveDisputeMerge";
    public static final String RESOLVE_DISPUTE = "ResolveDispute";
    public static final String RECORD_DISPUTE_RESOLUTION = "RecordDisputeResolution";
    public static final String DISPUTE_RESOLUTION = "DisputeResolution";
    public static final String UPHOLD_DISPUTE = "UpholdDispute";
    public static final String REJECT_DISPUTE = "RejectDispute";
    public static final String NEED_MORE_INFORMATION = "NeedMoreInformation";
    public static final String CREDIT_DISPUTED_AMOUNT = "CreditDisputedAmount";
    public static final String MORE_INFORMATION_DUE = "MoreInformationDue";

    public static final String PLAN_REQUEST_MERGE = "PlanRequestMerge";
    /** Call activity: runs bpmn/payment-plan.bpmn ({@code io.overdue.plans.PaymentPlanProcess}) for the invoice. */
    public static final String RUN_PAYMENT_PLAN = "RunPaymentPlan";
    public static final String PAYMENT_PLAN_ENDED = "PaymentPlanEnded";
    public static final String PLAN_PAID = "PlanPaid";
    public static final String PLAN_BROKEN = "PlanBroken";
    public static final String PLAN_DISPUTE_UPHELD = "PlanDisputeUpheld";
    public static final String PLAN_NOT_AGREED = "PlanNotAgreed";
    public static final String CLOSE_CASE_PAID_BY_PLAN = "CloseCasePaidByPlan";
    public static final String HOLD_TO_RELEASE_AFTER_PLAN = "HoldToReleaseAfterPlan";
    public static final String RELEASE_CREDIT_HOLD_AFTER_PLAN = "ReleaseCreditHoldAfterPlan";
    public static final String CASE_PAID_BY_PLAN = "CasePaidByPlan";

    public static final String INVOICE_SETTLED_SUB_PROCESS = "InvoiceSettledSubProcess";
    public static final String INVOICE_SETTLED = "InvoiceSettled";
    public static final String CLOSE_SETTLED_CASE = "CloseSettledCase";
    public static final String RELEASE_CREDIT_HOLD_AFTER_SETTLEMENT = "ReleaseCreditHoldAfterSettlement";
    public static final String HOLD_TO_RELEASE_AFTER_SETTLEMENT = "HoldToReleaseAfterSettlement";
    public static final String RELEASE_HOLD_AFTER_SETTLEMENT = "ReleaseHoldAfterSettlement";
    public static final String SETTLED_BY_PLAN = "SettledByPlan";
    /** The invoice was paid in full while a plan was active: the case ends "Paid by plan". */
    public static final String CASE_SETTLED_BY_PLAN = "CaseSettledByPlan";
    public static final String NO_HOLD_AFTER_SETTLEMENT = "NoHoldAfterSettlement";
    public static final String SETTLED_HOW = "SettledHow";
    public static final String SETTLED_BY_PAYMENT = "SettledByPayment";
    public static final String SETTLED_OTHERWISE = "SettledOtherwise";
    public static final String CASE_PAID = "CasePaid";
    public static final String CASE_CANCELLED = "CaseCancelled";

    public static final String INVOICE_CREDITED_SUB_PROCESS = "InvoiceCreditedSubProcess";
    public static final String INVOICE_CREDITED_IN_FULL = "InvoiceCreditedInFull";
    public static final String CLOSE_CREDITED_CASE = "CloseCreditedCase";
    public static final String RELEASE_CREDIT_HOLD_AFTER_CREDIT = "ReleaseCreditHoldAfterCredit";
    public static final String HOLD_TO_RELEASE_AFTER_CREDIT = "HoldToReleaseAfterCredit";
    public static final String RELEASE_HOLD_AFTER_CREDIT = "ReleaseHoldAfterCredit";
    public static final String NO_HOLD_AFTER_CREDIT = "NoHoldAfterCredit";
    public static final String CASE_CREDITED = "CaseCredited";

    public static final String BALANCE_REDUCED_SUB_PROCESS = "BalanceReducedSubProcess";
    public static final String BALANCE_REDUCED = "BalanceReduced";
    public static final String DUNNING_GOES_ON = "DunningGoesOn";

    public static final String PARTIAL_DISPUTE_SUB_PROCESS = "PartialDisputeSubProcess";
    public static final String PARTIAL_DISPUTE_RAISED = "PartialDisputeRaised";
    public static final String RECORD_PARTIAL_DISPUTE = "RecordPartialDispute";
    public static final String RESOLVE_PARTIAL_DISPUTE_MERGE = "ResolvePartialDisputeMerge";
    public static final String RESOLVE_PARTIAL_DISPUTE = "ResolvePartialDispute";
    public static final String RECORD_PARTIAL_DISPUTE_RESOLUTION = "RecordPartialDisputeResolution";
    public static final String PARTIAL_DISPUTE_RESOLUTION = "PartialDisputeResolution";
    public static final String UPHOLD_PARTIAL_DISPUTE = "UpholdPartialDispute";
    public static final String REJECT_PARTIAL_DISPUTE = "RejectPartialDispute";
    public static final String NEED_MORE_INFORMATION_ON_PART = "NeedMoreInformationOnPart";
    public static final String CREDIT_DISPUTED_PART = "CreditDisputedPart";
    public static final String PARTIAL_DISPUTE_UPHELD = "PartialDisputeUpheld";
    public static final String PARTIAL_DISPUTE_REJECTED = "PartialDisputeRejected";
    public static final String MORE_INFORMATION_ON_PART_DUE = "MoreInformationOnPartDue";

    public static final String COURTESY_REMINDER_SUB_PROCESS = "CourtesyReminderSubProcess";
    public static final String COURTESY_WINDOW_OPENED = "CourtesyWindowOpened";
    public static final String DECIDE_COURTESY_REMINDER = "DecideCourtesyReminder";
    public static final String COURTESY_REMINDER_WANTED = "CourtesyReminderWanted";
    public static final String COURTESY_REMINDER_PLANNED = "CourtesyReminderPlanned";
    public static final String NO_COURTESY_REMINDER = "NoCourtesyReminder";
    public static final String COURTESY_REMINDER_DUE = "CourtesyReminderDue";
    public static final String SEND_COURTESY_REMINDER = "SendCourtesyReminder";
    public static final String COURTESY_REMINDER_SENT = "CourtesyReminderSent";
    public static final String COURTESY_REMINDER_SKIPPED = "CourtesyReminderSkipped";


    private Elements() {}
  }

  /** Message names (not the definition ids) as used in {@code runtimeService.createMessageCorrelation}. */
  public static final class Messages {
    /**
     * Due date or amount changed; correlates while the case waits for its due date (set
     * {@link Variables#FIRST_REMINDER_AT} with it) or for its next notice (which is then planned again).
     */
    public static final String INVOICE_AMENDED = "InvoiceAmended";

    /** Paid in full, credited or cancelled: accepted in every state and ends the case; set {@link Variables#SETTLEMENT}. */
    public static final String INVOICE_SETTLED = "InvoiceSettled";

    /** A part payment or part credit: accepted in every state, dunning goes on for the rest. */
    public static final String BALANCE_REDUCED = "BalanceReduced";

    /** While collecting: pause until {@link Variables#PROMISED_PAYMENT_DATE} plus grace; set it and {@link Variables#PROMISED_AMOUNT}. */
    public static final String PROMISE_TO_PAY = "PromiseToPay";

    /** While collecting: the whole claim is disputed; set {@link Variables#DISPUTE_REASON} (and {@link Variables#DISPUTED_AMOUNT}). */
    public static final String DISPUTE_RAISED = "DisputeRaised";

    /** At any time: part of the claim is disputed; dunning goes on for the undisputed part. Same variables. */
    public static final String PARTIAL_DISPUTE_RAISED = "PartialDisputeRaised";

    /** While collecting: the customer asks to pay in instalments. */
    public static final String PAYMENT_PLAN_REQUESTED = "PaymentPlanRequested";

    /** While collecting: stop dunning until {@link Variables#HOLD_UNTIL}; set it, {@link Variables#HOLD_REASON} and {@link Variables#HELD_BY}. */
    public static final String CASE_HOLD_REQUESTED = "CaseHoldRequested";

    /** While on hold: resume dunning now; set {@link Variables#HOLD_RELEASED_BY}. */
    public static final String CASE_HOLD_RELEASED = "CaseHoldReleased";

    private Messages() {}
  }

  /** Escalation codes thrown by the call's end events and caught on {@link Elements#COLLECTION}. */
  public static final class Escalations {
    public static final String PROMISE_TO_PAY = "PROMISE_TO_PAY";
    public static final String DISPUTE = "DISPUTE";
    public static final String PAYMENT_PLAN_REQUESTED = "PAYMENT_PLAN_REQUESTED";

    private Escalations() {}
  }

  /**
   * Variable names; the forms' field keys must match these (the tests check that). A case starts with only
   * {@link #INVOICE_NUMBER} and {@link #FIRST_REMINDER_AT}: the invoice's other facts live in our tables and are
   * put on each collector's task, fresh, by {@link Delegates#LOAD_CASE_FACTS}.
   */
  public static final class Variables {
    public static final String INVOICE_NUMBER = "invoiceNumber";
    public static final String CUSTOMER_NUMBER = "customerNumber";
    public static final String CUSTOMER_NAME = "customerName";
    public static final String OPEN_BALANCE = "openBalance";
    public static final String CURRENCY = "currency";
    public static final String DUE_DATE = "dueDate";

    /** {@link java.util.Date}: due date plus grace period, decided by the caller, not the model. */
    public static final String FIRST_REMINDER_AT = "firstReminderAt";

    /** Boolean: the policy wants a courtesy reminder before the due date. */
    public static final String COURTESY_REMINDER_WANTED = "courtesyReminderWanted";
    /** {@link java.util.Date} the courtesy reminder goes. */
    public static final String COURTESY_REMINDER_AT = "courtesyReminderAt";

    /** Integer: the last dunning level sent (absent: none yet). */
    public static final String LEVEL = "level";
    /** Integer: the level being planned or sent. */
    public static final String NEXT_LEVEL = "nextLevel";
    /** Integer: 1, or more after a manager decided on one more round; part of every notice's idempotency key. */
    public static final String ROUND = "round";
    /** {@link java.util.Date} the next level goes, or (no level left) when the last deadline has passed. */
    public static final String NEXT_NOTICE_AT = "nextNoticeAt";
    /** Boolean: the policy has a level after {@link #LEVEL}. */
    public static final String MORE_LEVELS = "moreLevels";
    /** Boolean: a broken promise sends the next level now instead of after its wait; consumed by the planning. */
    public static final String NEXT_LEVEL_AT_ONCE = "nextLevelAtOnce";
    /** {@link java.util.Date} the last notice went; waits are counted from it. */
    public static final String LAST_NOTICE_AT = "lastNoticeAt";
    /** Boolean: the level just sent asks for a credit hold. */
    public static final String CREDIT_HOLD = "creditHold";
    /** Boolean: the level just sent asks for a call. */
    public static final String CALL_CUSTOMER = "callCustomer";
    /** Date: when the call task may open, the customer's reserved call slot (caps and contact hours). */
    public static final String CALL_SLOT_AT = "callSlotAt";
    /** Boolean: the call slot is now, the task opens at once. */
    public static final String CALL_SLOT_NOW = "callSlotNow";
    /** Boolean: another case of the customer has its call task open or waiting; that call covers this case. */
    public static final String CALL_COVERED = "callCovered";

    /** One of {@link ContactResults}; from the call form. */
    public static final String CONTACT_RESULT = "contactResult";
    /** One of {@link CallOutcomes}; from the call form. */
    public static final String CALL_OUTCOME = "callOutcome";
    /** Call form answers to the brief's questions (booleans, payment method as text). */
    public static final String INVOICE_CORRECT = "invoiceCorrect";
    public static final String INVOICE_RECEIVED = "invoiceReceived";
    public static final String PAYMENT_METHOD = "paymentMethod";
    public static final String CUSTOMER_SATISFIED = "customerSatisfied";
    public static final String CALL_NOTES = "callNotes";

    /**
     * {@code "yyyy-MM-dd"} string as the forms' date fields submit it (also the API). For "paid already" the day
     * the customer says it was paid.
     */
    public static final String PROMISED_PAYMENT_DATE = "promisedPaymentDate";

    /** String yyyy-MM-dd: the day dunning resumes after a hold, at the reminder time. */
    public static final String HOLD_UNTIL = "holdUntil";
    /** String: why the case is on hold. */
    public static final String HOLD_REASON = "holdReason";
    /** String: the user who put the case on hold. */
    public static final String HELD_BY = "heldBy";
    /** Long: the hold's row in {@code case_hold}. */
    public static final String HOLD_ID = "holdId";
    /** String: the user who released the hold before its date. */
    public static final String HOLD_RELEASED_BY = "holdReleasedBy";
    /** Decimal as string or number; absent: the whole balance. */
    public static final String PROMISED_AMOUNT = "promisedAmount";
    public static final String PROMISE_NOTE = "promiseNote";
    /** Long: id of the stored promise. */
    public static final String PROMISE_ID = "promiseId";
    /** Boolean: set by {@link Delegates#CHECK_PROMISE}. */
    public static final String PROMISE_KEPT = "promiseKept";

    public static final String DISPUTE_REASON = "disputeReason";
    /** Decimal as string or number; absent: the whole balance. */
    public static final String DISPUTED_AMOUNT = "disputedAmount";
    /** Long: id of the stored dispute. */
    public static final String DISPUTE_ID = "disputeId";
    /** One of {@link DisputeResolutions}; from the dispute form. */
    public static final String DISPUTE_RESOLUTION = "disputeResolution";
    /** Decimal the collector credits when upholding; absent: the disputed amount. */
    public static final String CREDIT_AMOUNT = "creditAmount";
    public static final String RESOLUTION_NOTES = "resolutionNotes";
    /** Boolean: the credit note of an upheld dispute left nothing to pay; ends the case. */
    public static final String INVOICE_CREDITED_IN_FULL = "invoiceCreditedInFull";

    /** How the payment plan ended, copied from the plan process: {@code io.overdue.plans.PaymentPlanProcess.Outcomes}. */
    public static final String PAYMENT_PLAN_OUTCOME = io.overdue.plans.PaymentPlanProcess.Variables.PAYMENT_PLAN_OUTCOME;
    /** Long: a plan the API proposed, for the next plan instance to start from (removed when that instance ends). */
    public static final String PROPOSED_PLAN_ID = io.overdue.plans.PaymentPlanProcess.Variables.PROPOSED_PLAN_ID;

    /** One of {@link EscalationDecisions}; from the managers' form. */
    public static final String ESCALATION_DECISION = "escalationDecision";
    public static final String ESCALATION_REASON = "escalationReason";
    /** Optional agency name; absent: the configured one. */
    public static final String AGENCY_NAME = "agencyName";
    public static final String LEGAL_ACTION_NOTES = "legalActionNotes";

    /** User id of whoever completed the last decision task (dispute, escalation, plan); set by {@link Delegates#RECORD_DECIDER}. */
    public static final String DECIDED_BY = "decidedBy";

    /** How the invoice was settled (an {@code InvoiceStatus} name); passed with {@link Messages#INVOICE_SETTLED}. */
    public static final String SETTLEMENT = "settlement";
    /**
     * Boolean, set by {@link Delegates#CLOSE_CASE}: an active payment plan paid the invoice (the case ends "Paid by
     * plan"); false for every other ending, also when a live plan was cancelled with the invoice.
     */
    public static final String PAID_BY_PLAN = "paidByPlan";


    private Variables() {}
  }

  /**
   * Task-local, read-only facts that {@link Delegates#LOAD_CASE_FACTS} puts on every collector's and manager's task
   * (besides {@link Variables#INVOICE_NUMBER}, {@link Variables#CUSTOMER_NUMBER}, {@link Variables#CUSTOMER_NAME},
   * {@link Variables#OPEN_BALANCE}, {@link Variables#CURRENCY}, {@link Variables#DUE_DATE}): plain strings, several
   * lines where a list is shown, so that Tasklist's form shows them as they are.
   */
  public static final class TaskFacts {
    /** "1", "2" …, or "none yet". */
    public static final String DUNNING_LEVEL = "dunningLevel";
    /** Fees and interest claimed so far, one per line, and the total. */
    public static final String CHARGES = "charges";
    /** Total claimed: balance plus fees and interest. */
    public static final String TOTAL_CLAIMED = "totalClaimed";
    /** The customer's contacts by role with email and phone, one per line. */
    public static final String CONTACTS = "contacts";
    /** The customer's phone number to call (main contact). */
    public static final String PHONE = "phone";
    /** The customer's open invoices with balance and due date, one per line. */
    public static final String OPEN_INVOICES = "openInvoices";
    /** The latest notices and contacts from the communication log, newest first, one per line. */
    public static final String LAST_CONTACTS = "lastContacts";
    /** Promises and disputes so far, one per line. */
    public static final String PROMISES_AND_DISPUTES = "promisesAndDisputes";
    /** Whether the customer is on credit hold, as text. */
    public static final String CREDIT_HOLD_STATE = "creditHoldState";

    private TaskFacts() {}
  }

  /** Values of {@link Variables#CONTACT_RESULT}. */
  public static final class ContactResults {
    public static final String REACHED = "REACHED";
    public static final String NO_ANSWER = "NO_ANSWER";
    public static final String VOICEMAIL = "VOICEMAIL";
    public static final String WRONG_NUMBER = "WRONG_NUMBER";

    private ContactResults() {}
  }

  /** Values of {@link Variables#CALL_OUTCOME}. */
  public static final class CallOutcomes {
    /** Nothing agreed (also when not reached): dunning goes on. */
    public static final String NO_AGREEMENT = "NO_AGREEMENT";
    /** The customer says it is paid: wait for the payment like for a promise, dated the day paid. */
    public static final String PAID_ALREADY = "PAID_ALREADY";
    public static final String PROMISED_TO_PAY = "PROMISED_TO_PAY";
    public static final String DISPUTED = "DISPUTED";
    public static final String PAYMENT_PLAN_REQUESTED = "PAYMENT_PLAN_REQUESTED";

    private CallOutcomes() {}
  }

  /** Values of {@link Variables#DISPUTE_RESOLUTION}. */
  public static final class DisputeResolutions {
    /** The customer is right: credit the disputed amount (or {@link Variables#CREDIT_AMOUNT}). */
    public static final String UPHOLD = "UPHOLD";
    /** The claim stands: dunning resumes. */
    public static final String REJECT = "REJECT";
    /** Ask the customer or colleagues and look again after {@code dunningSchedule.disputeInformationWait()}. */
    public static final String MORE_INFORMATION = "MORE_INFORMATION";

    private DisputeResolutions() {}
  }

  /** Values of {@link Variables#ESCALATION_DECISION}. */
  public static final class EscalationDecisions {
    public static final String AGENCY = "AGENCY";
    public static final String WRITE_OFF = "WRITE_OFF";
    public static final String ONE_MORE_ROUND = "ONE_MORE_ROUND";
    public static final String LEGAL_ACTION = "LEGAL_ACTION";

    private EscalationDecisions() {}
  }

  /** Camunda Forms: the {@code id} inside each JSON, bound with {@code formRefBinding="latest"}, and its file. */
  public static final class Forms {
    public static final String CALL_CUSTOMER = "CallCustomerForm";
    public static final String CALL_CUSTOMER_RESOURCE = "forms/call-customer.form";
    public static final String RESOLVE_DISPUTE = "ResolveDisputeForm";
    public static final String RESOLVE_DISPUTE_RESOURCE = "forms/resolve-dispute.form";
    public static final String DECIDE_ESCALATION = "DecideEscalationForm";
    public static final String DECIDE_ESCALATION_RESOURCE = "forms/decide-escalation.form";
    public static final String PREPARE_LEGAL_ACTION = "PrepareLegalActionForm";
    public static final String PREPARE_LEGAL_ACTION_RESOURCE = "forms/prepare-legal-action.form";

    /**
     * What each form asks, by form resource. Tasklist pre-fills a form from every variable its task can see, so a
     * second call would show the first call's answers: {@link Delegates#LOAD_CASE_FACTS} removes these from the case
     * when the task is created (the form test holds each form's editable fields to this list).
     */
    public static final java.util.Map<String, java.util.Set<String>> ANSWERS = java.util.Map.of(
        CALL_CUSTOMER_RESOURCE, java.util.Set.of(Variables.CONTACT_RESULT, Variables.INVOICE_RECEIVED,
            Variables.INVOICE_CORRECT, Variables.CUSTOMER_SATISFIED, Variables.PAYMENT_METHOD, Variables.CALL_OUTCOME,
            Variables.PROMISED_PAYMENT_DATE, Variables.PROMISED_AMOUNT, Variables.DISPUTE_REASON,
            Variables.DISPUTED_AMOUNT, Variables.CALL_NOTES),
        RESOLVE_DISPUTE_RESOURCE, java.util.Set.of(Variables.DISPUTE_RESOLUTION, Variables.CREDIT_AMOUNT,
            Variables.RESOLUTION_NOTES),
        DECIDE_ESCALATION_RESOURCE, java.util.Set.of(Variables.ESCALATION_DECISION, Variables.AGENCY_NAME,
            Variables.ESCALATION_REASON),
        PREPARE_LEGAL_ACTION_RESOURCE, java.util.Set.of(Variables.LEGAL_ACTION_NOTES));

    /** The form resource of each user task. */
    public static final java.util.Map<String, String> RESOURCE_OF_TASK = java.util.Map.of(
        Elements.CALL_CUSTOMER, CALL_CUSTOMER_RESOURCE,
        Elements.RESOLVE_DISPUTE, RESOLVE_DISPUTE_RESOURCE,
        Elements.RESOLVE_PARTIAL_DISPUTE, RESOLVE_DISPUTE_RESOURCE,
        Elements.DECIDE_ESCALATION, DECIDE_ESCALATION_RESOURCE,
        io.overdue.plans.PaymentPlanProcess.Elements.RESOLVE_PLAN_DISPUTE, RESOLVE_DISPUTE_RESOURCE,
        Elements.PREPARE_LEGAL_ACTION, PREPARE_LEGAL_ACTION_RESOURCE);

    /** Every form the collection case needs, to deploy with {@link CollectionCaseProcess#RESOURCE}. */
    public static final java.util.List<String> RESOURCES = java.util.List.of(CALL_CUSTOMER_RESOURCE,
        RESOLVE_DISPUTE_RESOURCE, DECIDE_ESCALATION_RESOURCE,
        PREPARE_LEGAL_ACTION_RESOURCE);


    private Forms() {}
  }

  public static final class Groups {
    public static final String COLLECTORS = "collectors";
    public static final String MANAGERS = "managers";

    private Groups() {}
  }
}
