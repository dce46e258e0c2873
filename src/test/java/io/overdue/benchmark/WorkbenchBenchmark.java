package io.overdue.benchmark;

import io.overdue.benchmark.BenchmarkSupport.Api;
import io.overdue.dunning.CaseActions;
import io.overdue.identity.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How fast the workbench's pages answer with many open cases: {@code benchmark.cases} (100,000) overdue invoices of
 * {@code benchmark.customers} (10,000) customers, each with its case waiting in the engine, and a call task for the
 * first invoice of every customer (10,000 tasks: the model keeps one open call per customer). Measured over HTTP as a
 * logged-in collector, one request after another: the work queue (first page, filtered, a later page) and a customer
 * file. Baseline in the same run: the page of tasks Tasklist asks the engine's REST API for (offered to collectors,
 * newest first, 50), which does none of our joins. Latencies in milliseconds: median, 95th percentile, maximum.
 */
class WorkbenchBenchmark extends BenchmarkApplication {

    static final int CASES = Integer.getInteger("benchmark.cases", 100_000);
    static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 10_000);
    static final int REQUESTS = Integer.getInteger("benchmark.requests", 100);
    /** Tasklist's query takes seconds at this size: fewer of them. */
    static final int BASELINE_REQUESTS = Integer.getInteger("benchmark.baseline-requests", 20);
    static final String COLLECTOR = "benchcollector";
    static final String PASSWORD = "bench-password";

    @DynamicPropertySource
    static void oneCallPerCustomer(DynamicPropertyRegistry registry) {
        // The call slots (one a day per customer) would put most calls off to later days; here every customer's call
        // is open now.
        registry.add("overdue.contact.calls-per-day", () -> "0");
        registry.add("overdue.contact.calls-per-week", () -> "0");
        registry.add("overdue.dunning.contact-hours", () -> "false");
    }

    @Autowired CaseActions cases;

    @Test
    void workbenchPages() throws Exception {
        BenchmarkSupport.printHeader("workbench", engine, dataSource, String.format(
                "%,d open cases of %,d customers, a call task for each customer, %d requests per page", CASES, CUSTOMERS,
                REQUESTS));
        setUp();
        PageSession collector = new PageSession(port, COLLECTOR, PASSWORD);
        collector.login();

        List<String> lines = new ArrayList<>();
        lines.add(PageSession.measure("baseline: Tasklist's task page (GET /engine-rest/task, collectors, newest first, 50)", 3,
                BASELINE_REQUESTS, () -> collector.basic("/engine-rest/task?candidateGroup=collectors&sortBy=created&sortOrder=desc&firstResult=0&maxResults=50")));
        lines.add(measure("work queue, first page", () -> collector.get("/workbench")));
        lines.add(measure("work queue, Norwegian call tasks, page 20",
                () -> collector.get("/workbench?type=CallCustomer&country=NO&page=19")));
        lines.add(measure("work queue, unclaimed, level 0", () -> collector.get("/workbench?assignee=none&level=0")));
        lines.add(measure("customer file (" + CASES / CUSTOMERS + " open invoices)",
                () -> collector.get("/workbench/customers/" + BenchmarkSupport.customerNumber(CUSTOMERS / 2))));
        lines.add(measure("case page (its marks, outlook and log; the model is a request of its own)",
                () -> collector.get("/workbench/cases/" + BenchmarkSupport.invoiceNumber(CUSTOMERS / 2))));
        lines.add(measure("case page's model for the diagram",
                () -> collector.get("/workbench/cases/" + BenchmarkSupport.invoiceNumber(CUSTOMERS / 2) + "/diagram.bpmn")));
        PageSession.printResults(String.format("after unmeasured warm-up requests; %d requests per page, %d for the baseline",
                REQUESTS, BASELINE_REQUESTS), "page", lines);
    }

    private void setUp() throws Exception {
        BenchmarkSupport.ensureIntegrationUser(identity);
        BenchmarkSupport.ensureUser(identity, COLLECTOR, PASSWORD, Groups.COLLECTORS);
        long started = System.nanoTime();
        BenchmarkSupport.createCustomers(customers, CUSTOMERS);
        Api api = new Api(port);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
        for (int from = 0; from < CASES; from += 1_000) {
            int size = Math.min(1_000, CASES - from);
            api.postInvoices(overdueBatch(from, size, today), size);
        }
        System.out.printf("setup: %,d customers and %,d overdue invoices with their cases in %.1f s (not measured)%n",
                CUSTOMERS, CASES, (System.nanoTime() - started) / 1e9);
        started = System.nanoTime();
        for (int customer = 0; customer < CUSTOMERS; customer++) {
            assertTrue(cases.callNow(BenchmarkSupport.invoiceNumber(customer)), "call task for customer " + customer);
        }
        long calls = BenchmarkSupport.count(jdbc, "SELECT count(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'CallCustomer'");
        assertEquals(CUSTOMERS, calls, "one call task per customer");
        System.out.printf("setup: %,d call tasks in %.1f s (not measured)%n", calls, (System.nanoTime() - started) / 1e9);
        jdbc.execute("ANALYZE");
    }

    /** Invoice i belongs to customer i % customers and is 1 to 90 days overdue, its case waiting for the engine. */
    private static String overdueBatch(int first, int size, LocalDate today) {
        StringBuilder json = new StringBuilder(size * 200).append('[');
        for (int i = first; i < first + size; i++) {
            json.append(i > first ? "," : "").append("{\"invoiceNumber\":\"").append(BenchmarkSupport.invoiceNumber(i))
                    .append("\",\"customerNumber\":\"").append(BenchmarkSupport.customerNumber(i % CUSTOMERS))
                    .append("\",\"issueDate\":\"").append(today.minusDays(120))
                    .append("\",\"dueDate\":\"").append(today.minusDays(1 + i % 90))
                    .append("\",\"currency\":\"NOK\",\"amount\":").append(BenchmarkSupport.invoiceAmount(i)).append('}');
        }
        return json.append(']').toString();
    }

    private String measure(String page, PageSession.Request request) throws Exception {
        return PageSession.measure(page, 20, REQUESTS, request);
    }
}
