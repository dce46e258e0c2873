package io.overdue.dunning;

import java.util.Arrays;
import java.util.List;

/**
 * Names that tie Java code to {@code bpmn/dunning-policy.dmn}, the dunning policy managers edit in Camunda Modeler.
 *
 * <p>The decision requirements graph: {@link Decisions#PRESET} maps the customer's country to a legal preset
 * ({@link Presets}); {@link Decisions#LEVEL} and {@link Decisions#COURTESY_REMINDER} both require it, so callers
 * evaluate them by key with {@link Inputs#COUNTRY} and the case facts, never with a preset of their own.
 *
 * <p>{@link Decisions#LEVEL} is evaluated with the facts of the day the notice goes. Its {@link Outputs#WAIT_DAYS}
 * depends only on preset and level (a test holds every rule to that), so evaluating the same level when the wait
 * starts gives the wait, and evaluating it again when the wait is over gives the content. No rule for a level
 * means the policy has no such level; the previous one carried {@link Outputs#LAST_LEVEL}.
 *
 * <p>Amounts and rates (fees, B2B compensation, interest) are deliberately not in the policy: the policy says
 * which kind applies ({@link FeeKinds}), dated tables say how much.
 */
public final class DunningPolicy {

  /** Classpath location; the build copies {@code bpmn/} there, and {@code ModelDeployment} deploys it. */
  public static final String RESOURCE = "bpmn/dunning-policy.dmn";

  /** Key of the decision requirements definition (the {@code definitions} id). */
  public static final String DRD_KEY = "DunningPolicy";

  private DunningPolicy() {}

  /** Decision keys, for {@code DecisionService.evaluateDecisionByKey} and business rule tasks. */
  public static final class Decisions {
    /** country → preset. */
    public static final String PRESET = "DunningPolicyPreset";
    /** One dunning level: wait, channels, template, tone, fee, interest, credit hold, finance contact, deadline. */
    public static final String LEVEL = "DunningLevel";
    /** Whether, when and how to send a friendly note before the due date. */
    public static final String COURTESY_REMINDER = "CourtesyReminder";

    private Decisions() {}
  }

  /** Variable names the decisions read. */
  public static final class Inputs {
    /** ISO 3166-1 alpha-2 of the customer; unknown or missing means {@link Presets#EU}. */
    public static final String COUNTRY = "country";
    /** Output of {@link Decisions#PRESET}; passed on inside the graph, callers do not set it. */
    public static final String PRESET = "preset";
    /** 1, 2, 3 … */
    public static final String LEVEL = "level";
    /** One of {@link CustomerKinds}; anything but {@link CustomerKinds#BUSINESS} gets the consumer rules. */
    public static final String CUSTOMER_KIND = "customerKind";
    /** Open principal in the invoice currency (a number); thresholds are per preset and its currency. */
    public static final String PRINCIPAL = "principal";
    /** Whole days from the due date to the day this notice goes. */
    public static final String DAYS_SINCE_DUE_DATE = "daysSinceDueDate";
    /** Notices of this claim that already carried a fee (NO: at most two may). */
    public static final String PREVIOUS_FEE_NOTICES = "previousFeeNotices";
    /** Notices of this claim already sent, every level and round (e.g. to call after two unanswered ones). */
    public static final String PREVIOUS_NOTICES = "previousNotices";
    /** SE: a påminnelseavgift was agreed when the debt arose. */
    public static final String REMINDER_FEE_AGREED = "reminderFeeAgreed";

    private Inputs() {}
  }

  /** Output names of the decisions (the keys of a {@code DmnDecisionResultEntries}). */
  public static final class Outputs {
    /** {@link Decisions#PRESET}: one of {@link Presets} or a manager's copy. */
    public static final String PRESET = "preset";

