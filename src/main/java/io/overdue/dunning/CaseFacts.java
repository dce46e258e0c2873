package io.overdue.dunning;

import io.overdue.channels.CommunicationLog;
import io.overdue.channels.SentNotice;
import io.overdue.channels.SmsDeliveries;
import io.overdue.channels.SmsInbox;
import io.overdue.customers.Contact;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.dunning.CollectionCaseProcess.TaskFacts;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.shared.Amounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An invoice and its customer as one case sees them, read from our tables whenever they are needed. */
@Service
class CaseFacts {

    static final String NONE_RECORDED = "none recorded";
    /** Enough of the log for a call; the case view has all of it. */
    static final int LAST_CONTACTS_SHOWN = 5;

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final InvoiceService invoices;
    private final CustomerService customers;
    private final DunningNoticeStore notices;
    private final CommunicationLog communicationLog;
    private final ObjectProvider<PromisesAndDisputesFacts> promisesAndDisputes;
    private final ZoneId zone;
    private final SmsInbox smsInbox;
    private final SmsDeliveries smsDeliveries;

    CaseFacts(InvoiceService invoices, CustomerService customers, DunningNoticeStore notices,
              CommunicationLog communicationLog, ObjectProvider<PromisesAndDisputesFacts> promisesAndDisputes,
              DunningProperties properties,
              SmsInbox smsInbox, SmsDeliveries smsDeliveries) {
        this.invoices = invoices;
        this.customers = customers;
        this.notices = notices;
        this.communicationLog = communicationLog;
        this.promisesAndDisputes = promisesAndDisputes;
        this.zone = properties.zone();
        this.smsInbox = smsInbox;
        this.smsDeliveries = smsDeliveries;
    }

    record Facts(Invoice invoice, CustomerRef customer) {
    }

