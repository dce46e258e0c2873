package io.overdue.invoices;

import io.overdue.shared.Amounts;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The append-only credit notes and payments of invoices. */
@Component
class AdjustmentStore {

    private final NamedParameterJdbcTemplate jdbc;

    AdjustmentStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CreditNote> findCreditNote(String creditNoteNumber) {
        return jdbc.query("""
                        SELECT c.*, i.invoice_number FROM credit_note c JOIN invoice i ON i.id = c.invoice_id
                        WHERE c.credit_note_number = :number""", Map.of("number", creditNoteNumber),
                AdjustmentStore::creditNote)
                .stream().findFirst();
    }

    Optional<Payment> findPayment(String paymentId) {
        return jdbc.query("""
                        SELECT p.*, i.invoice_number FROM invoice_payment p JOIN invoice i ON i.id = p.invoice_id
                        WHERE p.payment_id = :id""", Map.of("id", paymentId),
                AdjustmentStore::payment)
                .stream().findFirst();
    }

    /** The booked payments among these ids, by id. */
    Map<String, Payment> findPayments(Collection<String> paymentIds) {
        if (paymentIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.query("""
                        SELECT p.*, i.invoice_number FROM invoice_payment p JOIN invoice i ON i.id = p.invoice_id
                        WHERE p.payment_id IN (:ids)""", Map.of("ids", paymentIds), AdjustmentStore::payment)
                .stream().collect(java.util.stream.Collectors.toMap(Payment::paymentId, payment -> payment));
    }

    /** The payments of an invoice, in the order they were booked. */
    List<Payment> payments(String invoiceNumber) {
        return jdbc.query("""
                        SELECT p.*, i.invoice_number FROM invoice_payment p JOIN invoice i ON i.id = p.invoice_id
                        WHERE i.invoice_number = :number ORDER BY p.id""", Map.of("number", invoiceNumber),
                AdjustmentStore::payment);
    }

    /** The credit notes of an invoice, in the order they were booked. */
    List<CreditNote> creditNotes(String invoiceNumber) {
        return jdbc.query("""
                        SELECT c.*, i.invoice_number FROM credit_note c JOIN invoice i ON i.id = c.invoice_id
                        WHERE i.invoice_number = :number ORDER BY c.id""", Map.of("number", invoiceNumber),
                AdjustmentStore::creditNote);
    }

    /** What the invoice's payments paid of its costs and of its interest so far. */
    PaidCharges paidCharges(long invoiceId) {
        return jdbc.queryForObject("""
                        SELECT COALESCE(SUM(to_costs), 0) AS costs, COALESCE(SUM(to_interest), 0) AS interest
                        FROM invoice_payment WHERE invoice_id = :id""", Map.of("id", invoiceId),
                (rs, n) -> new PaidCharges(rs.getBigDecimal("costs"), rs.getBigDecimal("interest")));
    }

    record PaidCharges(BigDecimal costs, BigDecimal interest) {
    }

    private static Payment payment(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getString("payment_id"), rs.getString("invoice_number"),
                Amounts.forDisplay(rs.getBigDecimal("amount")), rs.getString("currency"), rs.getObject("paid_on", LocalDate.class),
                rs.getString("payer"), rs.getString("reference"), rs.getTimestamp("created_at").toInstant(), allocation(rs));
    }

    private static CreditNote creditNote(ResultSet rs, int row) throws SQLException {
        return new CreditNote(rs.getString("credit_note_number"), rs.getString("invoice_number"),
                Amounts.forDisplay(rs.getBigDecimal("amount")), rs.getString("currency"), rs.getObject("issue_date", LocalDate.class),
                rs.getString("reason"), rs.getTimestamp("created_at").toInstant());
    }

    private static PaymentAllocation allocation(ResultSet rs) throws SQLException {
        return new PaymentAllocation(rs.getBigDecimal("to_costs"), rs.getBigDecimal("to_interest"),
                rs.getBigDecimal("to_principal"), rs.getBigDecimal("to_credit")).forDisplay();
    }

    BigDecimal paidSince(String invoiceNumber, Instant since) {
        BigDecimal sum = jdbc.queryForObject("""
                        SELECT COALESCE(SUM(p.amount), 0) FROM invoice_payment p JOIN invoice i ON i.id = p.invoice_id
                        WHERE i.invoice_number = :number AND p.created_at >= :since""",
                Map.of("number", invoiceNumber, "since", timestamp(since)), BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    void insert(long invoiceId, CreditNote note) {
        jdbc.update("""
                INSERT INTO credit_note (credit_note_number, invoice_id, amount, currency, issue_date, reason, created_at)
                VALUES (:number, :invoiceId, :amount, :currency, :issueDate, :reason, :createdAt)""",
                new MapSqlParameterSource()
                        .addValue("number", note.creditNoteNumber())
                        .addValue("invoiceId", invoiceId)
                        .addValue("amount", note.amount())
                        .addValue("currency", note.currency())
                        .addValue("issueDate", note.issueDate())
                        .addValue("reason", note.reason())
                        .addValue("createdAt", timestamp(note.createdAt())));
    }

    void insert(long invoiceId, Payment payment) {
        jdbc.update("""
                INSERT INTO invoice_payment (payment_id, invoice_id, amount, currency, paid_on, payer, reference, created_at,
                                             to_costs, to_interest, to_principal, to_credit)
                VALUES (:paymentId, :invoiceId, :amount, :currency, :paidOn, :payer, :reference, :createdAt,
                        :toCosts, :toInterest, :toPrincipal, :toCredit)""",
                new MapSqlParameterSource()
                        .addValue("paymentId", payment.paymentId())
                        .addValue("invoiceId", invoiceId)
                        .addValue("amount", payment.amount())
                        .addValue("currency", payment.currency())
                        .addValue("paidOn", payment.paidOn())
                        .addValue("payer", payment.payer())
                        .addValue("reference", payment.reference())
                        .addValue("createdAt", timestamp(payment.createdAt()))
                        .addValue("toCosts", payment.allocation().costs())
                        .addValue("toInterest", payment.allocation().interest())
                        .addValue("toPrincipal", payment.allocation().principal())
                        .addValue("toCredit", payment.allocation().credit()));
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
