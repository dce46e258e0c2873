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

/**
 * Sends notices by SMS through Twilio, rendered from the Thymeleaf text template {@code sms/<template>.txt}
 * in the customer's language, and records each in the communication log.
 *
 * <p>Like {@link EmailChannel} it runs inside the job the engine retries, and a retry that finds the log
 * entry of its notice does not send again. The log entry's key is the notice's key with {@value #KEY_PREFIX}
 * in front: the notice's key names the business event, and the same event may go out by email as well.
 * A recipient who has answered STOP ({@link SmsInbox}, or Twilio error {@value #UNSUBSCRIBED}) is recorded as
 * {@value #OPTED_OUT}, not sent to and not retried; every other failure is thrown, for the job to retry and finally
 * raise an incident.
 */
@Service
public class SmsChannel {

    public static final String CHANNEL = "SMS";
    /** Status of an SMS that was not sent because the recipient has unsubscribed from the sender. */
    public static final String OPTED_OUT = "OPTED_OUT";
    static final String KEY_PREFIX = "sms:";
    static final int UNSUBSCRIBED = 21610;

    private static final Logger log = LoggerFactory.getLogger(SmsChannel.class);

    private final CommunicationLog communicationLog;
    private final ITemplateEngine templates;
    private final SmsProperties properties;
    private final Clock clock;
    private final BaseUrlHttpClient httpClient;
    private final TwilioRestClient twilio;
    private final SmsInbox inbox;

    SmsChannel(CommunicationLog communicationLog, ITemplateEngine templates, SmsProperties properties, Clock clock,
               SmsInbox inbox) {
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

    @Transactional
    public SentNotice send(Notice notice) {
        String key = KEY_PREFIX + notice.idempotencyKey();
        var earlier = communicationLog.byKey(key);
        if (earlier.isPresent()) {
            log.info("SMS {} was sent before (log entry {}); not sending again", key, earlier.get().id());
            return earlier.get();
        }
        String body = render(notice);
        String recipient = e164(key, notice.recipient());
        String status;
        String providerId = null;
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
            try {
                Message message = creator(recipient, body).create(twilio);
                providerId = message.getSid();
                status = SentNotice.SENT;
                log.info("SMS {} handed to Twilio as {} ({} segment(s))", key, providerId, SmsText.segments(body));
            } catch (ApiException e) {
                if (e.getCode() == null || e.getCode() != UNSUBSCRIBED) {
                    throw failed(key, e);
                }
                status = OPTED_OUT;
                log.warn("SMS {} not sent: the recipient has unsubscribed from our sender (Twilio error {})", key, UNSUBSCRIBED);
            } catch (TwilioException e) {
                throw failed(key, e);
            }
        }
        SentNotice sent = new SentNotice(0, key, notice.invoiceNumber(), notice.customerNumber(), CHANNEL, recipient,
                notice.template(), null, NoticeModel.withheld(body, notice.model()), status, providerId, clock.instant());
        communicationLog.append(sent);
        return sent;
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
