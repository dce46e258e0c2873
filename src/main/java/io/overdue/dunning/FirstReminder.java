package io.overdue.dunning;

import io.overdue.channels.EmailChannel;
import io.overdue.channels.Notice;
import io.overdue.channels.SentNotice;
import io.overdue.customers.ContactRole;
import io.overdue.customers.Contact;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The friendly first reminder: full payment details, no fee, a deadline to pay. */
@Service
class FirstReminder {

    static final String TEMPLATE = "first-reminder";

    private final CaseFacts caseFacts;
    private final CustomerService customers;
    private final EmailChannel email;
    private final CreditorProperties creditor;
    private final DunningProperties dunning;
    private final Clock clock;

    FirstReminder(CaseFacts caseFacts, CustomerService customers, EmailChannel email, CreditorProperties creditor,
                  DunningProperties dunning, Clock clock) {
        this.caseFacts = caseFacts;
        this.customers = customers;
        this.email = email;
        this.creditor = creditor;
        this.dunning = dunning;
        this.clock = clock;
    }

    /** Sends the reminder unless it was sent before or the invoice is no longer open. */
    Optional<SentNotice> send(String invoiceNumber) {
        CaseFacts.Facts facts = caseFacts.of(invoiceNumber);
        Invoice invoice = facts.invoice();
        if (invoice.status().isClosed()) {
            return Optional.empty();
        }
        Customer customer = customers.get(facts.customer().customerNumber());
        Locale locale = Locale.forLanguageTag(customer.language());
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        LocalDate deadline = LocalDate.now(clock.withZone(dunning.zone())).plus(dunning.reminderDeadline());
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal interest = BigDecimal.ZERO;
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", customer.name());
        model.put("invoiceNumber", invoice.invoiceNumber());
        model.put("issueDate", dates.format(invoice.issueDate()));
        model.put("dueDate", dates.format(invoice.dueDate()));
        model.put("currency", invoice.currency());
        model.put("principal", money(invoice.openBalance(), locale));
        model.put("fees", money(fees, locale));
        model.put("interest", money(interest, locale));
        model.put("total", money(invoice.openBalance().add(fees).add(interest), locale));
        model.put("deadline", dates.format(deadline));
        model.put("bankAccount", creditor.bankAccount());
        model.put("paymentReference", invoice.paymentReference());
        model.put("referenceType", invoice.referenceType().name());
        model.put("creditorName", creditor.name());
        model.put("creditorEmail", creditor.email());
        model.put("creditorPhone", creditor.phone());
        return Optional.of(email.send(new Notice(TEMPLATE + ":" + invoice.invoiceNumber(), invoice.invoiceNumber(),
                customer.customerNumber(), recipient(customer), TEMPLATE, locale, model)));
    }

    /** Accounts payable when the customer named one, otherwise the customer's own address. */
    private static String recipient(Customer customer) {
        return customer.contacts().stream()
                .filter(c -> c.role() == ContactRole.ACCOUNTS_PAYABLE && c.email() != null)
                .map(Contact::email).findFirst().orElse(customer.email());
    }

    private static String money(BigDecimal amount, Locale locale) {
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(Math.max(2, amount.stripTrailingZeros().scale()));
        return format.format(amount);
    }
}
