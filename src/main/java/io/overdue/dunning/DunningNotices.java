package io.overdue.dunning;

import io.overdue.disputes.Disputes;
import io.overdue.invoices.InvoiceCopies;
import io.overdue.channels.EmailChannel;
import io.overdue.channels.LetterChannel;
import io.overdue.channels.Notice;
import io.overdue.channels.NoticeModel;
import io.overdue.channels.SmsChannel;
import io.overdue.charges.ChargedNotice;
import io.overdue.charges.Charges;
import io.overdue.charges.FeeDecision;
import io.overdue.charges.InterestPeriod;
import io.overdue.charges.LateInterest;
import io.overdue.charges.MissingRateException;
import io.overdue.charges.NoChargeReason;
import io.overdue.charges.ReminderNotice;
import io.overdue.customers.Contact;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.dunning.DunningPolicy.Channels;
import io.overdue.dunning.DunningPolicy.FeeKinds;
import io.overdue.dunning.DunningPolicy.Templates;
import io.overdue.invoices.Invoice;
import io.overdue.shared.CreditorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dunning notices: decides a level's content on the day it goes, records it, and sends it on every channel the
 * policy names; and tells other code what was sent and claimed ({@link #forInvoice}, {@link #claimed}).
 *
 * <p>Exactly once. The notice, its fee and its messages are written in one transaction, the engine's job that decides
 * them: the notice row (unique per invoice, level and round), the letter, and each email and SMS in the outbox (unique
 * per notice, channel and recipient). Nothing leaves before that transaction commits; {@link
 * io.overdue.channels.OutboxSender} then sends each message once. A job that fails before commit leaves nothing
 * behind, and its retry decides afresh; one that committed is not run again, and a retry of anything finds the
 * written rows by their keys. See docs/dunning-notices.md and docs/channels.md.
 */
@Service
public class DunningNotices {

    private static final Logger log = LoggerFactory.getLogger(DunningNotices.class);

    private final CaseFacts caseFacts;
    private final CustomerService customers;
    private final PolicyDecisions policy;
    private final Charges charges;
    private final DunningNoticeStore store;
    private final EmailChannel email;
    private final SmsChannel sms;
    private final LetterChannel letters;
    private final CreditorProperties creditor;
    private final DunningProperties properties;
    private final Clock clock;
    private final Disputes disputes;
    private final InvoiceCopies invoiceCopies;

    DunningNotices(CaseFacts caseFacts, CustomerService customers, PolicyDecisions policy, Charges charges,
                   DunningNoticeStore store, EmailChannel email, SmsChannel sms, LetterChannel letters,
                   CreditorProperties creditor, DunningProperties properties, Clock clock,
                   Disputes disputes, InvoiceCopies invoiceCopies) {
        this.disputes = disputes;
        this.invoiceCopies = invoiceCopies;
        this.caseFacts = caseFacts;
        this.customers = customers;
        this.policy = policy;
        this.charges = charges;
        this.store = store;
        this.email = email;
        this.sms = sms;
        this.letters = letters;
        this.creditor = creditor;
        this.properties = properties;
        this.clock = clock;
    }

    /** The notices of an invoice, every level and round, oldest first. */
    public List<DunningNotice> forInvoice(String invoiceNumber) {
        return store.forInvoice(invoiceNumber);
    }

    /** The notice of this level and round, when it went. */
    public Optional<DunningNotice> find(String invoiceNumber, int level, int round) {
        return store.find(invoiceNumber, level, round);
    }

    /**
     * What the notices of an invoice claimed on top of the principal, in the invoice's currency.
     *
     * @param fees           every fee charged so far (each notice's fee is owed once)
     * @param interest       late interest as the latest notice stated it (interest grows; notices do not add up)
     * @param interestUntil  the last day that interest counts; null when no notice showed interest
     * @param compensation   the B2B fixed compensation, owed once per invoice; zero when none was claimed
     */
    public record ClaimedCharges(String currency, BigDecimal fees, BigDecimal interest, LocalDate interestUntil,
                                 BigDecimal compensation, int notices) {

        public BigDecimal total() {
            return fees.add(interest).add(compensation);
        }
    }

    /** @param currency the invoice's currency; only amounts in it are counted (a fee in another one is never claimed) */
    public ClaimedCharges claimed(String invoiceNumber, String currency) {
        return claimed(store.forInvoice(invoiceNumber), currency);
    }

    static ClaimedCharges claimed(List<DunningNotice> notices, String currency) {
        BigDecimal fees = notices.stream().filter(n -> n.feeCharged() && currency.equals(n.feeCurrency()))
                .map(DunningNotice::feeAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Optional<DunningNotice> withInterest = notices.stream().filter(n -> n.interestAmount() != null).reduce((a, b) -> b);
        BigDecimal compensation = notices.stream()
                .filter(n -> n.compensationAmount() != null && currency.equals(n.compensationCurrency()))
                .map(DunningNotice::compensationAmount).reduce((a, b) -> b).orElse(BigDecimal.ZERO);
        return new ClaimedCharges(currency, fees, withInterest.map(DunningNotice::interestAmount).orElse(BigDecimal.ZERO),
                withInterest.map(DunningNotice::interestUntil).orElse(null), compensation, notices.size());
    }

    /**
     * Sends level {@code level} of round {@code round} unless it went before; sends what is missing when it went
     * only in part. Nothing is sent for a paid or cancelled invoice: its case is ending anyway.
     *
     * @return the notice as recorded; empty when the invoice is closed
     * @throws IllegalStateException when the policy has no such level on the sending day (a changed policy)
     */
    @Transactional
    Optional<DunningNotice> send(String invoiceNumber, int level, int round) {
        CaseFacts.Facts facts = caseFacts.of(invoiceNumber);
        Invoice invoice = facts.invoice();
        if (invoice.status().isClosed()) {
            log.info("Invoice {} is {}: dunning level {} not sent", invoiceNumber, invoice.status(), level);
            return Optional.empty();
        }
        Customer customer = customers.get(facts.customer().customerNumber());
        DunningNotice notice = store.find(invoiceNumber, level, round).orElseGet(() -> {
            store.insert(decide(invoice, customer, level, round));
            return store.find(invoiceNumber, level, round).orElseThrow();
        });
        NoticeFormat format = new NoticeFormat(customer);
        Map<String, Object> model = model(notice, invoice, customer, format);
        for (String channel : notice.channels()) {
            deliver(channel, notice, customer, format, model);
        }
        return Optional.of(notice);
    }

    private DunningNotice decide(Invoice invoice, Customer customer, int level, int round) {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        // A partial dispute lets only the undisputed part go on: that is the principal this notice claims.
        BigDecimal principal = invoice.openBalance().subtract(disputes.openPartiallyDisputed(invoice.invoiceNumber()))
                .max(BigDecimal.ZERO);
        List<DunningNotice> sent = store.forInvoice(invoice.invoiceNumber());
        List<ChargedNotice> feeNotices = sent.stream()
                .filter(DunningNotice::feeCharged).map(n -> new ChargedNotice(n.sentOn(), n.deadline())).toList();
        PolicyDecisions.Level rule = policy.level(new PolicyDecisions.LevelFacts(customer.country(), customer.kind(),
                        principal, level, (int) ChronoUnit.DAYS.between(invoice.dueDate(), today),
                        feeNotices.size(), sent.size(), properties.reminderFeeAgreed()))
                .orElseThrow(() -> new IllegalStateException("The dunning policy has no level " + level + " for invoice "
                        + invoice.invoiceNumber() + " today; was bpmn/dunning-policy.dmn changed while the case waited?"));
        LocalDate deadline = today.plusDays(rule.deadlineDays());
        Claim fee = fee(rule.feeKind(), invoice, customer, today, deadline, feeNotices);
        Claim compensation = rule.showCompensation() ? compensation(invoice, customer) : Claim.NONE;
        Interest interest = rule.showInterest() ? interest(invoice, principal, customer.country(), today) : Interest.NONE;
        String financeContact = rule.addressFinanceContact()
                ? customer.financeContact().map(Contact::email).orElse(null) : null;
        // The policy picks the fee-bearing reminder when the law may allow a fee; when the rate table or a rule of
        // Charges then charges none, the notice must not announce one.
        String template = fee.amount() == null && Templates.REMINDER_2_FEE.equals(rule.template())
                ? Templates.REMINDER_2 : rule.template();
        return new DunningNotice(0, invoice.invoiceNumber(), customer.customerNumber(), level, round, clock.instant(),
                today, deadline, template, rule.tone(), rule.channels(), invoice.currency(), principal,
                rule.feeKind(), fee.amount(), fee.currency(), fee.source(), fee.note(), interest.amount(), interest.rate(),
                interest.from(), interest.until(), interest.note(), compensation.amount(), compensation.currency(),
                compensation.note(), rule.creditHold(), rule.channels().contains(Channels.CALL), financeContact);
    }

    /** An amount the notice claims, or why it does not; {@code amount} is null when nothing is claimed. */
    private record Claim(BigDecimal amount, String currency, String source, String note) {
        static final Claim NONE = new Claim(null, null, null, null);

        static Claim of(FeeDecision decision, String invoiceCurrency) {
            if (!decision.charged()) {
                return new Claim(null, null, null, decision.reason() + ": " + decision.explanation());
            }
            if (!decision.currency().equals(invoiceCurrency)) {
                // No currency conversion (docs/charges.md): a fee in another currency than the claim is left out.
                return new Claim(null, null, null, decision.kind() + " of " + decision.amount() + " " + decision.currency()
                        + " not claimed on an invoice in " + invoiceCurrency + " (no currency conversion)");
            }
            return new Claim(decision.amount(), decision.currency(), decision.source(), null);
        }

        static Claim missing(MissingRateException e) {
            log.warn("Dunning notice without {}: {}", e.kind(), e.getMessage());
            return new Claim(null, null, null, e.getMessage());
        }
    }

    private record Interest(BigDecimal amount, BigDecimal rate, LocalDate from, LocalDate until, String note) {
        static final Interest NONE = new Interest(null, null, null, null, null);
    }

    /**
     * The policy names the kind; {@link Charges} applies the law. A country without a collection-notice fee of its
     * own (Norway) charges its inkassovarsel under the reminder-fee rules, which also count it towards the limit.
     */
    private Claim fee(String feeKind, Invoice invoice, Customer customer, LocalDate today, LocalDate deadline,
                      List<ChargedNotice> feeNotices) {
        ReminderNotice reminder = new ReminderNotice(customer.country(), customer.kind(), invoice.dueDate(), today,
                deadline, properties.reminderFeeAgreed(), feeNotices);
        try {
            FeeDecision decision = switch (feeKind) {
                case FeeKinds.NONE -> null;
                case FeeKinds.REMINDER_FEE -> charges.reminderFee(reminder);
                case FeeKinds.COLLECTION_NOTICE_FEE -> {
                    FeeDecision collection = charges.collectionNoticeFee(customer.country(), customer.kind(), today);
                    yield collection.reason() == NoChargeReason.NOT_PROVIDED_IN_COUNTRY ? charges.reminderFee(reminder) : collection;
                }
                default -> throw new IllegalStateException("Unknown fee kind '" + feeKind + "' in the dunning policy");
            };
            return decision == null ? Claim.NONE : Claim.of(decision, invoice.currency());
        } catch (MissingRateException e) {
            return Claim.missing(e);
        }
    }

    private Claim compensation(Invoice invoice, Customer customer) {
        try {
            return Claim.of(charges.fixedCompensation(customer.country(), customer.kind(), invoice.dueDate()), invoice.currency());
        } catch (MissingRateException e) {
            return Claim.missing(e);
        }
    }

    /**
     * Interest up to the sending day. Without a rate for a day of the period the notice goes without interest and
     * says so in the record: a notice that states no interest is lawful, a guessed rate is not.
     */
    private Interest interest(Invoice invoice, BigDecimal principal, String country, LocalDate today) {
        if (!today.isAfter(invoice.dueDate())) {
            return Interest.NONE;
        }
        try {
            LateInterest interest = charges.lateInterest(country, principal, invoice.currency(),
                    invoice.dueDate(), today);
            List<BigDecimal> rates = interest.periods().stream().map(InterestPeriod::annualRatePercent).distinct().toList();
            // One rate prints as "12,50 % from … until …"; several rates would need a breakdown the templates lack.
            return new Interest(interest.amount(), rates.size() == 1 ? rates.get(0) : null,
                    invoice.dueDate().plusDays(1), today, null);
        } catch (MissingRateException e) {
            log.warn("Dunning notice for invoice {} without late interest: {}", invoice.invoiceNumber(), e.getMessage());
            return new Interest(null, null, null, null, e.getMessage());
        }
    }

    /** The model from the recorded notice, so that every channel and every retry states the same facts. */
    private Map<String, Object> model(DunningNotice notice, Invoice invoice, Customer customer, NoticeFormat format) {
        Map<String, Object> model = format.model(customer, invoice, creditor, notice.principal(),
                DunningNotice.orZero(notice.feeAmount()), DunningNotice.orZero(notice.interestAmount()), notice.total(),
                notice.deadline());
        if (notice.feeCharged() && notice.feeSource() != null) {
            model.put(NoticeModel.FEE_BASIS, notice.feeSource());
        }
        if (notice.interestRate() != null) {
            model.put(NoticeModel.INTEREST_RATE, format.percent(notice.interestRate()));
            model.put(NoticeModel.INTEREST_FROM, format.date(notice.interestFrom()));
            model.put(NoticeModel.INTEREST_UNTIL, format.date(notice.interestUntil()));
        }
        if (notice.compensationAmount() != null) {
            model.put(NoticeModel.COMPENSATION, format.money(notice.compensationAmount()));
        }
        if (notice.creditHold()) {
            model.put(NoticeModel.CREDIT_HOLD, true);
        }
        if (notice.financeContact() != null) {
            model.put(NoticeModel.FINANCE_CONTACT_EMAIL, notice.financeContact());
            model.put(NoticeModel.FINANCE_CONTACT, customer.contacts().stream()
                    .filter(c -> notice.financeContact().equals(c.email())).findFirst()
                    .map(c -> (c.name() == null ? c.email() : c.name()) + ", " + c.role()).orElse(notice.financeContact()));
        }
        return model;
    }

    private void deliver(String channel, DunningNotice notice, Customer customer, NoticeFormat format,
                         Map<String, Object> model) {
        switch (channel) {
            case Channels.EMAIL -> email.send(withInvoiceCopy(notice(notice, customer.noticeEmail(), format, model)));
            case Channels.SMS -> customer.smsNumber().ifPresentOrElse(
                    number -> sms.send(notice(notice, number, format, model)),
                    () -> log.info("Notice {}: no SMS, the customer has no mobile number or opted out", notice.key()));
            case Channels.LETTER -> letters.store(notice(notice, customer.name(), format, model));
            // A call is a collector's task in the model, not a message: CALL_CUSTOMER tells the model.
            case Channels.CALL -> { }
            default -> throw new IllegalStateException("Unknown channel '" + channel + "' in the dunning policy for notice "
                    + notice.key() + "; expected " + List.of(Channels.EMAIL, Channels.SMS, Channels.LETTER, Channels.CALL));
        }
    }

    /** The invoice as the customer first received it goes with every dunning email, when the ERP uploaded it. */
    private Notice withInvoiceCopy(Notice notice) {
        if (!properties.attachInvoiceCopy()) {
            return notice;
        }
        return invoiceCopies.find(notice.invoiceNumber())
                .map(copy -> notice.withAttachments(Notice.Attachment.pdf(copy.fileName(), copy.pdf())))
                .orElse(notice);
    }

    private static Notice notice(DunningNotice notice, String recipient, NoticeFormat format, Map<String, Object> model) {
        Notice alone = new Notice(notice.key(), notice.invoiceNumber(), notice.customerNumber(), recipient,
                notice.template(), format.locale(), model);
        // The customer's reminders of one level, round and day go as one message (docs/channels.md, "Bundling").
        return Templates.BUNDLED.contains(notice.template())
                ? alone.inBundle("dunning:" + notice.customerNumber() + ":L" + notice.level() + ":R" + notice.round() + ":"
                        + notice.sentOn())
                : alone;
    }

    static Comparator<DunningNotice> bySending() {
        return Comparator.comparing(DunningNotice::sentAt).thenComparing(DunningNotice::id);
    }
}
