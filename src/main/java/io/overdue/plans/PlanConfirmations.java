package io.overdue.plans;

import io.overdue.channels.CommunicationLog;
import io.overdue.channels.Outbox;
import io.overdue.channels.OutboxMessage;
import io.overdue.channels.EmailChannel;
import io.overdue.channels.Notice;
import io.overdue.channels.NoticeModel;
import io.overdue.channels.SentNotice;
import io.overdue.channels.SmsChannel;
import io.overdue.customers.Contact;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.ConflictException;
import io.overdue.shared.CreditorProperties;
import io.overdue.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The customer's written confirmation of an approved plan (issue 4, point 3): an email listing the plan with the
 * link to the acceptance page, and a short SMS with the link when the customer has a mobile number. See
 * docs/plan-acceptance.md.
 *
 * <p>At least once, never twice, like the dunning notices. Each channel runs in a transaction of its own that issues
 * its own token and writes the communication log entry under {@code plan:{id}:acceptance:{channel}}: when the SMS
 * fails after the email went, the email's entry and token are committed, and the engine's retry sends only the SMS.
 * A token never outlives a failed send (it rolls back with it), and the link in a sent message always verifies.
 */
@Service
public class PlanConfirmations {

    static final String EMAIL = "EMAIL";

    private static final Logger log = LoggerFactory.getLogger(PlanConfirmations.class);

    private final PaymentPlans plans;
    private final InvoiceService invoices;
    private final CustomerService customers;
    private final PaymentPlanDecisions policy;
    private final PlanAcceptanceTokens tokens;
    private final EmailChannel email;
    private final SmsChannel sms;
    private final CommunicationLog communicationLog;
    private final Outbox outbox;
    private final CreditorProperties creditor;
    private final Clock clock;
    private final ZoneId zone;
    private final TransactionTemplate ownTransaction;

    PlanConfirmations(PaymentPlans plans, InvoiceService invoices, CustomerService customers,
                      PaymentPlanDecisions policy, PlanAcceptanceTokens tokens, EmailChannel email, SmsChannel sms,
                      CommunicationLog communicationLog, Outbox outbox, CreditorProperties creditor, Clock clock,
                      @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone, PlatformTransactionManager transactions) {
        this.plans = plans;
        this.invoices = invoices;
        this.customers = customers;
        this.policy = policy;
        this.tokens = tokens;
        this.email = email;
        this.sms = sms;
        this.communicationLog = communicationLog;
        this.outbox = outbox;
        this.creditor = creditor;
        this.clock = clock;
        this.zone = zone;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The communication log key of a plan's confirmation on one channel. */
    static String key(long planId, String channel) {
        return "plan:" + planId + ":acceptance:" + channel;
    }

    /**
     * Sends the plan for the customer's acceptance by email, and by SMS when the customer has a mobile number;
     * what went before (an engine retry) is not sent again.
     *
     * @return the acceptance deadline: the end of the last day the customer can accept, the same on every call
     * @throws ConflictException when the plan is not AWAITING_ACCEPTANCE
     * @throws IllegalStateException when the deadline passed before the plan could be sent
     */
    public Instant send(long planId) {
        PaymentPlan plan = plans.find(planId).orElseThrow(() -> new NotFoundException("Payment plan", String.valueOf(planId)));
        if (plan.status() != PlanStatus.AWAITING_ACCEPTANCE) {
            throw new ConflictException("payment plan " + planId + " is " + plan.status()
                    + "; only a plan awaiting acceptance is sent to the customer");
        }
        Invoice invoice = invoices.find(plan.invoiceNumber())
                .orElseThrow(() -> new NotFoundException("Invoice", plan.invoiceNumber()));
        Customer customer = customers.get(customers.ref(invoice.customerId()).map(CustomerRef::customerNumber)
                .orElseThrow(() -> new NotFoundException("Customer of invoice", invoice.invoiceNumber())));
        LocalDate lastDay = lastDay(plan, customer);
        Instant deadline = endOf(lastDay);
        if (!deadline.isAfter(clock.instant())) {
            throw new IllegalStateException("payment plan " + planId + " could not be sent before its acceptance deadline "
                    + lastDay + " passed; withdraw it and propose a new one");
        }

        Locale locale = Locale.forLanguageTag(customer.language());
        Map<String, Object> model = new HashMap<>();
        PlanSummary.of(plan, invoice, creditor, lastDay, locale).addTo(model);
        model.put(NoticeModel.CUSTOMER_NAME, customer.name());
        model.put(NoticeModel.CREDITOR_EMAIL, creditor.email());
        model.put(NoticeModel.CREDITOR_PHONE, creditor.phone());
        // A plan binds the business to a schedule of payments: whoever approves payments there sees it before
        // anyone accepts it, whatever the dunning level was.
        customer.financeContact().ifPresent(contact -> {
            model.put(NoticeModel.FINANCE_CONTACT_EMAIL, contact.email());
            model.put(NoticeModel.FINANCE_CONTACT, name(contact));
        });

        deliver(plan, customer, EMAIL, customer.noticeEmail(), locale, model, deadline, email::send);
        customer.smsNumber().ifPresentOrElse(
                number -> deliver(plan, customer, SmsChannel.CHANNEL, number, locale, model, deadline, sms::send),
                () -> log.info("Payment plan {}: no SMS, the customer has no mobile number or opted out", planId));
        return deadline;
    }

    /** The policy's acceptance days, counted from the approval so that every channel and retry names the same day. */
    private LocalDate lastDay(PaymentPlan plan, Customer customer) {
        int days = policy.limits(customer.country(), customer.kind(), plan.total()).acceptanceDays();
        return LocalDate.ofInstant(plan.approvedAt(), zone).plusDays(days);
    }

    /** "Accept by 14 March" holds until midnight at its end, in the creditor's zone. */
    private Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The day a deadline of {@link #endOf} falls on, for the page that only knows the token's expiry. */
    static LocalDate lastDay(Instant deadline, ZoneId zone) {
        return LocalDate.ofInstant(deadline.minusSeconds(1), zone);
    }

    private void deliver(PaymentPlan plan, Customer customer, String channel, String recipient, Locale locale,
                         Map<String, Object> facts, Instant deadline, Function<Notice, SentNotice> channelSend) {
        String key = key(plan.id(), channel);
        ownTransaction.executeWithoutResult(status -> {
            if (sentBefore(plan.invoiceNumber(), key)) {
                log.info("Payment plan {} went by {} before; not sending again", plan.id(), channel);
                return;
            }
            Map<String, Object> model = new HashMap<>(facts);
            model.put(NoticeModel.ACCEPTANCE_LINK, tokens.link(tokens.issue(plan.id(), plan.invoiceNumber(), deadline)));
            channelSend.apply(new Notice(key, plan.invoiceNumber(), customer.customerNumber(), recipient,
                    NoticeModel.PLAN_ACCEPTANCE, locale, model));
        });
    }

    // Asked before a token is issued, so that a retry leaves no token behind that nobody received.
    private boolean sentBefore(String invoiceNumber, String key) {
        return communicationLog.forInvoice(invoiceNumber).stream().anyMatch(entry -> entry.noticeKey().equals(key))
                || outbox.unfinished(invoiceNumber).stream().map(OutboxMessage::asQueued)
                .anyMatch(queued -> queued.noticeKey().equals(key));
    }

    private static String name(Contact contact) {
        return (contact.name() == null ? contact.email() : contact.name()) + ", " + contact.role();
    }
}
