package io.overdue.dunning;

import io.overdue.channels.EmailChannel;
import io.overdue.channels.Notice;
import io.overdue.channels.SentNotice;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import io.overdue.shared.CreditorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;

/**
 * The friendly note before the due date (brief, practice 2), when the policy's {@code CourtesyReminder} wants one.
 * Not a dunning notice: no fee, no deadline of its own (it names the due date), and it is not a level.
 */
@Service
class CourtesyReminders {

    static final String TEMPLATE = "courtesy-reminder";

    private static final Logger log = LoggerFactory.getLogger(CourtesyReminders.class);

    private final CaseFacts caseFacts;
    private final CustomerService customers;
    private final PolicyDecisions policy;
    private final EmailChannel email;
    private final CreditorProperties creditor;
    private final DunningProperties properties;
    private final Clock clock;

    CourtesyReminders(CaseFacts caseFacts, CustomerService customers, PolicyDecisions policy, EmailChannel email,
                      CreditorProperties creditor, DunningProperties properties, Clock clock) {
        this.caseFacts = caseFacts;
        this.customers = customers;
        this.policy = policy;
        this.email = email;
        this.creditor = creditor;
        this.properties = properties;
        this.clock = clock;
    }

    /** @param at when it goes; null when not wanted */
    record Decision(boolean wanted, Date at) {
        static final Decision NOT_WANTED = new Decision(false, null);
    }

    /**
     * Wanted when the policy asks for one and its moment (due date minus {@code daysBeforeDue}, at the reminder time
     * plus the invoice's jitter) is still ahead: a courtesy note that would arrive on or after the due date is no
     * courtesy, so a late decision skips it.
     */
    Decision decide(String invoiceNumber) {
        CaseFacts.Facts facts = caseFacts.of(invoiceNumber);
        Invoice invoice = facts.invoice();
        if (invoice.status().isClosed()) {
            return Decision.NOT_WANTED;
        }
        PolicyDecisions.Courtesy courtesy = policy.courtesy(facts.customer().country(), facts.customer().kind(),
                invoice.openBalance());
        if (!courtesy.wanted()) {
            return Decision.NOT_WANTED;
        }
        Instant at = NoticeMoments.on(properties, invoiceNumber, invoice.dueDate().minusDays(courtesy.daysBeforeDue())).toInstant();
        return at.isAfter(clock.instant()) ? new Decision(true, Date.from(at)) : Decision.NOT_WANTED;
    }

    /** Sends it once per invoice (key {@code courtesy:<invoice>}); nothing once the invoice is closed or due. */
    Optional<SentNotice> send(String invoiceNumber) {
        CaseFacts.Facts facts = caseFacts.of(invoiceNumber);
        Invoice invoice = facts.invoice();
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        if (invoice.status().isClosed() || invoice.dueDate().isBefore(today)) {
            log.info("Courtesy reminder for invoice {} skipped: {}", invoiceNumber,
                    invoice.status().isClosed() ? invoice.status() : "due date " + invoice.dueDate() + " has passed");
            return Optional.empty();
        }
        Customer customer = customers.get(facts.customer().customerNumber());
        NoticeFormat format = new NoticeFormat(customer);
        var model = format.model(customer, invoice, creditor, invoice.openBalance(), BigDecimal.ZERO, BigDecimal.ZERO,
                invoice.openBalance(), invoice.dueDate());
        return Optional.of(email.send(new Notice("courtesy:" + invoiceNumber, invoiceNumber, customer.customerNumber(),
                customer.noticeEmail(), TEMPLATE, format.locale(), model)));
    }
}
