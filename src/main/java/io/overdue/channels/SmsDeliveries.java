package io.overdue.channels;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Twilio reported about each SMS it took (status callbacks, {@code /webhooks/twilio/status}). Reports are kept as
 * they come, one per message and status; the SMS's state is its most advanced status, so a report that arrives after
 * a later one (Twilio does not promise their order) or a second time changes nothing.
 */
@Service
public class SmsDeliveries {

    /** Twilio's message statuses in the order a message goes through them; the final ones share the last rank. */
    private static final Map<String, Integer> RANK = Map.of("accepted", 0, "scheduled", 0, "queued", 1, "sending", 2,
            "sent", 3, "delivered", 4, "undelivered", 4, "failed", 4, "read", 5, "canceled", 4);

    /** The state of one SMS: its most advanced status, with Twilio's error code when it failed. */
    public record Delivery(String messageSid, String status, String errorCode, Instant reportedAt) {

        /** Delivered to the handset (or read). */
        public boolean delivered() {
            return "delivered".equals(status) || "read".equals(status);
        }

        /** Will not arrive: the collector should know, e.g. a wrong or landline number (error 30003, 30005, 30006). */
        public boolean failed() {
            return "undelivered".equals(status) || "failed".equals(status) || "canceled".equals(status);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    SmsDeliveries(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether Twilio has this status; others are refused, so that a typo does not become a state. */
    public static boolean known(String status) {
        return status != null && RANK.containsKey(status.toLowerCase(Locale.ROOT));
    }

    /**
     * Keeps the report unless this message's status was reported before.
     *
     * @return whether it was new
     */
    @Transactional
    public boolean report(String messageSid, String status, String errorCode) {
        String normalised = status.toLowerCase(Locale.ROOT);
        // Insert only what is not there: a repeat sent while this runs meets the unique key, and the caller answers
        // it as the repeat it is.
        int inserted = jdbc.update("""
                INSERT INTO sms_status_event (message_sid, status, error_code, received_at)
                SELECT :sid, :status, :error, :at FROM (VALUES (1)) AS one (x)
                WHERE NOT EXISTS (SELECT 1 FROM sms_status_event WHERE message_sid = :sid AND status = :status)""",
                new MapSqlParameterSource("sid", messageSid).addValue("status", normalised)
                        .addValue("error", errorCode == null || errorCode.isBlank() ? null : errorCode.strip())
                        .addValue("at", Timestamp.from(clock.instant())));
        return inserted > 0;
    }

    public Optional<Delivery> of(String messageSid) {
        return Optional.ofNullable(of(List.of(messageSid)).get(messageSid));
    }

    /** The delivery of each SMS among these log entries that Twilio reported on, by the entry's id. */
    public Map<Long, Delivery> ofEntries(Collection<SentNotice> entries) {
        Map<String, Delivery> reported = of(entries.stream()
                .filter(entry -> SmsChannel.CHANNEL.equals(entry.channel()) && entry.providerId() != null)
                .map(SentNotice::providerId).toList());
        Map<Long, Delivery> byEntry = new HashMap<>();
        entries.stream().filter(entry -> SmsChannel.CHANNEL.equals(entry.channel()) && entry.providerId() != null
                        && reported.containsKey(entry.providerId()))
                .forEach(entry -> byEntry.put(entry.id(), reported.get(entry.providerId())));
        return byEntry;
    }

    /** The state of each of these SMS that Twilio reported on, by message id. */
    public Map<String, Delivery> of(Collection<String> messageSids) {
        if (messageSids.isEmpty()) {
            return Map.of();
        }
        Map<String, Delivery> states = new HashMap<>();
        jdbc.query("SELECT * FROM sms_status_event WHERE message_sid IN (:sids) ORDER BY id",
                new MapSqlParameterSource("sids", messageSids), (java.sql.ResultSet rs) -> {
                    Delivery report = new Delivery(rs.getString("message_sid"), rs.getString("status"),
                            rs.getString("error_code"), rs.getTimestamp("received_at").toInstant());
                    states.merge(report.messageSid(), report, SmsDeliveries::later);
                });
        return states;
    }

    /** The more advanced of two reports; of two final ones, the one received last. */
    private static Delivery later(Delivery kept, Delivery next) {
        Comparator<Delivery> byRank = Comparator.comparingInt(d -> RANK.getOrDefault(d.status(), -1));
        return byRank.compare(next, kept) >= 0 ? next : kept;
    }
}
