package io.overdue.channels;

import java.time.Instant;

/**
 * A message in the outbox: what goes to whom, rendered once when it was decided, and how far its delivery got.
 *
 * @param copyTo    an email's Cc (the customer's finance contact), or null
 * @param html      an email's HTML alternative, or null
 * @param loggedContent what the communication log keeps of {@code content}
 * @param messageId an email's Message-ID, the same on every attempt
 * @param bundleKey the bundle a waiting message gathers notices for (its members); null for a message of one notice
 */
public record OutboxMessage(long id, String idempotencyKey, String channel, String invoiceNumber, String customerNumber,
                            String processInstanceId, String recipient, String copyTo, String template, String subject,
                            String content, String html, String loggedContent, String messageId, Status status,
                            int attempts, Instant nextAttemptAt, Instant claimedAt, String lastError, String providerId,
                            Instant createdAt, Instant finishedAt, String bundleKey) {

    public enum Status {
        /** Waiting to be sent: new, or due again after a failed attempt. */
        PENDING,
        /** Claimed by a sender that is handing it over now; in doubt when claimed longer ago than the lease. */
        SENDING,
        /** Handed to the mail server or to Twilio. */
        SENT,
        /** Every attempt failed; an incident in Cockpit waits for a retry. */
        FAILED,
        /** Refused for good (bounced address, invalid or unsubscribed number): not tried again. */
        REJECTED;

        public boolean finished() {
            return this == SENT || this == REJECTED;
        }
    }

    /** A new message, due at once. */
    static OutboxMessage pending(String idempotencyKey, String channel, Notice notice, String processInstanceId,
                                 String copyTo, String subject, String content, String html, String loggedContent,
                                 String messageId, Instant now) {
        return new OutboxMessage(0, idempotencyKey, channel, notice.invoiceNumber(), notice.customerNumber(),
                processInstanceId, notice.recipient(), copyTo, notice.template(), subject, content, html, loggedContent,
                messageId, Status.PENDING, 0, now, null, null, null, now, null, null);
    }

    /** This new message, due at {@code at} instead of at once. */
    OutboxMessage dueAt(Instant at) {
        return new OutboxMessage(id, idempotencyKey, channel, invoiceNumber, customerNumber, processInstanceId, recipient,
                copyTo, template, subject, content, html, loggedContent, messageId, status, attempts, at, claimedAt,
                lastError, providerId, createdAt, finishedAt, bundleKey);
    }

    /** This new message, gathering the notices of {@code key}. */
    OutboxMessage withId(long newId) {
        return new OutboxMessage(newId, idempotencyKey, channel, invoiceNumber, customerNumber, processInstanceId, recipient,
                copyTo, template, subject, content, html, loggedContent, messageId, status, attempts, nextAttemptAt,
                claimedAt, lastError, providerId, createdAt, finishedAt, bundleKey);
    }

    OutboxMessage inBundle(String key) {
        return new OutboxMessage(id, idempotencyKey, channel, invoiceNumber, customerNumber, processInstanceId, recipient,
                copyTo, template, subject, content, html, loggedContent, messageId, status, attempts, nextAttemptAt,
                claimedAt, lastError, providerId, createdAt, finishedAt, key);
    }

    /** What a message says: rendered once per notice, and again for a bundle each time a notice joins it. */
    record Content(String subject, String content, String html, String loggedContent) {
    }

    /** A notice a bundled message carries: its key, its invoice and the facts it was rendered from. */
    record Member(String idempotencyKey, String invoiceNumber, java.util.Map<String, Object> model) {
    }

    /** Renders a bundle from its members' facts, oldest first. */
    interface BundleRenderer {
        Content render(java.util.List<java.util.Map<String, Object>> models);
    }

    /** What a sender is told when its message was queued: the log entry it will have, with status QUEUED. */
    public SentNotice asQueued() {
        return new SentNotice(0, idempotencyKey, invoiceNumber, customerNumber, channel, recipient, template, subject,
                loggedContent, SentNotice.QUEUED, messageId, createdAt, null);
    }
}
