package io.overdue.payments;

import io.overdue.shared.Amounts;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The {@code credit_balance} and {@code credit_settlement} tables. */
@Component
class CreditBalanceStore {

    private static final RowMapper<CreditBalance> ROW = (rs, n) -> new CreditBalance(rs.getLong("id"),
            rs.getLong("customer_id"), rs.getString("payment_id"), rs.getString("invoice_number"), rs.getString("currency"),
            Amounts.forDisplay(rs.getBigDecimal("amount")), Amounts.forDisplay(rs.getBigDecimal("open_amount")),
            rs.getString("reason"), CreditBalance.Status.valueOf(rs.getString("status")),
            rs.getTimestamp("created_at").toInstant(), rs.getLong("version"));

    private static final RowMapper<CreditBalance.Settlement> SETTLEMENT = (rs, n) -> new CreditBalance.Settlement(
            rs.getLong("credit_id"), CreditBalanceProcess.Settlement.valueOf(rs.getString("kind")),
            Amounts.forDisplay(rs.getBigDecimal("amount")), rs.getString("invoice_number"), rs.getString("note"),
            rs.getString("settled_by"), rs.getObject("settled_on", LocalDate.class), rs.getTimestamp("created_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;

    CreditBalanceStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(CreditBalance credit) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO credit_balance (customer_id, payment_id, invoice_number, currency, amount, open_amount, reason,
                                            status, created_at)
                VALUES (:customerId, :paymentId, :invoiceNumber, :currency, :amount, :amount, :reason, 'OPEN', :createdAt)""",
                new MapSqlParameterSource()
                        .addValue("customerId", credit.customerId())
                        .addValue("paymentId", credit.paymentId())
                        .addValue("invoiceNumber", credit.invoiceNumber())
                        .addValue("currency", credit.currency())
                        .addValue("amount", credit.amount())
                        .addValue("reason", credit.reason())
                        .addValue("createdAt", Timestamp.from(credit.createdAt())), key, new String[]{"id"});
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    Optional<CreditBalance> find(long id) {
        return jdbc.query("SELECT * FROM credit_balance WHERE id = :id", Map.of("id", id), ROW).stream().findFirst();
    }

    Optional<CreditBalance> forPayment(String paymentId) {
        return jdbc.query("SELECT * FROM credit_balance WHERE payment_id = :id", Map.of("id", paymentId), ROW)
                .stream().findFirst();
    }

    /** A customer's credit balances, oldest first. */
    List<CreditBalance> ofCustomer(long customerId) {
        return jdbc.query("SELECT * FROM credit_balance WHERE customer_id = :id ORDER BY created_at, id",
                Map.of("id", customerId), ROW);
    }

    /** The refunds and offsets of a customer's credit balances, oldest first. */
    List<CreditBalance.Settlement> settlementsOfCustomer(long customerId) {
        return jdbc.query("""
                SELECT s.* FROM credit_settlement s JOIN credit_balance c ON c.id = s.credit_id
                WHERE c.customer_id = :id ORDER BY s.created_at, s.id""", Map.of("id", customerId), SETTLEMENT);
    }

    /** Lowers what is left of the credit, with a version check; settled when nothing is left. */
    void reduce(CreditBalance credit, BigDecimal by) {
        BigDecimal left = credit.openAmount().subtract(by);
        int updated = jdbc.update("""
                UPDATE credit_balance SET open_amount = :left, status = :status, version = version + 1
                WHERE id = :id AND version = :version""", new MapSqlParameterSource()
                .addValue("left", left).addValue("status", left.signum() == 0 ? "SETTLED" : "OPEN")
                .addValue("id", credit.id()).addValue("version", credit.version()));
        if (updated != 1) {
            throw new OptimisticLockingFailureException("credit balance " + credit.id() + " was changed concurrently");
        }
    }

    void insert(CreditBalance.Settlement settlement) {
        jdbc.update("""
                INSERT INTO credit_settlement (credit_id, kind, amount, invoice_number, note, settled_by, settled_on, created_at)
                VALUES (:creditId, :kind, :amount, :invoiceNumber, :note, :settledBy, :settledOn, :createdAt)""",
                new MapSqlParameterSource()
                        .addValue("creditId", settlement.creditId())
                        .addValue("kind", settlement.kind().name())
                        .addValue("amount", settlement.amount())
                        .addValue("invoiceNumber", settlement.invoiceNumber())
                        .addValue("note", settlement.note())
                        .addValue("settledBy", settlement.settledBy())
                        .addValue("settledOn", settlement.settledOn())
                        .addValue("createdAt", Timestamp.from(settlement.createdAt())));
    }
}
