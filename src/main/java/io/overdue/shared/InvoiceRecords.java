package io.overdue.shared;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lookups of records a collection case keeps per invoice (disputes, promises to pay): by id, by the request that
 * made one, by the caller's own id, and all of an invoice in the order they were made. The table has the columns
 * {@code id}, {@code invoice_number}, {@code request_id} (unique) and {@code client_id} (unique per invoice).
 */
public final class InvoiceRecords<T> {

    private final NamedParameterJdbcTemplate jdbc;
    private final String table;
    private final String madeAt;
    private final RowMapper<T> row;

    /** @param madeAt the column that orders an invoice's records, oldest first (ties by id) */
    public InvoiceRecords(NamedParameterJdbcTemplate jdbc, String table, String madeAt, RowMapper<T> row) {
        this.jdbc = jdbc;
        this.table = table;
        this.madeAt = madeAt;
        this.row = row;
    }

    public Optional<T> find(long id) {
        return one("id = :id", Map.of("id", id));
    }

    public Optional<T> findByRequest(String requestId) {
        return one("request_id = :requestId", Map.of("requestId", requestId));
    }

    public Optional<T> findByClientId(String invoiceNumber, String clientId) {
        return one("invoice_number = :invoiceNumber AND client_id = :clientId",
                Map.of("invoiceNumber", invoiceNumber, "clientId", clientId));
    }

    public List<T> ofInvoice(String invoiceNumber) {
        return jdbc.query("SELECT * FROM " + table + " WHERE invoice_number = :invoiceNumber ORDER BY " + madeAt + ", id",
                Map.of("invoiceNumber", invoiceNumber), row);
    }

    private Optional<T> one(String where, Map<String, ?> parameters) {
        return jdbc.query("SELECT * FROM " + table + " WHERE " + where, parameters, row).stream().findFirst();
    }
}
