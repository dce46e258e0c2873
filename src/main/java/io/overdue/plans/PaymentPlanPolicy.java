package io.overdue.plans;

/**
 * Names that tie Java code to {@code bpmn/payment-plan-policy.dmn}, the payment-plan policy managers edit in Camunda
 * Modeler (docs/payment-plan-policy.md).
 *
 * <p>The decision requirements graph: {@link Decisions#PRESET} maps the customer's country to a preset
 * ({@link Presets}, the same mapping as the dunning policy's, kept in this file because a DRD cannot require a
 * decision of another file); {@link Decisions#LIMITS} and {@link Decisions#APPROVAL} both require it, so callers
 * evaluate them by key with {@link Inputs#COUNTRY} and the facts, never with a preset of their own.
 *
 * <p>{@link Decisions#LIMITS} says what a plan may look like (length, instalments, minimum instalment, reminder,
 * grace and deadline days, which fee) and {@link Decisions#APPROVAL} whether a proposed plan is approved
 * automatically or needs a manager. Both tables use hit policy FIRST with a catch-all last row, so every input
 * gets exactly one answer, and an unknown preset or a missing fact never approves a plan automatically.
 *
 * <p>Amounts are in the claim's currency (NOK, SEK, EUR, by preset). The plan fee's amount is deliberately not in
 * the policy: it says which kind applies ({@link FeeKinds}); the dated rate table says how much
 * ({@code charges.RateKind.PAYMENT_PLAN_FEE}, SEK 170 in Sweden).
 */
public final class PaymentPlanPolicy {

  /** Classpath location; the build copies {@code bpmn/} there, and {@code ModelDeployment} deploys it. */
  public static final String RESOURCE = "bpmn/payment-plan-policy.dmn";

  /** Key of the decision requirements definition (the {@code definitions} id). */
  public static final String DRD_KEY = "PaymentPlanPolicy";

  private PaymentPlanPolicy() {}

  /** Decision keys, for {@code DecisionService.evaluateDecisionByKey} and business rule tasks. */
  public static final class Decisions {
    /** country → preset. */
    public static final String PRESET = "PaymentPlanPreset";
    /** What a plan may look like for this customer and claim. */
    public static final String LIMITS = "PaymentPlanLimits";
    /** Whether a proposed plan is approved automatically or by a manager, and why. */
    public static final String APPROVAL = "PaymentPlanApproval";

    private Decisions() {}
  }

  /** Variable names the decisions read. */
  public static final class Inputs {
    /** ISO 3166-1 alpha-2 of the customer; unknown or missing means {@link Presets#EU}. */
    public static final String COUNTRY = "country";
    /** Output of {@link Decisions#PRESET}; passed on inside the graph, callers do not set it. */
    public static final String PRESET = "preset";
    /** One of {@link CustomerKinds}; anything but {@link CustomerKinds#BUSINESS} gets the consumer rules. */
    public static final String CUSTOMER_KIND = "customerKind";
    /**
     * The amount the plan is to pay, in the claim's currency (a number): the open balance including fees and
     * interest. Thresholds are per preset and its currency.
     */
    public static final String CLAIM = "claim";
    /** {@link Decisions#APPROVAL}: number of instalments proposed. */
    public static final String INSTALMENTS = "instalments";
    /** {@link Decisions#APPROVAL}: whole days from the first to the last instalment date (0 for one instalment). */
    public static final String LENGTH_DAYS = "lengthDays";
    /** {@link Decisions#APPROVAL}: plans of this customer that were broken before (any invoice). */
    public static final String PREVIOUS_BROKEN_PLANS = "previousBrokenPlans";

    private Inputs() {}
  }

  /** Output names of the decisions (the keys of a {@code DmnDecisionResultEntries}). */
  public static final class Outputs {
    /** {@link Decisions#PRESET}: one of {@link Presets} or a manager's copy. */
    public static final String PRESET = "preset";

    /** {@link Decisions#LIMITS}: at most this many days from the first to the last instalment date. */
    public static final String MAX_LENGTH_DAYS = "maxLengthDays";
    /** {@link Decisions#LIMITS}: no instalment below this amount (claim currency; 0 = no minimum). */
    public static final String MIN_INSTALMENT = "minInstalment";
    /** {@link Decisions#LIMITS}: at most this many instalments. */
    public static final String MAX_INSTALMENTS = "maxInstalments";
    /** {@link Decisions#LIMITS}: a reminder goes this many days before each instalment date. */
    public static final String REMINDER_DAYS_BEFORE = "reminderDaysBefore";
    /** {@link Decisions#LIMITS}: an instalment counts as missed only this many days after its date. */
    public static final String GRACE_DAYS = "graceDays";
    /** {@link Decisions#LIMITS}: the deadline the one reminder after a missed instalment gives; then the plan is broken. */
    public static final String MISSED_DEADLINE_DAYS = "missedDeadlineDays";
    /** {@link Decisions#LIMITS}: days the customer has to accept the plan before the case returns to collection. */
    public static final String ACCEPTANCE_DAYS = "acceptanceDays";
    /** {@link Decisions#LIMITS}: one of {@link FeeKinds}. */
    public static final String PLAN_FEE_KIND = "planFeeKind";
    /**
     * {@link Decisions#LIMITS}: {@code true} keeps the customer's credit hold while the plan runs; {@code false}
     * releases it while the plan is kept (and the dunning policy places it again when the plan breaks).
     */
    public static final String CREDIT_HOLD_WHILE_KEPT = "creditHoldWhileKept";

