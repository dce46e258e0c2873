package io.overdue.workbench;

import io.overdue.communications.CommunicationHistory;
import io.overdue.credit.CreditHold;
import io.overdue.credit.CreditHolds;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.dunning.DunningProperties;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.Owed;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a collector needs before calling a customer, read in a handful of queries by customer: contacts by role,
 * open invoices with level, fees and interest, payments and how late they came, every contact made, promises,
 * disputes, plans and the credit hold.
 */
@Service
public class CustomerFiles {

    /** Open invoices shown with their balance today, most overdue first; the totals count all of them. */
    static final int OPEN_INVOICES_SHOWN = 100;
    static final int PAYMENTS_SHOWN = 50;

    private final NamedParameterJdbcTemplate jdbc;
    private final CustomerService customers;
    private final CreditHolds creditHolds;
    private final CommunicationHistory communications;
    private final InvoiceAdjustments adjustments;
    private final Clock clock;

    CustomerFiles(NamedParameterJdbcTemplate jdbc, CustomerService customers, CreditHolds creditHolds,
                  CommunicationHistory communications, InvoiceAdjustments adjustments, Clock clock,
                  DunningProperties dunning) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.creditHolds = creditHolds;
        this.communications = communications;
        this.adjustments = adjustments;
        this.clock = clock.withZone(dunning.zone());
    }

    /**
     * An open invoice as it stands today.
     *
     * @param suspended  an operator suspended the case in Cockpit
     * @param heldUntil  a collector put the case on hold until this day (null: not on hold)
     * @param hasCopy    the ERP uploaded the invoice's PDF, which a collector can send again
     */
    public record OpenInvoice(String invoiceNumber, LocalDate dueDate, long daysOverdue, Integer level, String currency,
                              BigDecimal amount, BigDecimal principal, BigDecimal fees, BigDecimal interest,
                              BigDecimal total, String caseId, boolean suspended, LocalDate heldUntil, String holdReason,
                              String heldBy, boolean hasCopy) {
    }

    /** What the customer owes in one currency, over all its open invoices. */
    public record Total(String currency, int invoices, BigDecimal openBalance) {
    }

    public record Payment(String paymentId, LocalDate paidOn, String invoiceNumber, LocalDate dueDate, String currency,
                          BigDecimal amount, long daysLate) {
    }

    public record PromiseLine(String invoiceNumber, Instant madeAt, LocalDate promisedDate, String currency,
                              BigDecimal amount, String status, BigDecimal received, String note) {
    }

    public record DisputeLine(String invoiceNumber, Instant raisedAt, String currency, BigDecimal amount, String reason,
                              String status, String resolutionNotes, Instant resolvedAt) {
    }

    public record PlanLine(long id, String invoiceNumber, String status, String currency, BigDecimal total,
                           String proposedBy, Instant proposedAt, int instalments, int instalmentsPaid) {
    }

    /**
     * @param averageDaysLate over the customer's paid invoices: days from the due date to the last payment (negative:
     *                        early); null when none is paid yet
     * @param promisesKept    promises kept of those checked (kept or broken)
     */
    public record CustomerFile(Customer customer, CreditHold creditHold, List<OpenInvoice> openInvoices,
                               int openInvoiceCount, List<Total> totals, List<Payment> payments, Double averageDaysLate,
                               List<CommunicationHistory.Entry> contacts, List<PromiseLine> promises, int promisesKept,
                               int promisesBroken, List<DisputeLine> disputes, List<PlanLine> plans) {
    }

    /** Whether the invoice is the customer's: the file's forms may act on no other. */
    boolean invoiceOf(String customerNumber, String invoiceNumber) {
        return !jdbc.queryForList("""
                SELECT 1 FROM invoice i JOIN customer c ON c.id = i.customer_id
                WHERE i.invoice_number = :invoice AND c.customer_number = :customer""",
                Map.of("invoice", invoiceNumber, "customer", customerNumber), Integer.class).isEmpty();
    }

    /** @throws io.overdue.shared.NotFoundException for an unknown customer */
    public CustomerFile of(String customerNumber) {
        Customer customer = customers.get(customerNumber);
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> id = Map.of("customer", customer.id());

        record OpenRow(String number, LocalDate due, String currency, BigDecimal amount, BigDecimal open, Integer level,
                       String caseId, boolean suspended, LocalDate heldUntil, String holdReason, String heldBy,
                       boolean hasCopy) {
        }
        List<OpenRow> open = jdbc.query("""
                SELECT i.invoice_number, i.due_date, i.currency, i.amount, i.open_balance,
                    (SELECT MAX(n.notice_level) FROM dunning_notice n WHERE n.invoice_number = i.invoice_number)
                        AS dunning_level,
                    p.ID_ AS case_id, p.SUSPENSION_STATE_ AS suspension,
                    h.held_until, h.reason AS hold_reason, h.held_by,
                    (SELECT COUNT(*) FROM invoice_copy c WHERE c.invoice_id = i.id) AS copies
                FROM invoice i
                LEFT JOIN ACT_RU_EXECUTION p ON p.BUSINESS_KEY_ = i.invoice_number AND p.ID_ = p.PROC_INST_ID_
                    AND p.SUPER_EXEC_ IS NULL
                LEFT JOIN case_hold h ON h.id = (SELECT MAX(l.id) FROM case_hold l
                    WHERE l.invoice_number = i.invoice_number AND l.ended_at IS NULL) AND p.ID_ IS NOT NULL
                WHERE i.customer_id = :customer AND i.status = 'OPEN'
                ORDER BY i.due_date, i.invoice_number""", id, (rs, n) -> {
            Number level = (Number) rs.getObject("dunning_level");
            return new OpenRow(rs.getString("invoice_number"), rs.getDate("due_date").toLocalDate(),
                    rs.getString("currency"), rs.getBigDecimal("amount"), rs.getBigDecimal("open_balance"),
                    level == null ? null : level.intValue(), rs.getString("case_id"), rs.getInt("suspension") == 2,
                    rs.getDate("held_until") == null ? null : rs.getDate("held_until").toLocalDate(),
                    rs.getString("hold_reason"), rs.getString("held_by"), rs.getInt("copies") > 0);
        });
        Map<String, Total> totals = new TreeMap<>();
        for (OpenRow row : open) {
            totals.merge(row.currency(), new Total(row.currency(), 1, row.open()),
                    (a, b) -> new Total(a.currency(), a.invoices() + 1, a.openBalance().add(b.openBalance())));
        }
        List<OpenInvoice> shown = open.stream().limit(OPEN_INVOICES_SHOWN).map(row -> {
            Owed owed = adjustments.owed(row.number());
            return new OpenInvoice(row.number(), row.due(), Math.max(0, ChronoUnit.DAYS.between(row.due(), today)),
                    row.level(), row.currency(), row.amount(), owed.principal(), owed.costs(), owed.interest(),
                    owed.total(), row.caseId(), row.suspended(), row.heldUntil(), row.holdReason(), row.heldBy(),
                    row.hasCopy());
        }).toList();

        // How late the customer pays: each paid invoice counts once, by its last payment (the first one read here).
        Map<String, Payment> lastPaymentOfPaid = new LinkedHashMap<>();
        List<Payment> payments = jdbc.query("""
                SELECT ip.payment_id, ip.paid_on, i.invoice_number, i.due_date, i.status, ip.currency, ip.amount
                FROM invoice_payment ip JOIN invoice i ON i.id = ip.invoice_id
                WHERE i.customer_id = :customer
                ORDER BY ip.paid_on DESC, ip.id DESC""", id, (rs, n) -> {
            LocalDate paidOn = rs.getDate("paid_on").toLocalDate();
            LocalDate due = rs.getDate("due_date").toLocalDate();
            Payment payment = new Payment(rs.getString("payment_id"), paidOn, rs.getString("invoice_number"), due,
                    rs.getString("currency"), rs.getBigDecimal("amount"), ChronoUnit.DAYS.between(due, paidOn));
            if ("PAID".equals(rs.getString("status"))) {
                lastPaymentOfPaid.putIfAbsent(payment.invoiceNumber(), payment);
            }
            return payment;
        });
        Double averageDaysLate = lastPaymentOfPaid.isEmpty() ? null : BigDecimal.valueOf(
                lastPaymentOfPaid.values().stream().mapToLong(Payment::daysLate).sum())
                .divide(BigDecimal.valueOf(lastPaymentOfPaid.size()), 1, RoundingMode.HALF_UP).doubleValue();

        List<PromiseLine> promises = jdbc.query("""
                SELECT pp.invoice_number, pp.made_at, pp.promised_date, pp.currency, pp.amount, pp.status,
                    pp.amount_received, pp.note
                FROM payment_promise pp JOIN invoice i ON i.invoice_number = pp.invoice_number
                WHERE i.customer_id = :customer ORDER BY pp.made_at DESC, pp.id DESC""", id, (rs, n) ->
                new PromiseLine(rs.getString("invoice_number"), instant(rs.getTimestamp("made_at")),
                        rs.getDate("promised_date").toLocalDate(), rs.getString("currency"), rs.getBigDecimal("amount"),
                        rs.getString("status"), rs.getBigDecimal("amount_received"), rs.getString("note")));
        List<DisputeLine> disputes = jdbc.query("""
                SELECT d.invoice_number, d.raised_at, d.currency, d.amount, d.reason, d.status, d.resolution_notes,
                    d.resolved_at
                FROM dispute d JOIN invoice i ON i.invoice_number = d.invoice_number
                WHERE i.customer_id = :customer ORDER BY d.raised_at DESC, d.id DESC""", id, (rs, n) ->
                new DisputeLine(rs.getString("invoice_number"), instant(rs.getTimestamp("raised_at")),
                        rs.getString("currency"), rs.getBigDecimal("amount"), rs.getString("reason"),
                        rs.getString("status"), rs.getString("resolution_notes"), instant(rs.getTimestamp("resolved_at"))));
        List<PlanLine> plans = jdbc.query("""
                SELECT pl.id, pl.invoice_number, pl.status, pl.currency, pl.total, pl.proposed_by, pl.proposed_at,
                    (SELECT count(*) FROM plan_instalment s WHERE s.plan_id = pl.id) AS instalments,
                    (SELECT count(*) FROM plan_instalment s WHERE s.plan_id = pl.id AND s.status = 'PAID') AS paid
                FROM payment_plan pl JOIN invoice i ON i.invoice_number = pl.invoice_number
                WHERE i.customer_id = :customer ORDER BY pl.proposed_at DESC, pl.id DESC""", id, (rs, n) ->
                new PlanLine(rs.getLong("id"), rs.getString("invoice_number"), rs.getString("status"),
                        rs.getString("currency"), rs.getBigDecimal("total"), rs.getString("proposed_by"),
                        instant(rs.getTimestamp("proposed_at")), rs.getInt("instalments"), rs.getInt("paid")));

        List<CommunicationHistory.Entry> contacts = new ArrayList<>(communications.of(customer.customerNumber()));
        contacts.sort(Comparator.comparing(CommunicationHistory.Entry::at).reversed());
        return new CustomerFile(customer, creditHolds.state(customer.customerNumber()), shown, open.size(),
                List.copyOf(totals.values()), payments.stream().limit(PAYMENTS_SHOWN).toList(), averageDaysLate,
                contacts, promises, (int) promises.stream().filter(p -> "KEPT".equals(p.status())).count(),
                (int) promises.stream().filter(p -> "BROKEN".equals(p.status())).count(), disputes, plans);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
