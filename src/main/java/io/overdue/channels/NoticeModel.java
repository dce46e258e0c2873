package io.overdue.channels;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model a notice template reads: every value already formatted for the customer's locale (dates, amounts),
 * because templates only place text and never compute.
 *
 * <p>Written notices (email, letter) must state every fact in {@link #REQUIRED}; an SMS only points to them and
 * needs {@link #SMS_REQUIRED}. The channels call {@link #requireWritten} and {@link #requireSms} before rendering:
 * Thymeleaf renders a missing value as an empty string, and a reminder without its amount or reference is
 * worse than no reminder.
 *
 * <p>The optional keys add lines only when present (see docs/channels.md).
 */
public final class NoticeModel {

    public static final String CUSTOMER_NAME = "customerName";
    public static final String INVOICE_NUMBER = "invoiceNumber";
    public static final String ISSUE_DATE = "issueDate";
    /** The original due date. */
    public static final String DUE_DATE = "dueDate";
    public static final String CURRENCY = "currency";
    /** Amount outstanding on the invoice itself. */
    public static final String PRINCIPAL = "principal";
    /** Sum of the fees this notice claims ("0,00" when none). */
    public static final String FEES = "fees";
    /** Late interest claimed so far ("0,00" when none). */
    public static final String INTEREST = "interest";
    /** Everything the customer is asked to pay: principal, fees, interest and {@link #COMPENSATION} when shown. */
    public static final String TOTAL = "total";
    /** Pay by this date. A courtesy reminder has no deadline of its own: pass the due date. */
    public static final String DEADLINE = "deadline";
    public static final String BANK_ACCOUNT = "bankAccount";
    public static final String PAYMENT_REFERENCE = "paymentReference";
    /** KID, OCR, RF … */
    public static final String REFERENCE_TYPE = "referenceType";
    public static final String CREDITOR_NAME = "creditorName";
    /** Where the customer objects and asks questions. */
    public static final String CREDITOR_EMAIL = "creditorEmail";
    public static final String CREDITOR_PHONE = "creditorPhone";

    /** Optional: name (and role) of the customer's finance contact who gets the notice too, e.g. "Kari Nordmann, CFO". */
    public static final String FINANCE_CONTACT = "financeContact";
    /** Optional: the finance contact's email address; the email goes to it in copy. */
    public static final String FINANCE_CONTACT_EMAIL = "financeContactEmail";
    /** Optional: {@code true} when deliveries are paused until the account is settled (policy output creditHold). */
    public static final String CREDIT_HOLD = "creditHold";
    /** Optional: B2B fixed compensation (NOK 470, SEK 450, EUR 40), formatted, in {@link #CURRENCY}; its own line. */
    public static final String COMPENSATION = "compensation";
    /** Optional: annual late-interest rate in percent, formatted (e.g. "12,50"); needs the two dates below. */
    public static final String INTEREST_RATE = "interestRate";
    /** Optional with {@link #INTEREST_RATE}: first day that accrued interest. */
    public static final String INTEREST_FROM = "interestFrom";
    /** Optional with {@link #INTEREST_RATE}: last day counted. */
    public static final String INTEREST_UNTIL = "interestUntil";
    /** Optional: why the fee may be charged, in the customer's language, e.g. "inkassoforskriften § 1-2". */
    public static final String FEE_BASIS = "feeBasis";
    /** Optional, letters: lines of the postal addresses, and the creditor's organisation number. */
    public static final String CUSTOMER_ADDRESS = "customerAddress";
    public static final String CREDITOR_ADDRESS = "creditorAddress";
    public static final String CREDITOR_ORGANISATION_NUMBER = "creditorOrganisationNumber";

    /** Template of a payment plan sent for the customer's acceptance (plans.PlanConfirmations), email and SMS. */
    public static final String PLAN_ACCEPTANCE = "plan-acceptance";
    /**
     * Plan acceptance: the instalments in date order, each a map with {@link #INSTALMENT_DATE} and
     * {@link #INSTALMENT_AMOUNT}, formatted.
     */
    public static final String INSTALMENTS = "instalments";
    public static final String INSTALMENT_DATE = "date";
    public static final String INSTALMENT_AMOUNT = "amount";
    /** Plan acceptance, optional: the plan's own fee, formatted, included in {@link #TOTAL}. */
    public static final String PLAN_FEE = "planFee";
    /**
     * Plan acceptance: the single-use link to the page where the customer accepts the plan. Whoever holds it can
     * accept, so the communication log keeps the text without it ({@link #withheld}).
     */
    public static final String ACCEPTANCE_LINK = "acceptanceLink";

    /** The template of one message for several notices (a customer's bundle), and what it lists. */
    public static final String BUNDLE = "bundle";
    /** In a bundle's model: the models of its notices, oldest first. */
    public static final String NOTICES = "notices";
    /** In a bundle's model: how many notices it lists. */
    public static final String COUNT = "count";
    /** In a bundled SMS's model: the invoice numbers, the first three. */
    public static final String INVOICE_LIST = "invoiceList";

    /** What every written notice states. */
    public static final List<String> REQUIRED = List.of(CUSTOMER_NAME, INVOICE_NUMBER, ISSUE_DATE, DUE_DATE, CURRENCY,
            PRINCIPAL, FEES, INTEREST, TOTAL, DEADLINE, BANK_ACCOUNT, PAYMENT_REFERENCE, REFERENCE_TYPE, CREDITOR_NAME,
            CREDITOR_EMAIL, CREDITOR_PHONE);

    /** What an SMS states: enough to pay, and who it is from. */
    public static final List<String> SMS_REQUIRED = List.of(CREDITOR_NAME, INVOICE_NUMBER, TOTAL, CURRENCY, DEADLINE,
            BANK_ACCOUNT, PAYMENT_REFERENCE);

    public static final List<String> OPTIONAL = List.of(FINANCE_CONTACT, FINANCE_CONTACT_EMAIL, CREDIT_HOLD, COMPENSATION,
            INTEREST_RATE, INTEREST_FROM, INTEREST_UNTIL, FEE_BASIS, CUSTOMER_ADDRESS, CREDITOR_ADDRESS,
            CREDITOR_ORGANISATION_NUMBER);

    /** What the email of a payment plan states: the plan, the deadline, the link and whom to ask. */
    public static final List<String> PLAN_ACCEPTANCE_REQUIRED = List.of(CUSTOMER_NAME, INVOICE_NUMBER, CURRENCY, TOTAL,
            INSTALMENTS, DEADLINE, ACCEPTANCE_LINK, CREDITOR_NAME, CREDITOR_EMAIL, CREDITOR_PHONE);

    /** What the SMS of a payment plan states: who, which invoice, by when, and the link. */
    public static final List<String> PLAN_ACCEPTANCE_SMS_REQUIRED = List.of(CREDITOR_NAME, INVOICE_NUMBER, DEADLINE,
            ACCEPTANCE_LINK);

    /** Templates that are not dunning notices state other facts than {@link #REQUIRED} and {@link #SMS_REQUIRED}. */
    private static final Map<String, List<String>> WRITTEN_BY_TEMPLATE = Map.of(PLAN_ACCEPTANCE, PLAN_ACCEPTANCE_REQUIRED);
    private static final Map<String, List<String>> SMS_BY_TEMPLATE = Map.of(PLAN_ACCEPTANCE, PLAN_ACCEPTANCE_SMS_REQUIRED);

    /** Stands in the communication log for a link that must not be kept. */
    static final String WITHHELD_LINK = "[link withheld]";

    // A rate without its period (or the reverse) would print half a sentence.
    private static final List<String> INTEREST_DETAIL = List.of(INTEREST_RATE, INTEREST_FROM, INTEREST_UNTIL);

    // A number split over two lines is misread when typed into a bank or phone.
    private static final List<String> UNBROKEN = List.of(CREDITOR_PHONE, BANK_ACCOUNT, PAYMENT_REFERENCE);

    private NoticeModel() {
    }

    /** For laid-out media (HTML email, letter): the model with the numbers customers type kept on one line. */
    static Map<String, Object> unbroken(Map<String, Object> model) {
        Map<String, Object> copy = new HashMap<>(model);
        for (String key : UNBROKEN) {
            if (copy.get(key) instanceof String value) {
                copy.put(key, value.replace(' ', '\u00a0'));
            }
        }
        return copy;
    }

    /**
     * @throws IllegalArgumentException naming every missing key, when a key of {@link #REQUIRED} is missing, null
     *                                  or blank, or the interest rate comes without its period
     */
    public static void requireWritten(String template, Map<String, Object> model) {
        require(template, "written notice", WRITTEN_BY_TEMPLATE.getOrDefault(template, REQUIRED), model);
        List<String> detail = missing(INTEREST_DETAIL, model);
        if (!detail.isEmpty() && detail.size() < INTEREST_DETAIL.size()) {
            throw new IllegalArgumentException("Notice template '" + template + "': the interest rate and period go "
                    + "together; missing " + String.join(", ", detail));
        }
    }

    /** @throws IllegalArgumentException naming every missing key of {@link #SMS_REQUIRED} (or the template's own list) */
    public static void requireSms(String template, Map<String, Object> model) {
        require(template, "SMS", SMS_BY_TEMPLATE.getOrDefault(template, SMS_REQUIRED), model);
    }

    /**
     * The text as the communication log keeps it: without the {@link #ACCEPTANCE_LINK}, which works like a password
     * until it is used. Collectors and the ERP read the log; the customer alone gets the link.
     */
    static String withheld(String text, Map<String, Object> model) {
        return model.get(ACCEPTANCE_LINK) instanceof String link && !link.isEmpty() && text != null
                ? text.replace(link, WITHHELD_LINK) : text;
    }

    private static void require(String template, String kind, List<String> keys, Map<String, Object> model) {
        List<String> missing = missing(keys, model);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Notice template '" + template + "' (" + kind + ") is missing model key"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + "; a " + kind + " needs "
                    + String.join(", ", keys));
        }
    }

    private static List<String> missing(Collection<String> keys, Map<String, Object> model) {
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            Object value = model == null ? null : model.get(key);
            if (value == null || value instanceof CharSequence text && text.toString().isBlank()) {
                missing.add(key);
            }
        }
        return missing;
    }
}