    Facts of(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber)
                .orElseThrow(() -> new IllegalStateException("invoice " + invoiceNumber + " of a running case is missing"));
        CustomerRef customer = customers.ref(invoice.customerId())
                .orElseThrow(() -> new IllegalStateException("customer of invoice " + invoiceNumber + " is missing"));
        return new Facts(invoice, customer);
    }

    /**
     * What a collector's form shows: plain strings, several lines where a list is shown, so that Tasklist displays
     * them as they are. One query per kind of fact (invoice, customer with contacts, notices, open invoices, log).
     */
    Map<String, Object> forForm(String invoiceNumber) {
        Facts facts = of(invoiceNumber);
        Invoice invoice = facts.invoice();
        Customer customer = customers.get(facts.customer().customerNumber());
        List<DunningNotice> sent = notices.forInvoice(invoiceNumber);
        DunningNotices.ClaimedCharges claimed = DunningNotices.claimed(sent, invoice.currency());

        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Variables.INVOICE_NUMBER, invoice.invoiceNumber());
        variables.put(Variables.CUSTOMER_NUMBER, customer.customerNumber());
        variables.put(Variables.CUSTOMER_NAME, customer.name());
        variables.put(Variables.OPEN_BALANCE, amount(invoice.openBalance()));
        variables.put(Variables.CURRENCY, invoice.currency());
        variables.put(Variables.DUE_DATE, invoice.dueDate().toString());
        variables.put(TaskFacts.DUNNING_LEVEL, sent.stream().max(DunningNotices.bySending())
                .map(last -> last.level() + (last.round() > 1 ? " (round " + last.round() + ")" : "")).orElse("none yet"));
        variables.put(TaskFacts.CHARGES, charges(sent, claimed));
        variables.put(TaskFacts.TOTAL_CLAIMED, amount(invoice.openBalance().add(claimed.total())) + " " + invoice.currency());
        variables.put(TaskFacts.CONTACTS, contacts(customer));
        variables.put(TaskFacts.PHONE, customer.phone() != null ? customer.phone() : "none");
        variables.put(TaskFacts.OPEN_INVOICES, openInvoices(customer));
        variables.put(TaskFacts.LAST_CONTACTS, lastContacts(invoiceNumber, customer));
        PromisesAndDisputesFacts promises = promisesAndDisputes.getIfAvailable();
        variables.put(TaskFacts.PROMISES_AND_DISPUTES, promises != null ? promises.linesFor(invoiceNumber) : NONE_RECORDED);
        variables.put(TaskFacts.CREDIT_HOLD_STATE, customer.creditHold()
                ? "on hold (placed by " + customer.creditHoldSource() + ")" : "not on hold");
        return variables;
    }

    private static String charges(List<DunningNotice> sent, DunningNotices.ClaimedCharges claimed) {
        List<String> lines = new ArrayList<>();
        for (DunningNotice notice : sent) {
            if (notice.feeCharged()) {
                lines.add("Fee of level " + notice.level() + " (" + notice.sentOn() + "): " + amount(notice.feeAmount())
                        + " " + notice.feeCurrency());
            }
        }
        if (claimed.interest().signum() > 0) {
            lines.add("Interest until " + claimed.interestUntil() + ": " + amount(claimed.interest()) + " " + claimed.currency());
        }
        if (claimed.compensation().signum() > 0) {
            lines.add("Fixed compensation: " + amount(claimed.compensation()) + " " + claimed.currency());
        }
        if (lines.isEmpty()) {
            return "none";
        }
        lines.add("Total fees and interest: " + amount(claimed.total()) + " " + claimed.currency());
        return String.join("\n", lines);
    }

    private static String contacts(Customer customer) {
        List<String> lines = new ArrayList<>();
        lines.add("Customer: " + join(customer.email(), customer.phone()));
        for (Contact contact : customer.contacts()) {
            lines.add(contact.role() + ": " + join(contact.name(), contact.email(), contact.phone()));
        }
        return String.join("\n", lines);
    }

    private String openInvoices(Customer customer) {
        List<Invoice> open = invoices.openInvoices(customer.id());
        if (open.isEmpty()) {
            return "none";
        }
        return open.stream().map(i -> i.invoiceNumber() + ": " + amount(i.openBalance()) + " " + i.currency()
                + ", due " + i.dueDate()).collect(Collectors.joining("\n"));
    }

    /** The latest entries of the log with an SMS's delivery as Twilio reported it, and what the customer texted us. */
    private String lastContacts(String invoiceNumber, Customer customer) {
        List<SentNotice> log = communicationLog.forInvoice(invoiceNumber);
        List<SmsInbox.InboundSms> replies = smsInbox.from(customer.phoneNumbers());
        if (log.isEmpty() && replies.isEmpty()) {
            return NONE_RECORDED;
        }
        List<SentNotice> latest = log.stream().sorted(Comparator.comparing(SentNotice::sentAt).thenComparing(SentNotice::id)
                .reversed()).limit(LAST_CONTACTS_SHOWN).toList();
        Map<Long, SmsDeliveries.Delivery> deliveries = smsDeliveries.ofEntries(latest);
        List<String> lines = new ArrayList<>();
        replies.stream().limit(LAST_CONTACTS_SHOWN).forEach(sms -> lines.add(LOG_TIME.format(sms.receivedAt().atZone(zone))
                + " SMS from " + sms.from() + (sms.kind() == SmsInbox.Kind.REPLY ? ": " : " (" + sms.kind() + "): ")
                + sms.body()));
        latest.forEach(entry -> {
            SmsDeliveries.Delivery delivery = deliveries.get(entry.id());
            lines.add(LOG_TIME.format(entry.sentAt().atZone(zone)) + " " + entry.channel() + " " + entry.template()
                    + (entry.recipient() != null ? " to " + entry.recipient() : "") + " (" + entry.status()
                    + (delivery == null ? "" : ", " + delivery.status()
                    + (delivery.errorCode() == null ? "" : " error " + delivery.errorCode())) + ")");
        });
        return String.join("\n", lines);
    }

    private static String join(String... parts) {
        String joined = java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).collect(Collectors.joining(", "));
        return joined.isEmpty() ? "no details" : joined;
    }

    private static String amount(BigDecimal value) {
        return Amounts.forDisplay(value).toPlainString();
    }
}
