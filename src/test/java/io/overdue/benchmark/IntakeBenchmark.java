package io.overdue.benchmark;

import io.overdue.benchmark.BenchmarkSupport.Api;
import io.overdue.benchmark.BenchmarkSupport.Row;
import io.overdue.dunning.CollectionCaseProcess;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.camunda.bpm.engine.variable.Variables.createVariables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Throughput of invoice intake, end to end: JSON batches over HTTP with basic auth, validation, JDBC batch
 * inserts and one started collection case per new invoice, each committed. Compared, in the same run and on the
 * same database, with the plainest use of the engine: {@code startProcessInstanceByKey} one by one on a model
 * that only waits at one timer.
 *
 * <p>A benchmark, not a test: tagged {@code benchmark}, it runs only in the Maven profile of that name (see
 * docs/performance.md for the command), prints its figures and fails only when the data is wrong (an invoice
 * without its case, a case without its timer), never for being slow. It empties the database it is given.
 *
 * <p>System properties (pass with -D on the Maven command line): {@code benchmark.invoices} per measured run
 * (20000), {@code benchmark.batch} invoices per request (1000), {@code benchmark.baseline} starts per engine run
 * (3000), {@code benchmark.customers} (300), {@code benchmark.rewrite=false} to leave out the driver's
 * reWriteBatchedInserts, {@code benchmark.profile=true} for extra, unmeasured runs with a stack sampler that shows
 * where the threads spend their time. Engine settings can be overridden the same way, e.g.
 * {@code -Dcamunda.bpm.history-level=activity}.
 */
class IntakeBenchmark extends BenchmarkApplication {

