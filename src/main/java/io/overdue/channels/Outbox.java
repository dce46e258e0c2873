package io.overdue.channels;

import io.overdue.channels.OutboxMessage.Status;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables {@code outbox_message} and {@code outbox_attachment}. A message moves PENDING → SENDING → SENT or
 * REJECTED, or back to PENDING after a failed attempt, or to FAILED after the last; every move is a conditional
 * update, so two senders never both take one message.
 */
@Repository
public class Outbox {

    private static final RowMapper<OutboxMessage> MAPPER = (rs, n) -> new OutboxMessage(rs.getLong("id"),
            rs.getString("idempotency_key"), rs.getString("channel"), rs.getString("invoice_number"),
            rs.getString("customer_number"), rs.getString("process_instance_id"), rs.getString("recipient"),
            rs.getString("copy_to"), rs.getString("template"), rs.getString("subject"), rs.getString("content"),
            rs.getString("html"), rs.getString("logged_content"), rs.getString("message_id"),
            Status.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")),
            instant(rs.getTimestamp("claimed_at")), rs.getString("last_error"), rs.getString("provider_id"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("finished_at")), rs.getString("bundle_key"));

    private final NamedParameterJdbcTemplate jdbc;

    Outbox(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OutboxMessage> find(long id) {
        return jdbc.query("SELECT * FROM outbox_message WHERE id = :id", Map.of("id", id), MAPPER).stream().findFirst();
    }

    /** The message of this key, or the bundle that carries the notice of this key. */
    Optional<OutboxMessage> byKey(String idempotencyKey) {
        // Two index lookups: an OR across the two tables would make PostgreSQL scan the whole outbox on every send.
        return jdbc.query("""
                SELECT * FROM outbox_message WHERE idempotency_key = :k
                UNION ALL
                SELECT o.* FROM outbox_message o JOIN outbox_member m ON m.outbox_id = o.id
                WHERE m.idempotency_key = :k""", Map.of("k", idempotencyKey), MAPPER).stream().findFirst();
    }

    /** The bundle of this key that still waits for notices to join, locked until the caller's transaction ends. */
    Optional<OutboxMessage> lockWaitingBundle(String bundleKey, Instant now) {
        return jdbc.query("""
                SELECT * FROM outbox_message
                WHERE bundle_key = :b AND status = 'PENDING' AND attempts = 0 AND next_attempt_at > :now
                FOR UPDATE""", new MapSqlParameterSource().addValue("b", bundleKey).addValue("now", Timestamp.from(now)),
                MAPPER).stream().findFirst();
    }

    void addMember(long id, OutboxMessage.Member member, String modelJson) {
        jdbc.update("""
                INSERT INTO outbox_member (outbox_id, position, idempotency_key, invoice_number, model)
                VALUES (:id, (SELECT COALESCE(MAX(position), -1) + 1 FROM outbox_member WHERE outbox_id = :id), :key,
                    :invoice, :model)""", new MapSqlParameterSource().addValue("id", id)
                .addValue("key", member.idempotencyKey()).addValue("invoice", member.invoiceNumber())
                .addValue("model", modelJson));
    }

    /** The members of a bundle, oldest first: key, invoice and the model as JSON. */
    List<String[]> members(long id) {
        return jdbc.query("SELECT * FROM outbox_member WHERE outbox_id = :id ORDER BY position", Map.of("id", id),
                (rs, n) -> new String[]{rs.getString("idempotency_key"), rs.getString("invoice_number"), rs.getString("model")});
    }

    void addAttachments(long id, List<Notice.Attachment> attachments) {
        for (Notice.Attachment file : attachments) {
            jdbc.update("""
                    INSERT INTO outbox_attachment (outbox_id, position, file_name, content_type, content)
                    VALUES (:id, (SELECT COALESCE(MAX(position), -1) + 1 FROM outbox_attachment WHERE outbox_id = :id),
                        :name, :type, :content)""", new MapSqlParameterSource()
                    .addValue("id", id).addValue("name", file.name())
                    .addValue("type", file.contentType()).addValue("content", file.content()));
        }
    }

    /** A bundle rendered again after a notice joined it. */
    void rewrite(long id, OutboxMessage.Content content) {
        jdbc.update("""
                UPDATE outbox_message SET subject = :subject, content = :content, html = :html, logged_content = :logged
                WHERE id = :id AND status = 'PENDING'""", new MapSqlParameterSource().addValue("id", id)
                .addValue("subject", content.subject()).addValue("content", content.content())
                .addValue("html", content.html()).addValue("logged", content.loggedContent()));
    }

    /** The messages of an invoice that are not yet sent or refused: waiting, being sent, or failed. */
    public List<OutboxMessage> unfinished(String invoiceNumber) {
        return jdbc.query("""
                SELECT * FROM outbox_message
                WHERE (invoice_number = :n OR id IN (SELECT outbox_id FROM outbox_member WHERE invoice_number = :n))
                  AND status IN ('PENDING', 'SENDING', 'FAILED')
                ORDER BY created_at, id""", Map.of("n", invoiceNumber), MAPPER);
    }

    /** How many messages wait, are being sent or failed: the gauge. Sent and refused ones, the bulk, are not read. */
    long countUnfinished(Status status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message WHERE status = :s", Map.of("s", status.name()),
                Long.class);
    }