    /** Days after the previous notice (for level 1: after the due date) that this level goes. */
    public static final String WAIT_DAYS = "waitDays";
    /** Comma list of {@link Channels}, in the order they should go; see {@link Channels#split(String)}. */
    public static final String CHANNELS = "channels";
    /** One of {@link Templates}; the language comes from the customer. */
    public static final String TEMPLATE = "template";
    /** One of {@link Tones}. */
    public static final String TONE = "tone";
    /** One of {@link FeeKinds}. */
    public static final String FEE_KIND = "feeKind";
    public static final String SHOW_INTEREST = "showInterest";
    /** B2B fixed compensation (NO standardkompensasjon, SE förseningsersättning, EU EUR 40) is claimed on the notice. */
    public static final String SHOW_COMPENSATION = "showCompensation";
    /** Stop deliveries to the customer until paid or a plan is agreed. */
    public static final String CREDIT_HOLD = "creditHold";
    /** Send to the customer's finance contact (CFO/CEO) too. */
    public static final String ADDRESS_FINANCE_CONTACT = "addressFinanceContact";
    /** Days from sending that the notice gives to pay. */
    public static final String DEADLINE_DAYS = "deadlineDays";
    /** The policy's final notice: after its deadline, managers decide escalation. */
    public static final String LAST_LEVEL = "lastLevel";

    /** {@link Decisions#COURTESY_REMINDER}. */
    public static final String SEND_COURTESY_REMINDER = "sendCourtesyReminder";
    /** {@link Decisions#COURTESY_REMINDER}: absent when {@link #SEND_COURTESY_REMINDER} is false. */
    public static final String DAYS_BEFORE_DUE = "daysBeforeDue";

    private Outputs() {}
  }

  /** Values of {@link Outputs#PRESET} shipped with the product. Managers may add copies under other names. */
  public static final class Presets {
    public static final String NORWAY = "NO";
    public static final String SWEDEN = "SE";
    /** Default for every other country: Directive 2011/7/EU. */
    public static final String EU = "EU";

    private Presets() {}
  }

  /** Values of {@link Inputs#CUSTOMER_KIND}: the names of {@code io.overdue.customers.CustomerKind}. */
  public static final class CustomerKinds {
    public static final String BUSINESS = "BUSINESS";
    public static final String CONSUMER = "CONSUMER";

    private CustomerKinds() {}
  }

  /** Entries of {@link Outputs#CHANNELS}. */
  public static final class Channels {
    public static final String EMAIL = "EMAIL";
    public static final String SMS = "SMS";
    /** A printed (PDF) letter. */
    public static final String LETTER = "LETTER";
    /** A phone-call task for a collector, not a message. */
    public static final String CALL = "CALL";

    private Channels() {}

