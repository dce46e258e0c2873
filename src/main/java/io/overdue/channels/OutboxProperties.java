package io.overdue.channels;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the outbox sends ({@link OutboxSender}).
 *
 * @param threads      background senders on this node: they send what the immediate send after commit could not (a
 *                     crash, an outage, the rate limit) and retry failures. 0 leaves everything to that immediate send
 *                     and to {@link OutboxSender#sendDue()} (tests)
 * @param pollInterval how often a background sender looks for due messages
 * @param attempts     attempts before a failing message raises an incident in Cockpit; the last one runs as an engine
 *                     job on the message's case, so that Cockpit shows it and its Retry sends again
 * @param firstBackoff the wait after the first failed attempt; each next wait doubles, up to {@code maxBackoff}
 * @param maxBackoff   the longest wait between two attempts
 * @param jitter       up to this much is added at random to each wait, so that messages that failed together (an
 *                     outage) are not all tried again in the same second
 * @param lease        how long a sender may take to hand a message over; a message claimed longer ago is in doubt
 *                     (its sender died) and is taken over: an SMS after asking Twilio whether it went
 * @param perSecond    the most messages this node hands to the mail server and to Twilio per second, together; 0 for
 *                     no limit. After downtime the cases' overdue timers all fire at once: the limit is what keeps
 *                     that wave from flooding customers and the mail server
 * @param bundleWindow how long a customer's first notice of a level and day waits for the notices of its other
 *                     invoices, to go with them as one message; 0 sends each notice alone
 */
@ConfigurationProperties("overdue.outbox")
public record OutboxProperties(Integer threads, Duration pollInterval, Integer attempts, Duration firstBackoff,
                               Duration maxBackoff, Duration jitter, Duration lease, Integer perSecond,
                               Duration bundleWindow) {

    public OutboxProperties {
        threads = threads == null ? 1 : threads;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        attempts = attempts == null ? 6 : attempts;
        firstBackoff = firstBackoff == null ? Duration.ofMinutes(1) : firstBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        jitter = jitter == null ? Duration.ofSeconds(10) : jitter;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        perSecond = perSecond == null ? 50 : perSecond;
        bundleWindow = bundleWindow == null ? Duration.ofMinutes(15) : bundleWindow;
        if (threads < 0 || threads > 16) {
            throw new IllegalArgumentException("overdue.outbox.threads must be between 0 and 16, not " + threads);
        }
        if (attempts < 2) {
            throw new IllegalArgumentException("overdue.outbox.attempts must be at least 2 (the last is the engine's), not "
                    + attempts);
        }
        if (perSecond < 0) {
            throw new IllegalArgumentException("overdue.outbox.per-second must be 0 (no limit) or more, not " + perSecond);
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("overdue.outbox.lease must be at least a second, not " + lease);
        }
    }

    /** The wait after {@code failedAttempts} failed attempts, without jitter. */
    Duration backoff(int failedAttempts) {
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(Math.max(failedAttempts - 1, 0), 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