    static final int INVOICES = Integer.getInteger("benchmark.invoices", 20_000);
    static final int BATCH = Integer.getInteger("benchmark.batch", 1_000);
    static final int BASELINE = Integer.getInteger("benchmark.baseline", 3_000);
    static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 300);
    static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");
    static final double TARGET_PER_SECOND = 1_000;

    static final String BASELINE_KEY = "BenchmarkBaselineOneTimer";
    static final String BASELINE_RESOURCE = "bpmn-benchmark/baseline-one-timer.bpmn";

    private final List<Row> rows = new ArrayList<>();
    private final LocalDate today = LocalDate.now(ZoneId.of("UTC"));
    private int invoicesSent;
    private int baselineStarted;

    @Test
    void intakeThroughput() throws Exception {
        assertFalse(Arrays.asList(environment.getActiveProfiles()).contains("prod"), "the benchmark must not run as prod");
        printHeader();
        setUp();

        // Baseline: the engine alone, one process instance per transaction.
        baselineStarts(500, 1); // warm-up
        rows.add(baselineStarts(BASELINE, 1));
        rows.add(baselineStarts(BASELINE, 2));

        // Ours: the real HTTP API.
        postInvoices("warm-up", BATCH, 1);
        Map<String, Long> rowsBefore = BenchmarkSupport.tableRows(jdbc);
        rows.add(postInvoices("intake: HTTP batches of " + BATCH + ", 1 client", INVOICES, 1));
        BenchmarkSupport.printRowsPerItem(jdbc, "Rows inserted per invoice during the 1-client intake run",
                rowsBefore, BenchmarkSupport.tableRows(jdbc), INVOICES);
        rows.add(postInvoices("intake: HTTP batches of " + BATCH + ", 2 clients", INVOICES, 2));
        if (PROFILE) {
            try (StackSampler sampler = StackSampler.requestThreads(7, StackSampler.INTAKE_PHASES)) {
                postInvoices("profiled (not measured)", Math.max(BATCH, INVOICES / 2), 1);
                sampler.close();
                System.out.println("\nProfile of intake over HTTP, 1 client (not measured):" + sampler.report());
            }
        }

        printResults();
        verify(); // after the figures, so that they are shown even when it fails
    }

    private void printHeader() throws Exception {
        BenchmarkSupport.printHeader("intake", engine, dataSource, String.format(
                "%d invoices per measured intake run, %d per request, %d starts per engine run", INVOICES, BATCH, BASELINE));
    }

    private void setUp() {
        BenchmarkSupport.ensureIntegrationUser(identity);
        BenchmarkSupport.createCustomers(customers, CUSTOMERS);
        repository.createDeployment().name("benchmark-baseline").addClasspathResource(BASELINE_RESOURCE).deploy();
    }

    private Row baselineStarts(int count, int threads) throws Exception {
        Date due = Date.from(today.plusDays(30).atTime(9, 0).atZone(ZoneId.of("UTC")).toInstant());
        int offset = baselineStarted;
        CpuMeter.Reading[] cpu = new CpuMeter.Reading[2];
        // Called outside any transaction: each start is its own engine command and its own commit.
        double seconds = BenchmarkSupport.timed(count, threads, i -> runtime.startProcessInstanceByKey(BASELINE_KEY,
                "baseline-" + (offset + i), createVariables().putValue("due", due)), cpu);
        baselineStarted += count;
        return new Row("baseline: startProcessInstanceByKey, one timer, " + threads + " thread" + (threads > 1 ? "s" : ""),
                count, seconds, threads, CpuMeter.between(cpu[0], cpu[1]));
    }

    /** Posts {@code count} new invoices in batches on {@code clients} concurrent connections. */
    private Row postInvoices(String run, int count, int clients) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < count; from += BATCH) {
            bodies.add(BenchmarkSupport.invoiceBatchBody(invoicesSent + from, Math.min(BATCH, count - from), CUSTOMERS, today));
        }
        int[] sizes = new int[bodies.size()];
        for (int b = 0; b < sizes.length; b++) {
            sizes[b] = Math.min(BATCH, count - b * BATCH);
        }
        Api api = new Api(port);
        CpuMeter.Reading[] cpu = new CpuMeter.Reading[2];
        double seconds = BenchmarkSupport.timed(bodies.size(), clients, b -> api.postInvoices(bodies.get(b), sizes[b]), cpu);
        invoicesSent += count;
        return new Row(run, count, seconds, clients, CpuMeter.between(cpu[0], cpu[1]));
    }

    /** Every invoice is stored and has exactly one running case, waiting at its due-date and courtesy timers. */
    private void verify() {
        long invoices = count("SELECT count(*) FROM invoice");
        long cases = runtime.createProcessInstanceQuery().processDefinitionKey(CollectionCaseProcess.PROCESS_KEY).count();
        long invoicesWithCase = count("""
                SELECT count(*) FROM invoice i WHERE EXISTS (
                  SELECT 1 FROM act_ru_execution e JOIN act_re_procdef d ON d.id_ = e.proc_def_id_
                  WHERE d.key_ = 'CollectionCase' AND e.id_ = e.proc_inst_id_ AND e.business_key_ = i.invoice_number)""");
        long timers = count("SELECT count(*) FROM act_ru_job WHERE type_ = 'timer' AND process_def_key_ = 'CollectionCase'");
        long casesWithTimer = count("""
                SELECT count(DISTINCT process_instance_id_) FROM act_ru_job
                WHERE type_ = 'timer' AND process_def_key_ = 'CollectionCase'""");
        long invoicesWithTimer = count("""
                SELECT count(*) FROM invoice i WHERE EXISTS (
                  SELECT 1 FROM act_ru_execution e JOIN act_ru_job j ON j.process_instance_id_ = e.id_
                  WHERE e.id_ = e.proc_inst_id_ AND e.business_key_ = i.invoice_number
                    AND j.type_ = 'timer' AND j.process_def_key_ = 'CollectionCase')""");
        long baselineTimers = count("SELECT count(*) FROM act_ru_job WHERE type_ = 'timer' AND process_def_key_ = '" + BASELINE_KEY + "'");

        System.out.printf("%nVerification (committed rows):%n");
        System.out.printf("  invoices stored                 %,d (sent %,d)%n", invoices, invoicesSent);
        System.out.printf("  CollectionCase instances        %,d (%,d for invoices)%n", cases, invoicesWithCase);
        System.out.printf("  invoices with a waiting timer   %,d%n", invoicesWithTimer);
        System.out.printf("  CollectionCase timer jobs       %,d on %,d instances%n", timers, casesWithTimer);
        System.out.printf("  baseline instances with timer   %,d (started %,d)%n", baselineTimers, baselineStarted);
        assertEquals(invoicesSent, invoices, "invoices stored");
        assertEquals(invoicesSent, invoicesWithCase, "invoices with their collection case");
        assertEquals(invoicesSent, cases, "CollectionCase instances");
        assertEquals(invoicesSent, invoicesWithTimer, "invoices whose case waits at a timer");
        // The due date (plus grace) and the courtesy window before it.
        assertEquals(2 * cases, timers, "two timer jobs per case");
        assertEquals(cases, casesWithTimer, "every case has its timer");
        assertEquals(baselineStarted, baselineTimers, "baseline timers");
    }

    private long count(String sql) {
        return BenchmarkSupport.count(jdbc, sql);
    }

    private void printResults() {
        BenchmarkSupport.printResults(rows, rows.get(0).perSecond(), rows.get(1).perSecond());
        BenchmarkSupport.printCeilings(rows, "intake");
        double best = rows.stream().filter(r -> r.run().startsWith("intake")).mapToDouble(Row::perSecond).max().orElse(0);
        System.out.printf("%nBest intake rate %,.0f invoices/s: target of %,.0f/s %s%n", best, TARGET_PER_SECOND,
                best >= TARGET_PER_SECOND ? "met" : "NOT met");
        BenchmarkSupport.printHeap();
    }
}
