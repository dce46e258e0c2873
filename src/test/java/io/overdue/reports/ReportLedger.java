package io.overdue.reports;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A small ledger with known dates, written straight into the tables, for the reports' tests. It lives in its own
 * currency (ISK, which no other test uses) and in March 2021, so that the other tests' data sharing the database
 * changes none of its figures; {@link #write} first removes what an earlier run left (PostgreSQL keeps it).
 *
 * <p>Invoices (issued, due, amount as it stands, open balance; the creditor's zone is Europe/Oslo):
 * <pre>
 *   A 2021-01-10 due 2021-01-24  1000, open 0    paid 400 (2021-02-15) and 635 (2021-03-20: 35 fee, 600 principal): PAID
 *   B 2021-02-05 due 2021-02-19  2000, open 2000 issued 2500, credit note 500 on 2021-03-10
 *   C 2021-03-05 due 2021-03-19  3000, open 2000 paid 1000 on 2021-04-05 (after the period)
 *   D 2021-03-20 due 2021-04-03  1500, open 1500
 *   E 2020-11-10 due 2020-11-24   800, open 800  written off 2021-03-15: WRITTEN_OFF
 *   F 2020-12-01 due 2020-12-15   600, open 600  CANCELLED: in no figure
 *   G 2021-02-10 due 2021-02-24   700, open 0    PAID by the ERP's own balance (no payment row), updated 2021-03-25
 *   H 2021-03-01 due 2021-03-31   400, open 400
 *   I 2020-12-01 due 2020-12-20  1000, open 900  paid 100 on 2021-03-09
 *   J 2020-12-20 due 2021-01-15   350, open 250  paid 50 (2021-03-10), 30 (2021-03-17), 20 (2021-03-18)
 * </pre>
 */
final class ReportLedger {

    static final String CURRENCY = "ISK";
    static final String CUSTOMER = "REPORTS-ISK";
    static final LocalDate MARCH_1 = LocalDate.of(2021, 3, 1);
    static final LocalDate MARCH_31 = LocalDate.of(2021, 3, 31);

    private final NamedParameterJdbcTemplate jdbc;
    private long customerId;

    private ReportLedger(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** March 2021, as a user picks it. */
    static ReportPeriod march() {
        return ReportPeriod.of(null, MARCH_1.toString(), MARCH_31.toString(), LocalDate.of(2026, 1, 1));
    }

    static void write(NamedParameterJdbcTemplate jdbc) {
        ReportLedger ledger = new ReportLedger(jdbc);
        ledger.clear();
        ledger.customer();
        ledger.invoices();
        ledger.notices();
        ledger.promises();
        ledger.disputes();
    }

    private void clear() {
        Map<String, String> isk = Map.of("currency", CURRENCY);
        String ours = "invoice_number IN (SELECT invoice_number FROM invoice WHERE currency = :currency)";
        jdbc.update("DELETE FROM dispute WHERE " + ours, isk);
        jdbc.update("DELETE FROM payment_promise WHERE " + ours, isk);
        jdbc.update("DELETE FROM dunning_notice WHERE currency = :currency", isk);
        jdbc.update("DELETE FROM write_off WHERE currency = :currency", isk);
        jdbc.update("DELETE FROM invoice_payment WHERE currency = :currency", isk);
        jdbc.update("DELETE FROM credit_note WHERE currency = :currency", isk);
        jdbc.update("DELETE FROM invoice WHERE currency = :currency", isk);
    }

    private void customer() {
        Map<String, Object> number = Map.of("number", CUSTOMER);
        if (jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE customer_number = :number", number, Long.class) == 0) {
            jdbc.update("""
                    INSERT INTO customer (customer_number, name, kind, country, language, created_at, updated_at)
                    VALUES (:number, 'Reykjavík Reports ehf.', 'BUSINESS', 'IS', 'en', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
                    number);
        }
        customerId = jdbc.queryForObject("SELECT id FROM customer WHERE customer_number = :number", number, Long.class);
    }

    private void invoices() {
        invoice("A", "2021-01-10", "2021-01-24", "1000", "0", "PAID", "2021-03-20T12:00:00Z");
        payment("A", "400", "400", "2021-02-15");
        payment("A", "635", "600", "2021-03-20");
        invoice("B", "2021-02-05", "2021-02-19", "2000", "2000", "OPEN", "2021-03-10T12:00:00Z");
        jdbc.update("""
                INSERT INTO credit_note (credit_note_number, invoice_id, amount, currency, issue_date, reason, created_at)
                VALUES ('RPT-CN-B', (SELECT id FROM invoice WHERE invoice_number = 'RPT-B'), 500, :currency,
                        DATE '2021-03-10', 'Returned goods', CURRENT_TIMESTAMP)""", Map.of("currency", CURRENCY));
        invoice("C", "2021-03-05", "2021-03-19", "3000", "2000", "OPEN", "2021-04-05T12:00:00Z");
        payment("C", "1000", "1000", "2021-04-05");
        invoice("D", "2021-03-20", "2021-04-03", "1500", "1500", "OPEN", "2021-03-20T08:00:00Z");
        invoice("E", "2020-11-10", "2020-11-24", "800", "800", "WRITTEN_OFF", "2021-03-15T10:00:00Z");
        jdbc.update("""
                INSERT INTO write_off (invoice_number, amount, currency, reason, written_off_by, written_off_at)
                VALUES ('RPT-E', 800, :currency, 'Bankrupt', 'manager', :at)""",
                Map.of("currency", CURRENCY, "at", Timestamp.from(Instant.parse("2021-03-15T10:00:00Z"))));
        invoice("F", "2020-12-01", "2020-12-15", "600", "600", "CANCELLED", "2021-01-05T08:00:00Z");
        invoice("G", "2021-02-10", "2021-02-24", "700", "0", "PAID", "2021-03-25T12:00:00Z");
        invoice("H", "2021-03-01", "2021-03-31", "400", "400", "OPEN", "2021-03-01T08:00:00Z");
        invoice("I", "2020-12-01", "2020-12-20", "1000", "900", "OPEN", "2021-03-09T12:00:00Z");
        payment("I", "100", "100", "2021-03-09");
        invoice("J", "2020-12-20", "2021-01-15", "350", "250", "OPEN", "2021-03-18T12:00:00Z");
        payment("J", "50", "50", "2021-03-10");
        payment("J", "30", "30", "2021-03-17");
        payment("J", "20", "20", "2021-03-18");
    }

    /**
     * Notices (invoice, level, round, sent on, channels). In March: A1 EMAIL,SMS on the 15th; B1 EMAIL on the 1st;
     * B2 LETTER on the 16th; C1 EMAIL on the 22nd; I2 EMAIL,LETTER on the 5th; I3 LETTER on the 8th; J1 SMS on the
     * 10th. In February, outside the period: A1 of round 1 on the 10th.
     */
    private void notices() {
        notice("A", 1, 1, "2021-02-10", "EMAIL");
        notice("A", 1, 2, "2021-03-15", "EMAIL,SMS");
        notice("B", 1, 1, "2021-03-01", "EMAIL");
        notice("B", 2, 1, "2021-03-16", "LETTER");
        notice("C", 1, 1, "2021-03-22", "EMAIL");
        notice("I", 2, 1, "2021-03-05", "EMAIL,LETTER");
        notice("I", 3, 1, "2021-03-08", "LETTER");
        notice("J", 1, 1, "2021-03-10", "SMS");
    }

    /** Promised dates in March: kept 5th and 25th, broken 12th, pending 30th, void 15th; outside: 27 Feb, 2 April. */
    private void promises() {
        promise("1", "B", "2021-03-05", "KEPT");
        promise("2", "B", "2021-03-12", "BROKEN");
        promise("3", "C", "2021-03-25", "KEPT");
        promise("4", "D", "2021-03-30", "PENDING");
        promise("5", "H", "2021-03-15", "VOID");
        promise("6", "C", "2021-04-02", "KEPT");
        promise("7", "B", "2021-02-27", "BROKEN");
    }

    /** Raised and resolved (UTC): see {@code ReportsTest.disputes}. */
    private void disputes() {
        dispute("1", "2021-02-20T10:00:00Z", "2021-03-03T10:00:00Z");
        dispute("2", "2021-03-02T09:00:00Z", "2021-03-09T15:00:00Z");
        dispute("3", "2021-03-10T08:00:00Z", null);
        dispute("4", "2021-03-20T23:30:00Z", "2021-04-05T10:00:00Z");
        dispute("5", "2021-01-15T10:00:00Z", null);
        dispute("6", "2021-03-30T22:30:00Z", "2021-03-31T21:30:00Z");
        dispute("7", "2021-03-31T22:30:00Z", null);
    }

    private void invoice(String name, String issued, String due, String amount, String open, String status,
                         String updatedAt) {
        jdbc.update("""
                INSERT INTO invoice (invoice_number, customer_id, issue_date, due_date, currency, amount, open_balance,
                                     payment_reference, reference_type, status, created_at, updated_at)
                VALUES (:number, :customer, :issued, :due, :currency, :amount, :open, :number, 'RF', :status,
                        :created, :updated)""", new MapSqlParameterSource("number", "RPT-" + name)
                .addValue("customer", customerId).addValue("issued", LocalDate.parse(issued))
                .addValue("due", LocalDate.parse(due)).addValue("currency", CURRENCY)
                .addValue("amount", new BigDecimal(amount)).addValue("open", new BigDecimal(open))
                .addValue("status", status)
                .addValue("created", Timestamp.from(LocalDate.parse(issued).atTime(8, 0).toInstant(java.time.ZoneOffset.UTC)))
                .addValue("updated", Timestamp.from(Instant.parse(updatedAt))));
    }

    private void payment(String invoice, String amount, String principal, String paidOn) {
        BigDecimal paid = new BigDecimal(amount);
        BigDecimal toPrincipal = new BigDecimal(principal);
        jdbc.update("""
                INSERT INTO invoice_payment (payment_id, invoice_id, amount, currency, paid_on, created_at,
                                             to_costs, to_interest, to_principal, to_credit)
                VALUES (:id, (SELECT id FROM invoice WHERE invoice_number = :invoice), :amount, :currency, :paidOn,
                        CURRENT_TIMESTAMP, :costs, 0, :principal, 0)""", new MapSqlParameterSource("id",
                "RPT-PAY-" + invoice + "-" + paidOn).addValue("invoice", "RPT-" + invoice).addValue("amount", paid)
                .addValue("currency", CURRENCY).addValue("paidOn", LocalDate.parse(paidOn))
                .addValue("costs", paid.subtract(toPrincipal)).addValue("principal", toPrincipal));
    }

    private void notice(String invoice, int level, int round, String sentOn, String channels) {
        LocalDate day = LocalDate.parse(sentOn);
        jdbc.update("""
                INSERT INTO dunning_notice (invoice_number, customer_number, notice_level, notice_round, sent_at, sent_on,
                    deadline, template, channels, currency, principal, fee_kind, credit_hold, call_customer)
                VALUES (:invoice, :customer, :level, :round, :sentAt, :sentOn, :deadline, 'reminder-1', :channels,
                        :currency, 100, 'NONE', FALSE, FALSE)""", new MapSqlParameterSource("invoice", "RPT-" + invoice)
                .addValue("customer", CUSTOMER).addValue("level", level).addValue("round", round)
                .addValue("sentAt", Timestamp.from(day.atTime(8, 0).toInstant(java.time.ZoneOffset.UTC)))
                .addValue("sentOn", day).addValue("deadline", day.plusDays(14)).addValue("channels", channels)
                .addValue("currency", CURRENCY));
    }

    private void promise(String id, String invoice, String promisedDate, String status) {
        jdbc.update("""
                INSERT INTO payment_promise (invoice_number, request_id, made_at, promised_date, currency,
                                             balance_at_promise, source, status)
                VALUES (:invoice, :request, CURRENT_TIMESTAMP, :promised, :currency, 100, 'API', :status)""",
                new MapSqlParameterSource("invoice", "RPT-" + invoice).addValue("request", "RPT-PROMISE-" + id)
                        .addValue("promised", LocalDate.parse(promisedDate)).addValue("currency", CURRENCY)
                        .addValue("status", status));
    }

    private void dispute(String id, String raisedAt, String resolvedAt) {
        jdbc.update("""
                INSERT INTO dispute (invoice_number, request_id, raised_at, currency, reason, source, partial, status,
                                     resolved_at)
                VALUES ('RPT-B', :request, :raised, :currency, 'Wrong quantity', 'API', FALSE, :status, :resolved)""",
                new MapSqlParameterSource("request", "RPT-DISPUTE-" + id)
                        .addValue("raised", Timestamp.from(Instant.parse(raisedAt))).addValue("currency", CURRENCY)
                        .addValue("status", resolvedAt == null ? "OPEN" : "REJECTED")
                        .addValue("resolved", resolvedAt == null ? null : Timestamp.from(Instant.parse(resolvedAt)),
                                java.sql.Types.TIMESTAMP));
    }
}
