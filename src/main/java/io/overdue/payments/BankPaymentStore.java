package io.overdue.payments;

import io.overdue.shared.Amounts;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code bank_payment} table. */
@Component
class BankPaymentStore {

    /** Invoice numbers of an ambiguous payment are kept in one column; invoice numbers hold no ", ". */
    private static final String SEPARATOR = ", ";

    private static final RowMapper<BankPayment> ROW = (rs, n) -> new BankPayment(rs.getString("payment_id"),
            Amounts.forDisplay(rs.getBigDecimal("amount")), rs.getString("currency"),
            rs.getObject("booked_on", LocalDate.class), rs.getObject("value_date", LocalDate.class),
            rs.getString("structured_reference"), rs.getString("free_text"), rs.getString("debtor_name"),
            rs.getString("end_to_end_id"), rs.getString("bank_reference"), PaymentSource.valueOf(rs.getString("source")),
            BankPaymentStatus.valueOf(rs.getString("status")), rs.getString("matched_invoice_number"),
            rs.getString("match_rule") == null ? null : MatchRule.valueOf(rs.getString("match_rule")),
            rs.getString("candidates") == null ? List.of() : Arrays.asList(rs.getString("candidates").split(SEPARATOR)),
            rs.getString("reason"), rs.getString("matched_by"), instant(rs.getTimestamp("received_at")),
            instant(rs.getTimestamp("matched_at")), rs.getLong("version"));

    private final NamedParameterJdbcTemplate jdbc;

    BankPaymentStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BankPayment> find(String paymentId) {
        return jdbc.query("SELECT * FROM bank_payment WHERE payment_id = :id", Map.of("id", paymentId), ROW)
                .stream().findFirst();
    }

    /** The stored payments among these ids, by id. */
    Map<String, BankPayment> findAll(Collection<String> paymentIds) {
        if (paymentIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.query("SELECT * FROM bank_payment WHERE payment_id IN (:ids)", Map.of("ids", paymentIds), ROW).stream()
                .collect(java.util.stream.Collectors.toMap(BankPayment::paymentId, payment -> payment));
    }

    /** One page of the payments, newest first; all of them when {@code status} is null. */
    List<BankPayment> page(BankPaymentStatus status, int page, int size) {
        return jdbc.query("SELECT * FROM bank_payment" + (status == null ? "" : " WHERE status = :status")
                        + " ORDER BY received_at DESC, id DESC LIMIT :size OFFSET :offset",
                new MapSqlParameterSource().addValue("status", status == null ? null : status.name())
                        .addValue("size", size).addValue("offset", (long) page * size), ROW);
    }

    long count(BankPaymentStatus status) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM bank_payment" + (status == null ? "" : " WHERE status = :status"),
                new MapSqlParameterSource().addValue("status", status == null ? null : status.name()), Long.class);
        return count == null ? 0 : count;
    }

    /** Every UNMATCHED payment, oldest first: the collectors' backlog, small next to the payments matched at once. */
    List<BankPayment> unmatched() {
        return jdbc.query("SELECT * FROM bank_payment WHERE status = 'UNMATCHED' ORDER BY received_at", Map.of(), ROW);
    }

    void insert(BankPayment payment) {
        jdbc.update("""
                INSERT INTO bank_payment (payment_id, amount, currency, booked_on, value_date, structured_reference,
                    free_text, debtor_name, end_to_end_id, bank_reference, source, status, matched_invoice_number,
                    match_rule, candidates, reason, matched_by, received_at, matched_at, version)
                VALUES (:paymentId, :amount, :currency, :bookedOn, :valueDate, :reference, :text, :payer, :endToEndId,
                    :bankReference, :source, :status, :invoice, :rule, :candidates, :reason, :matchedBy, :receivedAt,
                    :matchedAt, 0)""", parameters(payment)
                .addValue("amount", payment.amount())
                .addValue("currency", payment.currency())
                .addValue("bookedOn", payment.bookedOn())
                .addValue("valueDate", payment.valueDate())
                .addValue("reference", payment.reference())
                .addValue("text", payment.text())
                .addValue("payer", payment.payer())
                .addValue("endToEndId", payment.endToEndId())
                .addValue("bankReference", payment.bankReference())
                .addValue("source", payment.source().name())
                .addValue("receivedAt", Timestamp.from(payment.receivedAt())));
    }

    /** Records a match made later (by a collector), with a version check against a concurrent one. */
    void updateMatch(BankPayment payment) {
        int updated = jdbc.update("""
                UPDATE bank_payment SET status = :status, matched_invoice_number = :invoice, match_rule = :rule,
                    candidates = :candidates, reason = :reason, matched_by = :matchedBy, matched_at = :matchedAt,
                    version = version + 1
                WHERE payment_id = :paymentId AND version = :version""",
                parameters(payment).addValue("version", payment.version()));
        if (updated == 0) {
            throw new OptimisticLockingFailureException("bank payment " + payment.paymentId() + " was changed concurrently");
        }
    }

    /** The columns a match decides. */
    private static MapSqlParameterSource parameters(BankPayment payment) {
        return new MapSqlParameterSource()
                .addValue("paymentId", payment.paymentId())
                .addValue("status", payment.status().name())
                .addValue("invoice", payment.matchedInvoiceNumber())
                .addValue("rule", payment.matchRule() == null ? null : payment.matchRule().name())
                .addValue("candidates", payment.candidates().isEmpty() ? null : String.join(SEPARATOR, payment.candidates()))
                .addValue("reason", payment.reason())
                .addValue("matchedBy", payment.matchedBy())
                .addValue("matchedAt", payment.matchedAt() == null ? null : Timestamp.from(payment.matchedAt()));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
