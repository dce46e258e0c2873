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
    public static final String SEND_FIRST_REMINDER = "sendFirstReminder";

    /** Task listener that shows the collector today's facts of the invoice as task-local variables. */
    public static final String LOAD_CASE_FACTS = "loadCaseFacts";

    /**
     * Timings of the policy ({@code reminderDeadline()}, {@code followUpInterval()}: ISO-8601 durations), read when a
     * timer is created rather than stored in every case.
     */
    public static final String DUNNING_SCHEDULE = "dunningSchedule";

    private Delegates() {}
  }

  /** Ids of BPMN elements, for tests and for code that inspects running cases (e.g. activity queries). */
  public static final class Elements {
    public static final String INVOICE_RECEIVED = "InvoiceReceived";
    public static final String AWAIT_DUE_DATE_MERGE = "AwaitDueDateMerge";
    public static final String AWAIT_DUE_DATE = "AwaitDueDate";
    public static final String DUE_DATE_PASSED = "DueDatePassed";
    public static final String INVOICE_AMENDED = "InvoiceAmended";
    public static final String SEND_FIRST_REMINDER = "SendFirstReminder";
    public static final String REMINDER_DEADLINE_PASSED = "ReminderDeadlinePassed";
    public static final String FOLLOW_UP_MERGE = "FollowUpMerge";
    public static final String FOLLOW_UP_OVERDUE_INVOICE = "FollowUpOverdueInvoice";
    public static final String FOLLOW_UP_OUTCOME = "FollowUpOutcome";
    /** Sequence flow, named because which branch was taken is what an audit asks about. */
    public static final String PROMISED_TO_PAY = "PromisedToPay";
    /** Default sequence flow out of {@link #FOLLOW_UP_OUTCOME}. */
    public static final String NO_PROMISE = "NoPromise";
    public static final String PROMISED_PAYMENT_DATE_PASSED = "PromisedPaymentDatePassed";
    public static final String FOLLOW_UP_INTERVAL_PASSED = "FollowUpIntervalPassed";
    public static final String INVOICE_SETTLED_SUB_PROCESS = "InvoiceSettledSubProcess";
    public static final String INVOICE_SETTLED = "InvoiceSettled";
    public static final String CASE_SETTLED = "CaseSettled";

    private Elements() {}
  }

  /** Message names (not the definition ids) as used in {@code runtimeService.createMessageCorrelation}. */
  public static final class Messages {
    /**
     * Only correlates while the case still waits for its due date; set {@link Variables#FIRST_REMINDER_AT}
     * with the message, because that is what the re-created timer reads.
     */
    public static final String INVOICE_AMENDED = "InvoiceAmended";

    /** Paid in full, credited or cancelled: accepted in every state and ends the case. */
    public static final String INVOICE_SETTLED = "InvoiceSettled";

    private Messages() {}
  }

  /**
   * Variable names; the form's field keys must match these (the tests check that). A case carries only
   * {@link #INVOICE_NUMBER} and {@link #FIRST_REMINDER_AT} from its start: the invoice's other facts live in
   * our tables and are put on each follow-up task, fresh, by {@link Delegates#LOAD_CASE_FACTS}.
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

    /** One of {@link FollowUpOutcomes}; set by the collector through the form. */
    public static final String FOLLOW_UP_OUTCOME = "followUpOutcome";

    /**
     * {@code "yyyy-MM-dd"} string as the form's date field submits it. The timer fires when that day
     * is over (start of the next day in the engine JVM's default time zone).
     */
    public static final String PROMISED_PAYMENT_DATE = "promisedPaymentDate";

    public static final String FOLLOW_UP_NOTES = "followUpNotes";

    /** How the invoice was settled; passed with the {@link Messages#INVOICE_SETTLED} message. */
    public static final String SETTLEMENT = "settlement";

    private Variables() {}
  }

  /** Values of {@link Variables#FOLLOW_UP_OUTCOME}, as offered by the form's radio group. */
  public static final class FollowUpOutcomes {
    /** The only value the gateway tests for; everything else waits the follow-up interval. */
    public static final String PROMISED_TO_PAY = "PROMISED_TO_PAY";
    public static final String NOT_REACHED = "NOT_REACHED";
    public static final String REACHED_NO_PROMISE = "REACHED_NO_PROMISE";

    private FollowUpOutcomes() {}
  }

  public static final class Forms {
    /** Form id inside the JSON; the user task binds to it with {@code formRefBinding="latest"}. */
    public static final String FOLLOW_UP_OVERDUE_INVOICE = "FollowUpOverdueInvoiceForm";

    /** Must be deployed together with {@link CollectionCaseProcess#RESOURCE} or the task cannot render its form. */
    public static final String RESOURCE = "forms/follow-up-overdue-invoice.form";

    private Forms() {}
  }

  public static final class Groups {
    public static final String COLLECTORS = "collectors";

    private Groups() {}
  }
}
