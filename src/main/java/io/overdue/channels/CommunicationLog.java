package io.overdue.channels;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only record of every notice sent: rows are added, never changed or deleted (the database refuses it, see
 * db/vendor/&#42;/V19). What happened afterwards is added beside it: Twilio's delivery reports ({@link SmsDeliveries}).
 */
@Repository
public class CommunicationLog {

    private static final RowMapper<SentNotice> MAPPER = (rs, n) -> new SentNotice(rs.getLong("id"),
            rs.getString("idempotency_key"), rs.getString("invoice_number"), rs.getString("customer_number"),
            rs.getString("channel"), rs.getString("recipient"), rs.getString("template"), rs.getString("subject"),
            rs.getString("content"), rs.getString("status"), rs.getString("provider_id"),
            rs.getTimestamp("sent_at").toInstant(), rs.getString("error"));

    private final NamedParameterJdbcTemplate jdbc;

    CommunicationLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<SentNotice> forInvoice(String invoiceNumber) {
        return jdbc.query("SELECT * FROM communication_log WHERE invoice_number = :n ORDER BY sent_at, id",
                Map.of("n", invoiceNumber), MAPPER);
    }

    /** Everything sent to or about the customer, oldest first. */
    public List<SentNotice> forCustomer(String customerNumber) {
        return jdbc.query("SELECT * FROM communication_log WHERE customer_number = :n ORDER BY sent_at, id",
                Map.of("n", customerNumber), MAPPER);
    }

    Optional<SentNotice> byKey(String idempotencyKey) {
        return jdbc.query("SELECT * FROM communication_log WHERE idempotency_key = :k", Map.of("k", idempotencyKey), MAPPER)
                .stream().findFirst();
    }

    void append(SentNotice notice) {
        jdbc.update("""
                INSERT INTO communication_log (idempotency_key, invoice_number, customer_number, channel, recipient,
                    template, subject, content, status, provider_id, sent_at, error)
                VALUES (:key, :invoice, :customer, :channel, :recipient, :template, :subject, :content, :status,
                    :providerId, :sentAt, :error)""", new MapSqlParameterSource()
                .addValue("key", notice.idempotencyKey()).addValue("invoice", notice.invoiceNumber())
                .addValue("customer", notice.customerNumber()).addValue("channel", notice.channel())
                .addValue("recipient", notice.recipient()).addValue("template", notice.template())
                .addValue("subject", notice.subject()).addValue("content", notice.content())
                .addValue("status", notice.status()).addValue("providerId", notice.providerId())
                .addValue("sentAt", Timestamp.from(notice.sentAt()))
                .addValue("error", notice.error() == null || notice.error().length() <= 1000 ? notice.error()
                        : notice.error().substring(0, 1000)));
    }
}
