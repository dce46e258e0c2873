package io.overdue.disputes;

import io.overdue.shared.Amounts;
import io.overdue.shared.InvoiceRecords;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/** Table {@code dispute}: plain JDBC, like the other stores of the case's records. */
@Component
class DisputeStore {

    private static final RowMapper<Dispute> ROW = DisputeStore::dispute;

    private final NamedParameterJdbcTemplate jdbc;
    private final InvoiceRecords<Dispute> records;

    DisputeStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.records = new InvoiceRecords<>(jdbc, "dispute", "raised_at", ROW);
    }

    long insert(String requestId, Dispute dispute) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO dispute (invoice_number, request_id, client_id, raised_at, amount, currency, reason, source,
                                     partial, status)
                VALUES (:invoiceNumber, :requestId, :clientId, :raisedAt, :amount, :currency, :reason, :source,
                        :partial, :status)""",
                new MapSqlParameterSource()
                        .addValue("invoiceNumber", dispute.invoiceNumber())
                        .addValue("requestId", requestId)
                        .addValue("clientId", dispute.disputeId())
                        .addValue("raisedAt", Timestamp.from(dispute.raisedAt()))
                        .addValue("amount", dispute.amount())
                        .addValue("currency", dispute.currency())
                        .addValue("reason", dispute.reason())
                        .addValue("source", dispute.source().name())
                        .addValue("partial", dispute.partial())
                        .addValue("status", dispute.status().name()),
                key, new String[] {"id"});
        return key.getKeyAs(Number.class).longValue();
    }

    InvoiceRecords<Dispute> records() {
        return records;
    }

    void resolve(long id, DisputeStatus status, String notes, String resolvedBy, Instant resolvedAt) {
        jdbc.update("""
                UPDATE dispute SET status = :status, resolution_notes = :notes, resolved_by = :resolvedBy,
                       resolved_at = :resolvedAt
                WHERE id = :id""", new MapSqlParameterSource().addValue("id", id).addValue("status", status.name())
                .addValue("notes", notes).addValue("resolvedBy", resolvedBy)
                .addValue("resolvedAt", Timestamp.from(resolvedAt)));
    }

    void credited(long id, BigDecimal amount) {
        jdbc.update("UPDATE dispute SET credited_amount = :amount WHERE id = :id",
                Map.of("id", id, "amount", amount));
    }

    /** Closes the invoice's undecided disputes; returns how many. */
    int closeOpen(String invoiceNumber, Instant at) {
        return jdbc.update("""
                UPDATE dispute SET status = 'CLOSED', resolved_at = :at
                WHERE invoice_number = :invoiceNumber AND status IN ('OPEN', 'MORE_INFORMATION')""",
                Map.of("invoiceNumber", invoiceNumber, "at", Timestamp.from(at)));
    }

    private static Dispute dispute(ResultSet rs, int row) throws SQLException {
        return new Dispute(rs.getLong("id"), rs.getString("invoice_number"), rs.getString("client_id"),
                rs.getTimestamp("raised_at").toInstant(), display(rs.getBigDecimal("amount")), rs.getString("currency"),
                rs.getString("reason"), Dispute.Source.valueOf(rs.getString("source")), rs.getBoolean("partial"),
                DisputeStatus.valueOf(rs.getString("status")), display(rs.getBigDecimal("credited_amount")),
                rs.getString("resolution_notes"), rs.getString("resolved_by"), instant(rs.getTimestamp("resolved_at")));
    }

    private static BigDecimal display(BigDecimal amount) {
        return amount == null ? null : Amounts.forDisplay(amount);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
