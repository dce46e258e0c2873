package io.overdue.channels;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.overdue.shared.PhoneNumbers;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sends notices by SMS through Twilio, rendered from the Thymeleaf text template {@code sms/<template>.txt}
 * in the customer's language, and records each in the communication log.
 *
 * <p>Like {@link EmailChannel} it writes the SMS to the outbox in the caller's transaction, and {@link OutboxSender}
 * hands it to Twilio after commit ({@link #transmit}). The log entry's key is the notice's key with {@value #KEY_PREFIX}
 * in front: the notice's key names the business event, and the same event may go out by email as well. A recipient
 * who has answered STOP ({@link SmsInbox}) is recorded as {@value #OPTED_OUT} and nothing is queued; Twilio's refusals
 * of the number for good (unsubscribed {@value #UNSUBSCRIBED}, invalid, not a mobile) are not tried again; every other
 * failure is (429, 5xx, no connection).
 */
@Service
public class SmsChannel implements Transmitter {

    public static final String CHANNEL = "SMS";
    /** Status of an SMS that was not sent because the recipient has unsubscribed from the sender. */
    public static final String OPTED_OUT = "OPTED_OUT";
    static final String KEY_PREFIX = "sms:";
    static final int UNSUBSCRIBED = 21610;
    /** Twilio's errors for a number that no attempt can reach: invalid 'To', not a mobile number, unreachable carrier. */
    static final Set<Integer> INVALID_NUMBER_ERRORS = Set.of(21211, 21614, 21612, 21217, 21401);

    private static final Logger log = LoggerFactory.getLogger(SmsChannel.class);

    private final CommunicationLog communicationLog;
    private final ITemplateEngine templates;
    private final SmsProperties properties;
    private final Clock clock;
    private final BaseUrlHttpClient httpClient;
    private final TwilioRestClient twilio;
    private final SmsInbox inbox;
    private final Outbox outbox;
    private final OutboxSender sender;
    private final ContactFrequency frequency;

    SmsChannel(CommunicationLog communicationLog, ITemplateEngine templates, SmsProperties properties, Clock clock,
               SmsInbox inbox, Outbox outbox, OutboxSender sender, ContactFrequency frequency) {
        this.frequency = frequency;
        this.outbox = outbox;
        this.sender = sender;
        this.inbox = inbox;
        this.communicationLog = communicationLog;
        this.templates = templates;
        this.properties = properties;
        this.clock = clock;
        if (properties.configured()) {
            httpClient = new BaseUrlHttpClient(properties.apiBaseUrl());
            twilio = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
                    .httpClient(httpClient).build();
            log.info("SMS are sent through Twilio at {} (account {})", properties.apiBaseUrl(), properties.accountSid());
        } else {
            httpClient = null;
            twilio = null;
            log.info("No Twilio credentials (overdue.sms.account-sid, overdue.sms.auth-token): SMS are recorded in "
                    + "the communication log and not sent");
        }
    }

    /**
     * Writes the SMS to the outbox, once per idempotency key; it goes to Twilio after the caller's transaction commits.
     * Without a number, to an opted-out number, or without Twilio credentials it is only recorded in the log.
     *
     * @return the log entry, or the message as queued ({@link SentNotice#QUEUED})
     */
    @Transactional
    public SentNotice send(Notice notice) {
        String key = KEY_PREFIX + notice.idempotencyKey();
        var earlier = communicationLog.byKey(key);
        if (earlier.isPresent()) {
            log.info("SMS {} was sent before (log entry {}); not sending again", key, earlier.get().id());
            return earlier.get();
        }
        var queued = outbox.byKey(key);
        if (queued.isPresent()) {
            return queued.get().asQueued();
        }
        String body = render(notice);
        String recipient = e164(key, notice.recipient());
        String content = NoticeModel.withheld(body, notice.model());
        String status;
        if (recipient == null) {
            status = SentNotice.NO_ADDRESS;
            log.warn("SMS {} has no phone number to go to; recorded for the collector", key);
        } else if (inbox.optedOut(recipient)) {
            status = OPTED_OUT;
            log.info("SMS {} not sent: {} answered STOP", key, recipient);
        } else if (twilio == null) {
            status = SentNotice.LOGGED;
            log.info("SMS {} recorded but not sent (no Twilio credentials): {}", key, body);
        } else {
            Notice toNumber = new Notice(notice.idempotencyKey(), notice.invoiceNumber(), notice.customerNumber(),
                    recipient, notice.template(), notice.locale(), notice.model());
            OutboxMessage message = OutboxMessage.pending(key, CHANNEL, toNumber, null, null, null, body, null, content,
                    null, clock.instant());
            Instant slot = frequency.nextSms(notice.customerNumber(), clock.instant());
            if (slot.isAfter(message.nextAttemptAt())) {
                log.info("SMS {} waits until {}: the customer has had its SMS for the day", key, slot);
                message = message.dueAt(slot);
            }
            if (notice.bundle() == null) {
                return sender.enqueue(message, List.of()).asQueued();
            }
            return sender.enqueue(message.inBundle(notice.bundle() + ":" + CHANNEL + ":" + recipient), List.of(),
                    new OutboxMessage.Member(key, notice.invoiceNumber(), notice.model()),
                    models -> renderBundle(toNumber, models)).asQueued();
        }
        SentNotice sent = new SentNotice(0, key, notice.invoiceNumber(), notice.customerNumber(), CHANNEL, recipient,
                notice.template(), null, content, status, null, clock.instant(), null);
        communicationLog.append(sent);
        return sent;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public String transmit(OutboxMessage sms, List<Notice.Attachment> attachments) {
        if (twilio == null) {
            throw new IllegalStateException("No Twilio credentials (overdue.sms.account-sid, overdue.sms.auth-token) to send SMS "
                    + sms.idempotencyKey());
        }
        try {
            Message message = creator(sms.recipient(), sms.content()).create(twilio);
            log.info("SMS {} handed to Twilio as {} ({} segment(s))", sms.idempotencyKey(), message.getSid(),
                    SmsText.segments(sms.content()));
            return message.getSid();
        } catch (ApiException e) {
            Integer code = e.getCode();
            if (code != null && code == UNSUBSCRIBED) {
                throw new DeliveryRejectedException(OPTED_OUT, "The recipient has unsubscribed from our sender (Twilio error "
                        + UNSUBSCRIBED + ")", e);
            }
            if (code != null && INVALID_NUMBER_ERRORS.contains(code)) {
                throw new DeliveryRejectedException(SentNotice.INVALID_NUMBER, "Twilio cannot reach " + sms.recipient()
                        + ": " + e.getMessage() + " (Twilio error " + code + ")", e);
            }
            throw failed(sms.idempotencyKey(), e);
        } catch (TwilioException e) {
            throw failed(sms.idempotencyKey(), e);
        }
    }

    /**
     * Asks Twilio for the messages to the recipient since shortly before the lost sender claimed this one: the one with
     * the same text is it.
     */
    @Override
    public Optional<String> delivered(OutboxMessage sms) {
        if (twilio == null || sms.claimedAt() == null) {
            return Optional.empty();
        }
        ZonedDateTime since = sms.claimedAt().minus(Duration.ofMinutes(5)).atZone(ZoneOffset.UTC);
        for (Message message : Message.reader().setTo(new PhoneNumber(sms.recipient())).setDateSentAfter(since)
                .setPageSize(100L).firstPage(twilio).getRecords()) {
            if (sms.content().equals(message.getBody())) {
                return Optional.of(message.getSid());
            }
        }
        return Optional.empty();
    }

    /** One SMS for the notices of a bundle: a notice alone reads as it always does; several are named together. */
    OutboxMessage.Content renderBundle(Notice first, List<java.util.Map<String, Object>> models) {
        String body;
        if (models.size() == 1) {
            body = render(new Notice(first.idempotencyKey(), first.invoiceNumber(), first.customerNumber(),
                    first.recipient(), first.template(), first.locale(), models.get(0)));
        } else {
            java.util.Map<String, Object> model = new java.util.HashMap<>(models.get(0));
            List<String> numbers = models.stream().map(m -> String.valueOf(m.get(NoticeModel.INVOICE_NUMBER))).toList();
            model.put(NoticeModel.COUNT, models.size());
            model.put(NoticeModel.INVOICE_LIST, numbers.size() <= 3 ? String.join(", ", numbers)
                    : String.join(", ", numbers.subList(0, 3)) + " ...");
            body = SmsText.normalise(templates.process("sms/" + NoticeModel.BUNDLE + ".txt",
                    new Context(first.locale(), model)));
        }
        return new OutboxMessage.Content(null, body, null, body);
    }

    String render(Notice notice) {
        NoticeModel.requireSms(notice.template(), notice.model());
        return SmsText.normalise(templates.process("sms/" + notice.template() + ".txt",
                new Context(notice.locale(), notice.model())));
    }

    // Customers' numbers are stored in E.164; anything else is a fault to fix, not something a retry or Twilio mends.
    private static String e164(String key, String number) {
        if (number == null) {
            return null;
        }
        try {
            return PhoneNumbers.toE164(number, "ZZ");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SMS " + key + ": recipient " + number + " " + e.getMessage()
                    + "; expected E.164, e.g. +4791234567", e);
        }
    }

    private MessageCreator creator(String to, String body) {
        MessageCreator creator = properties.messagingServiceSid() != null
                ? Message.creator(new PhoneNumber(to), properties.messagingServiceSid(), body)
                : Message.creator(new PhoneNumber(to), new PhoneNumber(properties.from()), body);
        if (properties.statusCallbackUrl() != null) {
            creator.setStatusCallback(properties.statusCallbackUrl());
        }
        return creator;
    }

    private static SmsNotSentException failed(String key, TwilioException e) {
        String detail = e instanceof ApiException api && api.getCode() != null
                ? " (Twilio error " + api.getCode() + ", HTTP " + api.getStatusCode() + ")" : "";
        return new SmsNotSentException("SMS " + key + " was not sent: " + e.getMessage() + detail, e);
    }

    @PreDestroy
    void close() throws IOException {
        if (httpClient != null) {
            httpClient.close();
        }
    }
}
