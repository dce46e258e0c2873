package io.overdue.benchmark;

import io.overdue.benchmark.BenchmarkSupport.Api;
import io.overdue.identity.Groups;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the managers' reports answer on a year of business: {@code benchmark.cases} (100,000) invoices of
 * {@code benchmark.customers} (10,000) customers issued over the last 365 days, each with its case in the engine
 * (2,000 of them cancelled, so that ended cases are in the history), then the ledger around them written in bulk: a
 * third paid in full (0–39 days after due), a credit note on every twentieth, one or two notices on each invoice past
 * due (7 and 21 days after), a promise on every tenth and a dispute on every fiftieth. Measured over HTTP as a
 * logged-in manager, one request after another: the whole page for three periods and the CSV files one by one.
 * Latencies in milliseconds: median, 95th percentile, maximum.
 *
 * <p>It empties the database it is given (see {@link BenchmarkDatabase}: OVERDUE_BENCH_DB_URL).
 */
class ReportsBenchmark extends BenchmarkApplication {

    static final int CASES = Integer.getInteger("benchmark.cases", 100_000);
    static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 10_000);
    static final int CANCELLED = Integer.getInteger("benchmark.cancelled", 2_000);
    static final int REQUESTS = Integer.getInteger("benchmark.requests", 20);
    static final String MANAGER = "benchmanager";
    static final String PASSWORD = "bench-password";

    @Test
    void reportPages() throws Exception {
        BenchmarkSupport.printHeader("reports", engine, dataSource, String.format(
                "%,d cases of %,d customers over a year (%,d cancelled), their ledger in bulk, %d requests per page",
                CASES, CUSTOMERS, CANCELLED, REQUESTS));
        setUp();
        PageSession manager = new PageSession(port, MANAGER, PASSWORD);
        manager.login();

        List<String> lines = new ArrayList<>();
        lines.add(measure("page, this month", () -> manager.get("/workbench/reports")));
        lines.add(measure("page, last quarter", () -> manager.get("/workbench/reports?period=last-quarter")));
        lines.add(measure("page, last 12 months", () -> manager.get("/workbench/reports?period=last-12-months")));
        for (String table : List.of("aging", "dso", "cei", "promises", "disputes", "recovery-by-level",
                "recovery-by-channel", "open-cases", "case-flow")) {
            lines.add(measure("CSV " + table + ", last 12 months",
                    () -> manager.get("/workbench/reports/" + table + ".csv?period=last-12-months")));
        }
        PageSession.printResults(String.format("after 3 unmeasured requests; %d requests each", REQUESTS), "request", lines);
    }

    private void setUp() throws Exception {
        BenchmarkSupport.ensureIntegrationUser(identity);
        BenchmarkSupport.ensureUser(identity, MANAGER, PASSWORD, Groups.MANAGERS);
        long started = System.nanoTime();
        BenchmarkSupport.createCustomers(customers, CUSTOMERS);
        Api api = new Api(port);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
        for (int from = 0; from < CASES; from += 1_000) {
            int size = Math.min(1_000, CASES - from);
            api.postInvoices(batch(from, size, today, false), size);
        }
        for (int from = 0; from < CANCELLED; from += 1_000) {
            int size = Math.min(1_000, CANCELLED - from);
            api.post(api.uri("/api/invoices/batch"), "application/json",
                    HttpRequest.BodyPublishers.ofString(batch(from, size, today, true)), Duration.ofMinutes(5));
        }
        System.out.printf("setup: %,d customers and %,d invoices with their cases, %,d cancelled, in %.1f s (not measured)%n",
                CUSTOMERS, CASES, CANCELLED, (System.nanoTime() - started) / 1e9);

        started = System.nanoTime();
        jdbc.update("""
                INSERT INTO invoice_payment (payment_id, invoice_id, amount, currency, paid_on, created_at, to_costs,
                                             to_interest, to_principal, to_credit)
                SELECT 'BENCH-PAY-' || id, id, amount, currency, LEAST(due_date + CAST(id % 40 AS INTEGER), CURRENT_DATE), now(), 0, 0,
                       amount, 0
                FROM invoice WHERE id % 3 = 0 AND status = 'OPEN'""");
        jdbc.update("UPDATE invoice SET open_balance = 0, status = 'PAID', updated_at = now() WHERE id % 3 = 0 AND status = 'OPEN'");
        jdbc.update("""
                INSERT INTO credit_note (credit_note_number, invoice_id, amount, currency, issue_date, reason, created_at)
                SELECT 'BENCH-CN-' || id, id, ROUND(amount / 10, 2), currency, LEAST(due_date + 5, CURRENT_DATE), 'Benchmark', now()
                FROM invoice WHERE id % 20 = 1 AND status = 'OPEN'""");
        jdbc.update("""
                UPDATE invoice SET amount = amount - ROUND(amount / 10, 2), open_balance = open_balance - ROUND(amount / 10, 2)
                WHERE id % 20 = 1 AND status = 'OPEN'""");
        for (int[] level : new int[][]{{1, 7}, {2, 21}}) {
            jdbc.update("""
                    INSERT INTO dunning_notice (invoice_number, customer_number, notice_level, notice_round, sent_at,
                        sent_on, deadline, template, channels, currency, principal, fee_kind, credit_hold, call_customer)
                    SELECT i.invoice_number, c.customer_number, ?, 1, (i.due_date + ?) + TIME '09:00', i.due_date + ?,
                        i.due_date + ? + 14, 'reminder-1', CASE WHEN i.id % 2 = 0 THEN 'EMAIL,SMS' ELSE 'LETTER' END,
                        i.currency, i.amount, 'NONE', FALSE, FALSE
                    FROM invoice i JOIN customer c ON c.id = i.customer_id
                    WHERE i.due_date + ? < CURRENT_DATE AND i.status <> 'CANCELLED'""",
                    level[0], level[1], level[1], level[1], level[1]);
        }
        jdbc.update("""
                INSERT INTO payment_promise (invoice_number, request_id, made_at, promised_date, currency,
                                             balance_at_promise, source, status)
                SELECT invoice_number, 'BENCH-PROMISE-' || id, now(), due_date + 30, currency, amount, 'CALL',
                       CASE WHEN due_date + 30 >= CURRENT_DATE THEN 'PENDING' WHEN id % 20 = 0 THEN 'KEPT' ELSE 'BROKEN' END
                FROM invoice WHERE id % 10 = 0""");
        jdbc.update("""
                INSERT INTO dispute (invoice_number, request_id, raised_at, currency, reason, source, partial, status,
                                     resolved_at)
                SELECT invoice_number, 'BENCH-DISPUTE-' || id, (due_date + 10) + TIME '10:00', currency, 'Benchmark',
                       'API', FALSE, CASE WHEN id % 100 = 0 THEN 'REJECTED' ELSE 'OPEN' END,
                       CASE WHEN id % 100 = 0 THEN (due_date + 20) + TIME '15:00' END
                FROM invoice WHERE id % 50 = 0""");
        jdbc.execute("ANALYZE");
        System.out.printf("setup: ledger in %.1f s (not measured): %s%n", (System.nanoTime() - started) / 1e9, String.join(", ",
                List.of("invoice_payment", "credit_note", "dunning_notice", "payment_promise", "dispute").stream()
                        .map(t -> String.format("%s %,d", t, BenchmarkSupport.count(jdbc, "SELECT count(*) FROM " + t))).toList()));
    }

    /** Invoice i of customer i % customers, issued i % 365 days ago and due 14 days later; or the same, cancelled. */
    private static String batch(int first, int size, LocalDate today, boolean cancelled) {
        StringBuilder json = new StringBuilder(size * 220).append('[');
        for (int i = first; i < first + size; i++) {
            LocalDate issued = today.minusDays(i % 365);
            json.append(i > first ? "," : "").append("{\"invoiceNumber\":\"").append(BenchmarkSupport.invoiceNumber(i))
                    .append("\",\"customerNumber\":\"").append(BenchmarkSupport.customerNumber(i % CUSTOMERS))
                    .append("\",\"issueDate\":\"").append(issued).append("\",\"dueDate\":\"").append(issued.plusDays(14))
                    .append("\",\"currency\":\"NOK\",\"amount\":").append(BenchmarkSupport.invoiceAmount(i))
                    .append(cancelled ? ",\"status\":\"CANCELLED\"" : "").append('}');
        }
        return json.append(']').toString();
    }

    private static String measure(String what, PageSession.Request request) throws Exception {
        return PageSession.measure(what, 3, REQUESTS, request);
    }
}