    /**
     * When each SMS to the customer went or is to go, from {@code since} on (refused ones did not reach the customer):
     * what the frequency cap counts.
     */
    List<Instant> smsMoments(String customerNumber, Instant since) {
        return jdbc.query("""
                SELECT COALESCE(finished_at, next_attempt_at) AS moment FROM outbox_message
                WHERE customer_number = :c AND channel = 'SMS' AND status <> 'REJECTED'
                  AND COALESCE(finished_at, next_attempt_at) >= :since""",
                new MapSqlParameterSource().addValue("c", customerNumber).addValue("since", Timestamp.from(since)),
                (rs, n) -> rs.getTimestamp("moment").toInstant());
    }

    long insert(OutboxMessage message, List<Notice.Attachment> attachments) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO outbox_message (idempotency_key, channel, invoice_number, customer_number,
                    process_instance_id, recipient, copy_to, template, subject, content, html, logged_content,
                    message_id, status, attempts, next_attempt_at, claimed_at, created_at, bundle_key)
                VALUES (:key, :channel, :invoice, :customer, :processInstance, :recipient, :copyTo, :template,
                    :subject, :content, :html, :logged, :messageId, :status, :attempts, :next, :claimed, :created,
                    :bundle)""",
                new MapSqlParameterSource()
                        .addValue("key", message.idempotencyKey()).addValue("channel", message.channel())
                        .addValue("invoice", message.invoiceNumber()).addValue("customer", message.customerNumber())
                        .addValue("processInstance", message.processInstanceId())
                        .addValue("recipient", message.recipient()).addValue("copyTo", message.copyTo())
                        .addValue("template", message.template()).addValue("subject", message.subject())
                        .addValue("content", message.content()).addValue("html", message.html())
                        .addValue("logged", message.loggedContent()).addValue("messageId", message.messageId())
                        .addValue("status", message.status().name()).addValue("attempts", message.attempts())
                        .addValue("next", Timestamp.from(message.nextAttemptAt()))
                        .addValue("claimed", message.claimedAt() == null ? null : Timestamp.from(message.claimedAt()))
                        .addValue("created", Timestamp.from(message.createdAt()))
                        .addValue("bundle", message.bundleKey()),
                key, new String[]{"id"});
        long id = key.getKey().longValue();
        addAttachments(id, attachments);
        return id;
    }

    List<Notice.Attachment> attachments(long id) {
        return jdbc.query("SELECT * FROM outbox_attachment WHERE outbox_id = :id ORDER BY position", Map.of("id", id),
                (rs, n) -> new Notice.Attachment(rs.getString("file_name"), rs.getString("content_type"),
                        rs.getBytes("content")));
    }

    /** Due messages, oldest due first: those waiting and those whose sender died while handing them over. */
    List<Long> due(Instant now, Instant claimedBefore, int limit) {
        return jdbc.queryForList("""
                SELECT id FROM outbox_message
                WHERE (status = 'PENDING' AND next_attempt_at <= :now)
                   OR (status = 'SENDING' AND claimed_at < :claimedBefore)
                ORDER BY next_attempt_at, id
                FETCH FIRST :limit ROWS ONLY""", new MapSqlParameterSource().addValue("now", Timestamp.from(now))
                .addValue("claimedBefore", Timestamp.from(claimedBefore)).addValue("limit", limit), Long.class);
    }

    /**
     * Takes the message for this sender when it is due, or in doubt (claimed before {@code claimedBefore}), or FAILED
     * and {@code failedToo} (a retry from Cockpit).
     *
     * @return true when this sender has it now
     */
    boolean claim(long id, Instant now, Instant claimedBefore, boolean failedToo) {
        return jdbc.update("""
                UPDATE outbox_message SET status = 'SENDING', claimed_at = :now, attempts = attempts + 1
                WHERE id = :id AND ((status = 'PENDING' AND next_attempt_at <= :now)
                   OR (status = 'SENDING' AND claimed_at < :claimedBefore)
                   OR (status = 'FAILED' AND :failedToo = TRUE))""", new MapSqlParameterSource().addValue("id", id)
                .addValue("now", Timestamp.from(now)).addValue("claimedBefore", Timestamp.from(claimedBefore))
                .addValue("failedToo", failedToo)) == 1;
    }

    /**
     * Takes over a message its writer claimed for its own send after commit, when that send starts late: the
     * claim still holds only when nobody took the message meanwhile.
     */
    boolean reclaim(long id, Instant claimedAt, Instant now) {
        return jdbc.update("""
                UPDATE outbox_message SET claimed_at = :now
                WHERE id = :id AND status = 'SENDING' AND claimed_at = :claimedAt""", new MapSqlParameterSource()
                .addValue("id", id).addValue("now", Timestamp.from(now)).addValue("claimedAt", Timestamp.from(claimedAt))) == 1;
    }

    /** The message was handed over, or refused for good: it is finished. */
    void finish(long id, Status status, String providerId, String error, Instant now) {
        jdbc.update("""
                UPDATE outbox_message SET status = :status, provider_id = :providerId, last_error = :error,
                    finished_at = :now
                WHERE id = :id AND status = 'SENDING'""", new MapSqlParameterSource().addValue("id", id)
                .addValue("status", status.name()).addValue("providerId", providerId).addValue("error", clip(error))
                .addValue("now", Timestamp.from(now)));
    }

    /** The attempt failed: due again at {@code nextAttemptAt}, or FAILED (waiting for a retry in Cockpit). */
    void failed(long id, Status status, String error, Instant nextAttemptAt) {
        jdbc.update("""
                UPDATE outbox_message SET status = :status, last_error = :error, next_attempt_at = :next,
                    claimed_at = NULL
                WHERE id = :id AND status = 'SENDING'""", new MapSqlParameterSource().addValue("id", id)
                .addValue("status", status.name()).addValue("error", clip(error))
                .addValue("next", Timestamp.from(nextAttemptAt)));
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