    /**
     * The channels of an {@link Outputs#CHANNELS} value, trimmed, in order; empty for {@code null} or blank.
     * A comma list rather than a FEEL list, because Camunda 7 outputs have no list type and a comma list is what a
     * manager can type in a table cell.
     */
    public static List<String> split(String channels) {
      if (channels == null || channels.isBlank()) {
        return List.of();
      }
      return Arrays.stream(channels.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
  }

  /** Values of {@link Outputs#TEMPLATE}. */
  public static final class Templates {
    public static final String REMINDER_1 = "reminder-1";
    public static final String REMINDER_2 = "reminder-2";
    public static final String REMINDER_2_FEE = "reminder-2-fee";
    /** NO, inkassoloven § 9. */
    public static final String INKASSOVARSEL = "inkassovarsel";
    /** SE, inkassolagen 5 §. */
    public static final String INKASSOKRAV = "inkassokrav";
    /** EU default's last level. */
    public static final String FINAL_NOTICE = "final-notice";
    /**
     * The reminders a customer gets as one message for all its invoices at the level on the day (bundled). The formal
     * notices that the law ties to one claim (inkassovarsel, inkassokrav, the final notice) go one per invoice.
     */
    public static final java.util.Set<String> BUNDLED = java.util.Set.of(REMINDER_1, REMINDER_2, REMINDER_2_FEE);

    private Templates() {}
  }

  /** Values of {@link Outputs#TONE}, in rising order; never rude. */
  public static final class Tones {
    public static final String FRIENDLY = "FRIENDLY";
    public static final String FIRM = "FIRM";
    public static final String FORMAL = "FORMAL";

    /** The tones from mildest to most direct. */
    public static final List<String> RISING = List.of(FRIENDLY, FIRM, FORMAL);

    private Tones() {}
  }

  /** Values of {@link Outputs#FEE_KIND}; amounts per preset and date live in dated tables. */
  public static final class FeeKinds {
    public static final String NONE = "NONE";
    /** NO purregebyr, SE påminnelseavgift. */
    public static final String REMINDER_FEE = "REMINDER_FEE";
    /** NO fee on the inkassovarsel, SE inkassoavgift on the inkassokrav. */
    public static final String COLLECTION_NOTICE_FEE = "COLLECTION_NOTICE_FEE";

    private FeeKinds() {}
  }

  /**
   * Rule ids, as the history records them ({@code HistoricDecisionOutputInstance.getRuleId()}): which rule decided a
   * notice is what an audit asks about. Renaming a rule in the Modeler means renaming it here.
   */
  public static final class Rules {
    public static final String PRESET_NO = "Rule_Preset_NO";
    public static final String PRESET_SE = "Rule_Preset_SE";
    public static final String PRESET_EU = "Rule_Preset_EU";

    public static final String NO_1_REMINDER = "Rule_NO_1_Reminder";
    public static final String NO_2_BUSINESS_LARGE_AMOUNT = "Rule_NO_2_Business_LargeAmount";
    public static final String NO_2_BUSINESS = "Rule_NO_2_Business";
    public static final String NO_2_REMINDER_WITH_FEE = "Rule_NO_2_ReminderWithFee";
    public static final String NO_2_REMINDER_WITHOUT_FEE = "Rule_NO_2_ReminderWithoutFee";
    public static final String NO_3_BUSINESS_INKASSOVARSEL = "Rule_NO_3_Business_Inkassovarsel";
    public static final String NO_3_INKASSOVARSEL_WITH_FEE = "Rule_NO_3_InkassovarselWithFee";
    public static final String NO_3_INKASSOVARSEL_WITHOUT_FEE = "Rule_NO_3_InkassovarselWithoutFee";

    public static final String SE_1_REMINDER = "Rule_SE_1_Reminder";
    public static final String SE_2_BUSINESS_LARGE_AMOUNT = "Rule_SE_2_Business_LargeAmount";
    public static final String SE_2_BUSINESS = "Rule_SE_2_Business";
    public static final String SE_2_PAMINNELSE_WITH_FEE = "Rule_SE_2_PaminnelseWithFee";
    public static final String SE_2_REMINDER_WITHOUT_FEE = "Rule_SE_2_ReminderWithoutFee";
    public static final String SE_3_BUSINESS_INKASSOKRAV = "Rule_SE_3_Business_Inkassokrav";
    public static final String SE_3_INKASSOKRAV = "Rule_SE_3_Inkassokrav";

    public static final String EU_1_REMINDER = "Rule_EU_1_Reminder";
    public static final String EU_2_BUSINESS_LARGE_AMOUNT = "Rule_EU_2_Business_LargeAmount";
    public static final String EU_2_BUSINESS = "Rule_EU_2_Business";
    public static final String EU_2_REMINDER = "Rule_EU_2_Reminder";
    public static final String EU_3_BUSINESS_FINAL_NOTICE = "Rule_EU_3_Business_FinalNotice";
    public static final String EU_3_FINAL_NOTICE = "Rule_EU_3_FinalNotice";

    public static final String COURTESY_NO_BUSINESS = "Rule_Courtesy_NO_Business";
    public static final String COURTESY_NO = "Rule_Courtesy_NO";
    public static final String COURTESY_SE_BUSINESS = "Rule_Courtesy_SE_Business";
    public static final String COURTESY_SE = "Rule_Courtesy_SE";
    public static final String COURTESY_EU_BUSINESS = "Rule_Courtesy_EU_Business";
    public static final String COURTESY_EU = "Rule_Courtesy_EU";
    public static final String COURTESY_NONE = "Rule_Courtesy_None";

    private Rules() {}
  }
}
