package io.overdue.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import io.overdue.customers.CustomerKind;
import io.overdue.customers.CustomerRequest;
import io.overdue.customers.CustomerService;
import io.overdue.dunning.CollectionCaseProcess;
import io.overdue.dunning.CollectionCaseProcess.Variables;
import io.overdue.identity.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

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
@Tag("benchmark")
@ActiveProfiles("benchmark") // replaces whatever SPRING_PROFILES_ACTIVE says: never prod
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "overdue.demo.enabled=false",
        // The engine does intake work only: no timers fire, no reminders go out while we measure.
        "camunda.bpm.job-execution.enabled=false",
        "spring.main.banner-mode=off",
        "logging.level.org.camunda.bpm=warn",
        "logging.level.io.overdue=warn"})
class IntakeBenchmark {

    static final int INVOICES = Integer.getInteger("benchmark.invoices", 20_000);
    static final int BATCH = Integer.getInteger("benchmark.batch", 1_000);
    static final int BASELINE = Integer.getInteger("benchmark.baseline", 3_000);
    static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 300);
    static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");
    static final double TARGET_PER_SECOND = 1_000;

    static final String BASELINE_KEY = "BenchmarkBaselineOneTimer";
    static final String BASELINE_RESOURCE = "bpmn-benchmark/baseline-one-timer.bpmn";
    static final String WORKER_PREFIX = "benchmark-worker-";
    static final String USER = "erpbenchmark"; // the engine allows only [a-zA-Z0-9]+ as user ids by default
    static final String PASSWORD = "benchmark-password";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // Runs before the application context starts, i.e. before Flyway and the engine create their tables.
        BenchmarkDatabase.resetSchema();
        registry.add("spring.datasource.url", BenchmarkDatabase::url);
        registry.add("spring.datasource.username", BenchmarkDatabase::user);
        registry.add("spring.datasource.password", BenchmarkDatabase::password);
    }

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    IdentityService identity;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DataSource dataSource;
    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String authorization = "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final List<Row> rows = new ArrayList<>();
    private final LocalDate today = LocalDate.now(ZoneId.of("UTC"));
    private int invoicesSent;
    private int baselineStarted;

    record Row(String run, int count, double seconds, int threads, CpuMeter.Usage cpu) {
        double perSecond() {
            return count / seconds;
        }

        /** CPU milliseconds per item; robust against other load on the machine, unlike the rate. */
        double jvmMillis() {
            return cpu.jvmCores() * seconds * 1000 / count;
        }

        double postgresMillis() {
            return cpu.postgresCores() < 0 ? Double.NaN : cpu.postgresCores() * seconds * 1000 / count;
        }
    }

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
        Map<String, Long> rowsBefore = tableRows();
        rows.add(postInvoices("intake: HTTP batches of " + BATCH + ", 1 client", INVOICES, 1));
        printRowsPerInvoice(rowsBefore, tableRows(), INVOICES);
        rows.add(postInvoices("intake: HTTP batches of " + BATCH + ", 2 clients", INVOICES, 2));
        if (PROFILE) {
            try (StackSampler sampler = StackSampler.requestThreads(7)) {
                postInvoices("profiled (not measured)", Math.max(BATCH, INVOICES / 2), 1);
                sampler.close();
                System.out.println("\nProfile of intake over HTTP, 1 client (not measured):" + sampler.report());
            }
        }

        printResults();
        verify(); // after the figures, so that they are shown even when it fails
    }

    private void printHeader() throws Exception {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String pool = dataSource.isWrapperFor(HikariDataSource.class)
                ? String.valueOf(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize()) : "?";
        System.out.printf("%n=== Overdue intake benchmark ===%n");
        System.out.printf("database      %s at %s as %s%n", BenchmarkDatabase.serverVersion(), BenchmarkDatabase.url(),
                BenchmarkDatabase.user());
        System.out.printf("engine        history level %s, JDBC batch processing %s, Hikari pool %s%n",
                configuration.getHistory(), configuration.isJdbcBatchProcessing(), pool);
        System.out.printf("JVM           %s %s, %d cores, max heap %d MB%n", System.getProperty("java.vm.name"),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("run           %d invoices per measured intake run, %d per request, %d starts per engine run%n%n",
                INVOICES, BATCH, BASELINE);
    }

    private void setUp() {
        if (identity.createUserQuery().userId(USER).count() == 0) {
            User user = identity.newUser(USER);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(USER, Groups.INTEGRATIONS); // the group is created by the application at start
        }
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.upsert(customerNumber(i), new CustomerRequest("Benchmark Customer " + i, null, CustomerKind.BUSINESS,
                    "NO", "nb", "ap" + i + "@customer.example", null, null, null, null, null, null));
        }
        repository.createDeployment().name("benchmark-baseline").addClasspathResource(BASELINE_RESOURCE).deploy();
    }

    private static String customerNumber(int i) {
        return String.format(Locale.ROOT, "BENCH-%04d", i);
    }

    /** Runs {@code count} units of work on {@code threads} threads and returns the wall time in seconds. */
    private static double timed(int count, int threads, IntConsumer work, CpuMeter.Reading[] cpu) throws Exception {
        AtomicInteger workers = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, WORKER_PREFIX + workers.incrementAndGet()));
        try {
            AtomicInteger next = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        work.accept(i);
                    }
                    return null;
                }));
            }
            cpu[0] = CpuMeter.read();
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            cpu[1] = CpuMeter.read();
            return (cpu[1].wallNanos() - cpu[0].wallNanos()) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    private Row baselineStarts(int count, int threads) throws Exception {
        Date due = Date.from(today.plusDays(30).atTime(9, 0).atZone(ZoneId.of("UTC")).toInstant());
        int offset = baselineStarted;
        CpuMeter.Reading[] cpu = new CpuMeter.Reading[2];
        // Called outside any transaction: each start is its own engine command and its own commit.
        double seconds = timed(count, threads, i -> runtime.startProcessInstanceByKey(BASELINE_KEY,
                "baseline-" + (offset + i), createVariables().putValue("due", due)), cpu);
        baselineStarted += count;
        return new Row("baseline: startProcessInstanceByKey, one timer, " + threads + " thread" + (threads > 1 ? "s" : ""),
                count, seconds, threads, CpuMeter.between(cpu[0], cpu[1]));
    }

    /** Posts {@code count} new invoices in batches on {@code clients} concurrent connections. */
    private Row postInvoices(String run, int count, int clients) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < count; from += BATCH) {
            bodies.add(batchBody(invoicesSent + from, Math.min(BATCH, count - from)));
        }
        int[] sizes = new int[bodies.size()];
        for (int b = 0; b < sizes.length; b++) {
            sizes[b] = Math.min(BATCH, count - b * BATCH);
        }
        URI uri = URI.create("http://localhost:" + port + "/api/invoices/batch");
        CpuMeter.Reading[] cpu = new CpuMeter.Reading[2];
        double seconds = timed(bodies.size(), clients, b -> post(uri, bodies.get(b), sizes[b]), cpu);
        invoicesSent += count;
        return new Row(run, count, seconds, clients, CpuMeter.between(cpu[0], cpu[1]));
    }

    private void post(URI uri, String body, int expectedCreated) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(1000, response.body().length())));
        }
        int created = occurrences(response.body(), "\"CREATED\"");
        if (created != expectedCreated) {
            throw new AssertionError("expected " + expectedCreated + " CREATED results, got " + created);
        }
    }

    private static int occurrences(String text, String token) {
        int n = 0;
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
            n++;
        }
        return n;
    }

    /** All-digit invoice numbers, so that the KID is derived from the number (as most Norwegian ERPs send). */
    private String batchBody(int first, int size) {
        StringBuilder json = new StringBuilder(size * 200).append('[');
        String issue = today.toString();
        for (int i = first; i < first + size; i++) {
            if (i > first) {
                json.append(',');
            }
            json.append("{\"invoiceNumber\":\"").append(100_000_000L + i)
                    .append("\",\"customerNumber\":\"").append(customerNumber(i % CUSTOMERS))
                    .append("\",\"issueDate\":\"").append(issue)
                    .append("\",\"dueDate\":\"").append(today.plusDays(14 + i % 30))
                    .append("\",\"currency\":\"NOK\",\"amount\":").append(100 + i % 9_000).append(".50}");
        }
        return json.append(']').toString();
    }

    /** Row count of every table of the schema (exact, so that the difference is what a run inserted). */
    private Map<String, Long> tableRows() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", String.class)) {
            counts.put(table, count("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    /** What one invoice costs the database: rows inserted per table, and how many indexes each row updates. */
    private void printRowsPerInvoice(Map<String, Long> before, Map<String, Long> after, int invoices) {
        Map<String, Long> indexes = new HashMap<>();
        jdbc.query("SELECT tablename, count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() GROUP BY tablename",
                (RowCallbackHandler) rs -> indexes.put(rs.getString("tablename"), rs.getLong("n")));
        System.out.printf("%nRows inserted per invoice during the 1-client intake run (net of deletes):%n");
        System.out.printf("  %-28s %8s %8s%n", "table", "rows", "indexes");
        double total = 0;
        double indexEntries = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long added = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            if (added == 0) {
                continue;
            }
            double perInvoice = (double) added / invoices;
            long tableIndexes = indexes.getOrDefault(entry.getKey(), 0L);
            total += perInvoice;
            indexEntries += perInvoice * tableIndexes;
            System.out.printf("  %-28s %8.2f %8d%n", entry.getKey(), perInvoice, tableIndexes);
        }
        System.out.printf("  %-28s %8.2f %8s  (%.0f index entries)%n", "total", total, "", indexEntries);
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
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private void printResults() {
        double baseline1 = rows.get(0).perSecond();
        double baseline2 = rows.get(1).perSecond();
        System.out.printf("%nResults (CPU in cores busy on average during the run; the machine has %d):%n",
                Runtime.getRuntime().availableProcessors());
        String format = "  %-72s %7s %8s %10s %8s %7s %7s %8s%n";
        System.out.printf(format, "run", "count", "seconds", "per second", "vs base.", "JVM ms", "PG ms", "machine");
        for (Row row : rows) {
            double baseline = row.threads() > 1 ? baseline2 : baseline1;
            System.out.printf(format, row.run(), String.format("%,d", row.count()), String.format("%.2f", row.seconds()),
                    String.format("%,.0f", row.perSecond()), String.format("%.2fx", row.perSecond() / baseline),
                    String.format("%.2f", row.jvmMillis()), String.format("%.2f", row.postgresMillis()),
                    row.cpu().machine());
        }
        System.out.printf("  vs base.: against the baseline on as many threads/clients. JVM ms, PG ms: CPU time per item of this%n"
                + "  JVM (application and HTTP clients) and of all PostgreSQL processes. machine: cores busy on average;%n"
                + "  what is above JVM + PG is other load (e.g. a concurrent build).%n");
        for (Row row : rows) {
            if (row.run().startsWith("intake") && !Double.isNaN(row.postgresMillis())) {
                System.out.printf("  %s: CPU-bound ceiling on %d otherwise idle cores ~ %,.0f/s%n", row.run(),
                        row.cpu().cores(), row.cpu().cores() * 1000 / (row.jvmMillis() + row.postgresMillis()));
            }
        }
        double best = rows.stream().filter(r -> r.run().startsWith("intake")).mapToDouble(Row::perSecond).max().orElse(0);
        System.out.printf("%nBest intake rate %,.0f invoices/s: target of %,.0f/s %s%n", best, TARGET_PER_SECOND,
                best >= TARGET_PER_SECOND ? "met" : "NOT met");

        MemoryUsage before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.gc();
        MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("JVM heap after the runs: %,d MB used of %,d MB committed; %,d MB used after a full GC (max %,d MB)%n%n",
                before.getUsed() >> 20, before.getCommitted() >> 20, after.getUsed() >> 20, after.getMax() >> 20);
    }
}
