package io.overdue.promises;

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
import java.time.LocalDate;
import java.util.Map;

/** Table {@code payment_promise}. */
@Component
class PromiseStore {

    private static final RowMapper<Promise> ROW = PromiseStore::promise;

    private final NamedParameterJdbcTemplate jdbc;
    private final InvoiceRecords<Promise> records;

    PromiseStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.records = new InvoiceRecords<>(jdbc, "payment_promise", "made_at", ROW);
    }

    long insert(String requestId, Promise promise) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO payment_promise (invoice_number, request_id, client_id, made_at, promised_date, amount,
                                             currency, balance_at_promise, note, source, status)
                VALUES (:invoiceNumber, :requestId, :clientId, :madeAt, :promisedDate, :amount, :currency,
                        :balanceAtPromise, :note, :source, :status)""",
                new MapSqlParameterSource()
                        .addValue("invoiceNumber", promise.invoiceNumber())
                        .addValue("requestId", requestId)
                        .addValue("clientId", promise.promiseId())
                        .addValue("madeAt", Timestamp.from(promise.madeAt()))
                        .addValue("promisedDate", promise.promisedDate())
                        .addValue("amount", promise.amount())
                        .addValue("currency", promise.currency())
                        .addValue("balanceAtPromise", promise.balanceAtPromise())
                        .addValue("note", promise.note())
                        .addValue("source", promise.source().name())
                        .addValue("status", promise.status().name()),
                key, new String[] {"id"});
        return key.getKeyAs(Number.class).longValue();
    }

    InvoiceRecords<Promise> records() {
        return records;
    }

    void checked(long id, PromiseStatus status, BigDecimal received, Instant at) {
        jdbc.update("""
                UPDATE payment_promise SET status = :status, amount_received = :received, checked_at = :at
                WHERE id = :id""", new MapSqlParameterSource().addValue("id", id).addValue("status", status.name())
                .addValue("received", received).addValue("at", Timestamp.from(at)));
    }

    /** Marks the invoice's pending promises; returns how many. */
    int closePending(String invoiceNumber, PromiseStatus status, Instant at) {
        return jdbc.update("""
                UPDATE payment_promise SET status = :status, checked_at = :at
                WHERE invoice_number = :invoiceNumber AND status = 'PENDING'""",
                Map.of("invoiceNumber", invoiceNumber, "status", status.name(), "at", Timestamp.from(at)));
    }

    private static Promise promise(ResultSet rs, int row) throws SQLException {
        Timestamp checkedAt = rs.getTimestamp("checked_at");
        return new Promise(rs.getLong("id"), rs.getString("invoice_number"), rs.getString("client_id"),
                rs.getTimestamp("made_at").toInstant(), rs.getObject("promised_date", LocalDate.class),
                display(rs.getBigDecimal("amount")), rs.getString("currency"), display(rs.getBigDecimal("balance_at_promise")),
                rs.getString("note"), Promise.Source.valueOf(rs.getString("source")),
                PromiseStatus.valueOf(rs.getString("status")), display(rs.getBigDecimal("amount_received")),
                checkedAt == null ? null : checkedAt.toInstant());
    }

    private static BigDecimal display(BigDecimal amount) {
        return amount == null ? null : Amounts.forDisplay(amount);
    }
}
