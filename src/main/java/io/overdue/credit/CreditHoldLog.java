package io.overdue.credit;

import io.overdue.customers.CreditHoldSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The append-only history of credit holds ({@code credit_hold_event}). */
@Repository
class CreditHoldLog {

    static final int MAX_TEXT = 500;

    private static final RowMapper<CreditHoldEvent> MAPPER = (rs, n) -> new CreditHoldEvent(rs.getLong("id"),
            rs.getString("event_id"), rs.getString("customer_number"),
            CreditHoldEvent.Type.valueOf(rs.getString("event_type")), CreditHoldSource.valueOf(rs.getString("source")),
            rs.getString("invoice_number"), rs.getString("reason"), rs.getString("user_id"),
            rs.getTimestamp("occurred_at").toInstant(),
            CreditHoldEvent.DeliveryStatus.valueOf(rs.getString("delivery_status")), rs.getInt("delivery_attempts"),
            rs.getTimestamp("delivered_at") == null ? null : rs.getTimestamp("delivered_at").toInstant(),
            rs.getString("last_error"));

    private final NamedParameterJdbcTemplate jdbc;

    CreditHoldLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends an event. Earlier events of the customer still waiting for the webhook are superseded: the
     * receiver needs the current state, and announcing a stale one after it would undo it.
     */
    CreditHoldEvent record(String customerNumber, CreditHoldEvent.Type type, CreditHoldSource source,
                           String invoiceNumber, String reason, String userId, Instant at,
                           CreditHoldEvent.DeliveryStatus status) {
        jdbc.update("""
                UPDATE credit_hold_event SET delivery_status = 'SUPERSEDED'
                WHERE customer_number = :customer AND delivery_status IN ('PENDING', 'FAILED')""",
                Map.of("customer", customerNumber));
        String eventId = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO credit_hold_event (event_id, customer_number, event_type, source, invoice_number, reason,
                    user_id, occurred_at, delivery_status, delivery_attempts)
                VALUES (:eventId, :customer, :type, :source, :invoice, :reason, :user, :at, :status, 0)""",
                new MapSqlParameterSource().addValue("eventId", eventId).addValue("customer", customerNumber)
                        .addValue("type", type.name()).addValue("source", source.name())
                        .addValue("invoice", invoiceNumber).addValue("reason", truncate(reason))
                        .addValue("user", userId).addValue("at", Timestamp.from(at)).addValue("status", status.name()));
        return byEventId(eventId).orElseThrow();
    }

    Optional<CreditHoldEvent> byEventId(String eventId) {
        return jdbc.query("SELECT * FROM credit_hold_event WHERE event_id = :id", Map.of("id", eventId), MAPPER)
                .stream().findFirst();
    }

    Optional<CreditHoldEvent> latest(String customerNumber) {
        return jdbc.query("""
                SELECT * FROM credit_hold_event WHERE customer_number = :customer
                ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""", Map.of("customer", customerNumber), MAPPER)
                .stream().findFirst();
    }

    List<CreditHoldEvent> history(String customerNumber) {
        return jdbc.query("SELECT * FROM credit_hold_event WHERE customer_number = :customer ORDER BY id",
                Map.of("customer", customerNumber), MAPPER);
    }

    void delivered(String eventId, Instant at) {
        jdbc.update("""
                UPDATE credit_hold_event SET delivery_status = 'DELIVERED', delivery_attempts = delivery_attempts + 1,
                    delivered_at = :at, last_error = NULL
                WHERE event_id = :id""", Map.of("id", eventId, "at", Timestamp.from(at)));
    }

    /** A superseded event stays superseded: it is never sent again, whatever its last attempt did. */
    void failed(String eventId, String error) {
        jdbc.update("""
                UPDATE credit_hold_event SET delivery_attempts = delivery_attempts + 1, last_error = :error,
                    delivery_status = CASE WHEN delivery_status = 'SUPERSEDED' THEN 'SUPERSEDED' ELSE 'FAILED' END
                WHERE event_id = :id""", Map.of("id", eventId, "error", truncate(error == null ? "unknown" : error)));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
