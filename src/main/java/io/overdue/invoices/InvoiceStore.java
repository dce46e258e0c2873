package io.overdue.invoices;

import io.overdue.shared.PaymentReferences;
import io.overdue.shared.ReferenceType;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk reads and writes of invoices for intake. Written with plain JDBC batches rather than through the
 * repository because intake is the hot path: thousands of invoices a second arrive in batches.
 */
@Component
class InvoiceStore {

    private static final int CHUNK = 1000;

    private static final RowMapper<Invoice> ROW = (rs, n) -> new Invoice(rs.getLong("id"), rs.getString("invoice_number"),
            rs.getLong("customer_id"), rs.getObject("issue_date", java.time.LocalDate.class),
            rs.getObject("due_date", java.time.LocalDate.class), rs.getString("currency"),
            rs.getBigDecimal("amount"), rs.getBigDecimal("open_balance"),
            rs.getString("payment_reference"), ReferenceType.valueOf(rs.getString("reference_type")),
            InvoiceStatus.valueOf(rs.getString("status")), rs.getLong("version"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;
    private final InvoiceRepository repository;
    private final DataFieldMaxValueIncrementer referenceSequence;

    InvoiceStore(NamedParameterJdbcTemplate jdbc, InvoiceRepository repository, DataSource dataSource) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.referenceSequence = isPostgres(dataSource)
                ? new PostgresSequenceMaxValueIncrementer(dataSource, "payment_reference_seq")
                : new H2SequenceMaxValueIncrementer(dataSource, "payment_reference_seq");
    }

    Map<String, Invoice> findByNumbers(List<String> invoiceNumbers) {
        Map<String, Invoice> found = new HashMap<>();
        List<String> numbers = new ArrayList<>(new java.util.LinkedHashSet<>(invoiceNumbers));
        for (int from = 0; from < numbers.size(); from += CHUNK) {
            jdbc.query("SELECT * FROM invoice WHERE invoice_number IN (:numbers)",
                    Map.of("numbers", numbers.subList(from, Math.min(numbers.size(), from + CHUNK))),
                    ROW).forEach(invoice -> found.put(invoice.invoiceNumber(), invoice));
        }
        return found;
    }

    /** The invoices with this payment reference (stored without spaces, upper case), of any status. */
    List<Invoice> findByReference(String paymentReference) {
        return jdbc.query("SELECT * FROM invoice WHERE payment_reference = :reference ORDER BY invoice_number",
                Map.of("reference", paymentReference), ROW);
    }

    List<Invoice> findByReferences(List<String> paymentReferences) {
        List<Invoice> found = new ArrayList<>();
        List<String> references = new ArrayList<>(new java.util.LinkedHashSet<>(paymentReferences));
        for (int from = 0; from < references.size(); from += CHUNK) {
            found.addAll(jdbc.query("SELECT * FROM invoice WHERE payment_reference IN (:references) ORDER BY invoice_number",
                    Map.of("references", references.subList(from, Math.min(references.size(), from + CHUNK))), ROW));
        }
        return found;
    }

    List<Invoice> openWithBalance(String currency, java.math.BigDecimal balance, int limit) {
        return jdbc.query("""
                SELECT * FROM invoice WHERE open_balance = :balance AND currency = :currency AND status = 'OPEN'
                ORDER BY due_date, invoice_number LIMIT :limit""",
                Map.of("balance", balance, "currency", currency, "limit", limit), ROW);
    }

    long countOverdue(long customerId, java.time.LocalDate today) {
        Long count = jdbc.queryForObject("""
                SELECT COUNT(*) FROM invoice
                WHERE customer_id = :customerId AND status = 'OPEN' AND open_balance > 0 AND due_date < :today""",
                Map.of("customerId", customerId, "today", today), Long.class);
        return count == null ? 0 : count;
    }

    List<Invoice> openOf(long customerId) {
        return repository.findByCustomerIdAndStatusOrderByDueDateAscInvoiceNumberAsc(customerId, InvoiceStatus.OPEN);
    }

    List<Invoice> allOf(long customerId) {
        return repository.findByCustomerIdOrderByIssueDateAscInvoiceNumberAsc(customerId);
    }

    void insert(List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO invoice (invoice_number, customer_id, issue_date, due_date, currency, amount, open_balance,
                                     payment_reference, reference_type, status, version, created_at, updated_at)
                VALUES (:invoiceNumber, :customerId, :issueDate, :dueDate, :currency, :amount, :openBalance,
                        :paymentReference, :referenceType, :status, 0, :createdAt, :updatedAt)""",
                invoices.stream().map(InvoiceStore::parameters).toArray(SqlParameterSource[]::new));
    }

    /** Updates with a version check, so that two concurrent amendments cannot silently overwrite each other. */
    void update(List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return;
        }
        int[] counts = jdbc.batchUpdate("""
                UPDATE invoice SET issue_date = :issueDate, due_date = :dueDate, amount = :amount,
                       open_balance = :openBalance, payment_reference = :paymentReference,
                       reference_type = :referenceType, status = :status, version = version + 1,
                       updated_at = :updatedAt
                WHERE id = :id AND version = :version""",
                invoices.stream().map(InvoiceStore::parameters).toArray(SqlParameterSource[]::new));
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new OptimisticLockingFailureException("invoice " + invoices.get(i).invoiceNumber()
                        + " was changed concurrently");
            }
        }
    }

    java.util.Optional<Invoice> find(String invoiceNumber) {
        return repository.findByInvoiceNumber(invoiceNumber);
    }

    /**
     * A reference derived from the invoice number where the scheme allows it (so that the customer can
     * recognise it), otherwise from a sequence.
     */
    String generateReference(ReferenceType type, String invoiceNumber) {
        boolean digits = invoiceNumber.chars().allMatch(c -> c >= '0' && c <= '9');
        return switch (type) {
            case KID -> PaymentReferences.kidMod10(digits && invoiceNumber.length() <= 24 ? invoiceNumber : next());
            case OCR -> PaymentReferences.ocrWithLengthDigit(digits && invoiceNumber.length() <= 23 ? invoiceNumber : next());
            case RF -> {
                String alnum = invoiceNumber.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
                yield PaymentReferences.rf(!alnum.isEmpty() && alnum.length() <= 21
                        && alnum.length() == invoiceNumber.length() ? alnum : next());
            }
        };
    }

    private String next() {
        return String.valueOf(referenceSequence.nextLongValue());
    }

    private static SqlParameterSource parameters(Invoice invoice) {
        return new MapSqlParameterSource()
                .addValue("id", invoice.id())
                .addValue("invoiceNumber", invoice.invoiceNumber())
                .addValue("customerId", invoice.customerId())
                .addValue("issueDate", invoice.issueDate())
                .addValue("dueDate", invoice.dueDate())
                .addValue("currency", invoice.currency())
                .addValue("amount", invoice.amount())
                .addValue("openBalance", invoice.openBalance())
                .addValue("paymentReference", invoice.paymentReference())
                .addValue("referenceType", invoice.referenceType().name())
                .addValue("status", invoice.status().name())
                .addValue("version", invoice.version())
                .addValue("createdAt", Timestamp.from(invoice.createdAt()))
                .addValue("updatedAt", Timestamp.from(invoice.updatedAt()));
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the database type", e);
        }
    }
}
