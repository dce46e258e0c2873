package io.overdue.communications;

import io.overdue.channels.CommunicationLog;
import io.overdue.channels.SentNotice;
import io.overdue.channels.SmsChannel;
import io.overdue.channels.SmsDeliveries;
import io.overdue.channels.SmsInbox;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A customer's whole communication, in and out, for the customer file and for an agency or a court: every notice
 * sent about any of its invoices as the log recorded it (to whom, when, the content as sent, and what the channel
 * said), an SMS's delivery as Twilio last reported it, and every SMS its numbers sent us.
 */
@Service
public class CommunicationHistory {

    /** One message, either way. */
    public record Entry(Instant at, Direction direction, String invoiceNumber, String channel, String counterpart,
                        String template, String subject, String status, String providerId, String delivery,
                        String deliveryError, Instant deliveryReportedAt, String content) {
    }

    public enum Direction {
        /** We sent it. */
        OUT,
        /** The customer sent it (an SMS to our number). */
        IN
    }

    private final CustomerService customers;
    private final CommunicationLog log;
    private final SmsDeliveries deliveries;
    private final SmsInbox inbox;

    CommunicationHistory(CustomerService customers, CommunicationLog log, SmsDeliveries deliveries, SmsInbox inbox) {
        this.customers = customers;
        this.log = log;
        this.deliveries = deliveries;
        this.inbox = inbox;
    }

    /**
     * Oldest first.
     *
     * @throws io.overdue.shared.NotFoundException for an unknown customer
     */
    public List<Entry> of(String customerNumber) {
        Customer customer = customers.get(customerNumber);
        List<SentNotice> sent = log.forCustomer(customer.customerNumber());
        Map<Long, SmsDeliveries.Delivery> reported = deliveries.ofEntries(sent);
        List<Entry> entries = new ArrayList<>();
        for (SentNotice entry : sent) {
            SmsDeliveries.Delivery delivery = reported.get(entry.id());
            entries.add(new Entry(entry.sentAt(), Direction.OUT, entry.invoiceNumber(), entry.channel(), entry.recipient(),
                    entry.template(), entry.subject(), entry.status(), entry.providerId(),
                    delivery == null ? null : delivery.status(), delivery == null ? null : delivery.errorCode(),
                    delivery == null ? null : delivery.reportedAt(), entry.content()));
        }
        for (SmsInbox.InboundSms sms : inbox.from(customer.phoneNumbers())) {
            entries.add(new Entry(sms.receivedAt(), Direction.IN, null, SmsChannel.CHANNEL, sms.from(), null, null,
                    sms.kind().name(), sms.messageSid(), null, null, null, sms.body()));
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }
}
