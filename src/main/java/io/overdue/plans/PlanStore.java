package io.overdue.plans;

import io.overdue.shared.Amounts;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tables {@code payment_plan} and {@code plan_instalment}. */
@Component
class PlanStore {

    private final NamedParameterJdbcTemplate jdbc;

    PlanStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String invoiceNumber, String currency, BigDecimal total, BigDecimal planFee, String proposedBy,
                Instant proposedAt, List<ProposalRequest.InstalmentRequest> instalments) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO payment_plan (invoice_number, live_invoice_number, status, currency, total, plan_fee,
                                          proposed_by, proposed_at, version)
                VALUES (:invoiceNumber, :invoiceNumber, 'PROPOSED', :currency, :total, :planFee, :proposedBy,
                        :proposedAt, 0)""",
                new MapSqlParameterSource()
                        .addValue("invoiceNumber", invoiceNumber)
                        .addValue("currency", currency)
                        .addValue("total", total)
                        .addValue("planFee", planFee)
                        .addValue("proposedBy", proposedBy)
                        .addValue("proposedAt", Timestamp.from(proposedAt)),
                key, new String[] {"id"});
        long id = key.getKeyAs(Number.class).longValue();
        SqlParameterSource[] rows = new SqlParameterSource[instalments.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new MapSqlParameterSource().addValue("planId", id).addValue("seq", i + 1)
                    .addValue("dueDate", instalments.get(i).dueDate()).addValue("amount", instalments.get(i).amount());
        }
        jdbc.batchUpdate("""
                INSERT INTO plan_instalment (plan_id, seq, due_date, amount, paid_amount, status)
                VALUES (:planId, :seq, :dueDate, :amount, 0, 'OPEN')""", rows);
        return id;
    }

    Optional<PaymentPlan> find(long id) {
        return plans("id = :id", Map.of("id", id)).stream().findFirst();
    }

    Optional<PaymentPlan> live(String invoiceNumber) {
        return plans("live_invoice_number = :invoiceNumber", Map.of("invoiceNumber", invoiceNumber)).stream().findFirst();
    }

    List<PaymentPlan> ofInvoice(String invoiceNumber) {
        return plans("invoice_number = :invoiceNumber", Map.of("invoiceNumber", invoiceNumber));
    }

    /**
     * Moves the plan to {@code status} (and sets the given columns) if it is still at {@code version}; raises the
     * version. Fails with {@link OptimisticLockingFailureException} when someone changed it in between.
     */
    /** How many plans on the customer's invoices ended broken: the approval policy asks. */
    int brokenPlansOfCustomer(long customerId) {
        Integer count = jdbc.queryForObject("""
                SELECT COUNT(*) FROM payment_plan p JOIN invoice i ON i.invoice_number = p.invoice_number
                WHERE i.customer_id = :customerId AND p.status = 'BROKEN'""", Map.of("customerId", customerId), Integer.class);
        return count == null ? 0 : count;
    }

    void changeStatus(PaymentPlan plan, PlanStatus status, Map<String, ?> columns) {
        MapSqlParameterSource parameters = new MapSqlParameterSource(columns)
                .addValue("id", plan.id()).addValue("version", plan.version())
                .addValue("status", status.name()).addValue("live", status.live());
        StringBuilder set = new StringBuilder("status = :status, version = version + 1, "
                + "live_invoice_number = CASE WHEN :live THEN invoice_number ELSE NULL END");
        columns.keySet().forEach(column -> set.append(", ").append(column).append(" = :").append(column));
        int rows = jdbc.update("UPDATE payment_plan SET " + set + " WHERE id = :id AND version = :version", parameters);
        if (rows != 1) {
            throw new OptimisticLockingFailureException("payment plan " + plan.id() + " changed since version "
                    + plan.version());
        }
    }

    /** Raises the plan's version if it is still at the one read, so that changes to its instalments conflict too. */
    void touch(PaymentPlan plan) {
        changeStatus(plan, plan.status(), Map.of());
    }

    void updateInstalment(long planId, Instalment instalment) {
        jdbc.update("""
                UPDATE plan_instalment SET paid_amount = :paidAmount, status = :status, reminded_at = :remindedAt,
                                           paid_at = :paidAt
                WHERE plan_id = :planId AND seq = :seq""", new MapSqlParameterSource()
                .addValue("planId", planId).addValue("seq", instalment.seq())
                .addValue("paidAmount", instalment.paidAmount()).addValue("status", instalment.status().name())
                .addValue("remindedAt", instalment.remindedAt() == null ? null : Timestamp.from(instalment.remindedAt()))
                .addValue("paidAt", instalment.paidAt()));
    }

    /** The plans, then their instalments: no second query while the first one's rows are still open. */
    private List<PaymentPlan> plans(String where, Map<String, ?> parameters) {
        List<PaymentPlan> plans = jdbc.query("SELECT * FROM payment_plan WHERE " + where + " ORDER BY proposed_at, id",
                parameters, (rs, row) -> plan(rs));
        return plans.stream().map(plan -> new PaymentPlan(plan.id(), plan.invoiceNumber(), plan.status(),
                plan.currency(), plan.total(), plan.planFee(), plan.proposedBy(), plan.proposedAt(), plan.approvedBy(),
                plan.approvedAt(), plan.acceptedAt(), plan.acceptedIp(), plan.acceptedHow(), plan.endedAt(),
                plan.endedBy(), plan.version(), instalments(plan.id()))).toList();
    }

    private List<Instalment> instalments(long planId) {
        return jdbc.query("SELECT * FROM plan_instalment WHERE plan_id = :id ORDER BY seq", Map.of("id", planId),
                (r, n) -> new Instalment(r.getInt("seq"), r.getObject("due_date", LocalDate.class),
                        display(r.getBigDecimal("amount")), display(r.getBigDecimal("paid_amount")),
                        InstalmentStatus.valueOf(r.getString("status")), instant(r, "reminded_at"),
                        r.getObject("paid_at", LocalDate.class)));
    }

    /** A plan row, its instalments still to load. */
    private static PaymentPlan plan(ResultSet rs) throws SQLException {
        String how = rs.getString("accepted_how");
        return new PaymentPlan(rs.getLong("id"), rs.getString("invoice_number"), PlanStatus.valueOf(rs.getString("status")),
                rs.getString("currency"), display(rs.getBigDecimal("total")), display(rs.getBigDecimal("plan_fee")),
                rs.getString("proposed_by"), instant(rs, "proposed_at"), rs.getString("approved_by"),
                instant(rs, "approved_at"), instant(rs, "accepted_at"), rs.getString("accepted_ip"),
                how == null ? null : AcceptedHow.valueOf(how), instant(rs, "ended_at"), rs.getString("ended_by"),
                rs.getInt("version"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static BigDecimal display(BigDecimal amount) {
        return amount == null ? null : Amounts.forDisplay(amount);
    }
}
