package io.overdue.channels;

import java.time.Instant;
import java.util.List;

/**
 * An entry of the communication log.
 *
 * @param error why a message was refused for good ({@link #BOUNCED}, {@link #INVALID_NUMBER}, opted out), else null
 */
public record SentNotice(long id, String idempotencyKey, String invoiceNumber, String customerNumber, String channel,
                         String recipient, String template, String subject, String content, String status,
                         String providerId, Instant sentAt, String error) {

    /**
     * SENT: handed to the mail server; LOGGED: no mail server configured, recorded only; NO_ADDRESS: nobody to
     * send to; STORED: a letter rendered and kept for download (provider id = letter id), not yet posted.
     */
    public static final String SENT = "SENT";
    public static final String LOGGED = "LOGGED";
    public static final String NO_ADDRESS = "NO_ADDRESS";
    public static final String STORED = "STORED";
    /** In the outbox, handed over after the deciding transaction commits (not a log entry's status). */
    public static final String QUEUED = "QUEUED";
    /** The mail server refused the address for good (a bounce at the door: unknown mailbox, no such domain). */
    public static final String BOUNCED = "BOUNCED";
    /** Twilio refused the number for good: not a valid or not a mobile number. */
    public static final String INVALID_NUMBER = "INVALID_NUMBER";

    /**
     * The key of the business event this entry records, without the channel's prefix: the email, SMS and letter
     * of one notice share it, so that counting notices does not count channels.
     */
    public String noticeKey() {
        for (String prefix : List.of(SmsChannel.KEY_PREFIX, LetterChannel.LOG_KEY_PREFIX)) {
            if (idempotencyKey.startsWith(prefix)) {
                return idempotencyKey.substring(prefix.length());
            }
        }
        return idempotencyKey;
    }
}