    /** {@link Decisions#APPROVAL}: one of {@link Approvals}. */
    public static final String APPROVAL = "approval";
    /** {@link Decisions#APPROVAL}: why, in words, for the case log and the manager's task. */
    public static final String REASON = "reason";

    private Outputs() {}
  }

  /** Values of {@link Outputs#PRESET} shipped with the product. Managers may add copies under other names. */
  public static final class Presets {
    /** Norway (and SJ), amounts in NOK. */
    public static final String NORWAY = "NO";
    /** Sweden, amounts in SEK. */
    public static final String SWEDEN = "SE";
    /** Every other country, amounts in EUR. */
    public static final String EU = "EU";

    private Presets() {}
  }

  /** Values of {@link Inputs#CUSTOMER_KIND}: the names of {@code io.overdue.customers.CustomerKind}. */
  public static final class CustomerKinds {
    public static final String BUSINESS = "BUSINESS";
    public static final String CONSUMER = "CONSUMER";

    private CustomerKinds() {}
  }

  /** Values of {@link Outputs#APPROVAL}. */
  public static final class Approvals {
    /** The plan goes to the customer without a manager's task. */
    public static final String AUTOMATIC = "AUTOMATIC";
    /** A user task for {@code managers} decides. */
    public static final String MANAGER = "MANAGER";

    private Approvals() {}
  }

  /** Values of {@link Outputs#PLAN_FEE_KIND}; amounts per preset and date live in the rate table. */
  public static final class FeeKinds {
    public static final String NONE = "NONE";
    /** SE: the fee for setting up an amorteringsplan (lag 1981:739); the name of {@code charges.RateKind.PAYMENT_PLAN_FEE}. */
    public static final String PAYMENT_PLAN_FEE = "PAYMENT_PLAN_FEE";

    private FeeKinds() {}
  }

  /**
   * Rule ids, as the history records them ({@code HistoricDecisionOutputInstance.getRuleId()}): which rule approved
   * a plan is what an audit asks about. Renaming a rule in the Modeler means renaming it here.
   */
  public static final class Rules {
    public static final String PRESET_NO = "Rule_PlanPreset_NO";
    public static final String PRESET_SE = "Rule_PlanPreset_SE";
    public static final String PRESET_EU = "Rule_PlanPreset_EU";

    public static final String LIMITS_NO_BUSINESS_LARGE = "Rule_Limits_NO_Business_Large";
    public static final String LIMITS_NO_BUSINESS = "Rule_Limits_NO_Business";
    public static final String LIMITS_NO_CONSUMER_LARGE = "Rule_Limits_NO_Consumer_Large";
    public static final String LIMITS_NO_CONSUMER = "Rule_Limits_NO_Consumer";
    public static final String LIMITS_SE_BUSINESS_LARGE = "Rule_Limits_SE_Business_Large";
    public static final String LIMITS_SE_BUSINESS = "Rule_Limits_SE_Business";
    public static final String LIMITS_SE_CONSUMER_LARGE = "Rule_Limits_SE_Consumer_Large";
    public static final String LIMITS_SE_CONSUMER = "Rule_Limits_SE_Consumer";
    public static final String LIMITS_EU_BUSINESS_LARGE = "Rule_Limits_EU_Business_Large";
    public static final String LIMITS_EU_BUSINESS = "Rule_Limits_EU_Business";
    public static final String LIMITS_EU_CONSUMER_LARGE = "Rule_Limits_EU_Consumer_Large";
    public static final String LIMITS_EU_CONSUMER = "Rule_Limits_EU_Consumer";
    /** Catch-all: a preset without rows of its own. */
    public static final String LIMITS_DEFAULT = "Rule_Limits_Default";

    /** First row: a broken plan before always needs a manager. */
    public static final String APPROVAL_BROKEN_BEFORE = "Rule_Approval_BrokenBefore";
    public static final String APPROVAL_NO_BUSINESS_LARGE = "Rule_Approval_NO_Business_Large";
    public static final String APPROVAL_NO_CONSUMER_LARGE = "Rule_Approval_NO_Consumer_Large";
    public static final String APPROVAL_SE_BUSINESS_LARGE = "Rule_Approval_SE_Business_Large";
    public static final String APPROVAL_SE_CONSUMER_LARGE = "Rule_Approval_SE_Consumer_Large";
    public static final String APPROVAL_EU_BUSINESS_LARGE = "Rule_Approval_EU_Business_Large";
    public static final String APPROVAL_EU_CONSUMER_LARGE = "Rule_Approval_EU_Consumer_Large";
    public static final String APPROVAL_MANY_INSTALMENTS = "Rule_Approval_ManyInstalments";
    public static final String APPROVAL_LONG = "Rule_Approval_Long";
    /** The only row that answers {@link Approvals#AUTOMATIC}. */
    public static final String APPROVAL_AUTOMATIC = "Rule_Approval_Automatic";
    /** Catch-all: everything else goes to a manager. */
    public static final String APPROVAL_MANAGER = "Rule_Approval_Manager";

    private Rules() {}
  }
}
