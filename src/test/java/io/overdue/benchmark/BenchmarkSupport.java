package io.overdue.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import io.overdue.customers.CustomerKind;
import io.overdue.customers.CustomerRequest;
import io.overdue.customers.CustomerService;
import io.overdue.identity.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

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
import java.util.ArrayList;
import java.util.Base64;
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

/**
 * What the benchmarks share: the API user and customers they set up, the invoices they post, the timed runs on worker
 * threads, the HTTP client, and the way results are printed (docs/performance.md explains the columns).
 */
final class BenchmarkSupport {

    static final String WORKER_PREFIX = "benchmark-worker-";
    static final String USER = "erpbenchmark"; // the engine allows only [a-zA-Z0-9]+ as user ids by default
    static final String PASSWORD = "benchmark-password";
    /** Invoice numbers are all digits from here on, so that the KID is derived from the number. */
    static final long FIRST_INVOICE_NUMBER = 100_000_000L;

    private BenchmarkSupport() {
    }

    /** One measured run: {@code count} items in {@code seconds} on {@code threads} threads or clients. */
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

        /** cores / (JVM ms + PG ms): the rate if the work had the machine's cores to itself and never waited. */
        double cpuBoundCeiling() {
            return cpu.cores() * 1000 / (jvmMillis() + postgresMillis());
        }
    }

    // --- setup ---

    /** A user in group {@code integrations}, the one that may post invoices and payments. */
    static void ensureIntegrationUser(IdentityService identity) {
        if (identity.createUserQuery().userId(USER).count() == 0) {
            User user = identity.newUser(USER);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(USER, Groups.INTEGRATIONS); // the group is created by the application at start
        }
    }

    /** A user of the group, for a benchmark that logs in as one (the group is created by the application at start). */
    static void ensureUser(IdentityService identity, String userId, String password, String group) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(userId, group);
        }
    }

    /** Norwegian business customers, so that invoices get a KID by default. */
    static void createCustomers(CustomerService customers, int count) {
        for (int i = 0; i < count; i++) {
            customers.upsert(customerNumber(i), new CustomerRequest("Benchmark Customer " + i, null, CustomerKind.BUSINESS,
                    "NO", "nb", "ap" + i + "@customer.example", null, null, null, null, null, null));
        }
    }

    static String customerNumber(int i) {
        return String.format(Locale.ROOT, "BENCH-%04d", i);
    }

    static String invoiceNumber(int i) {
        return String.valueOf(FIRST_INVOICE_NUMBER + i);
    }

    /** The i-th invoice's amount: 100.50 to 9,099.50 NOK. */
    static String invoiceAmount(int i) {
        return (100 + i % 9_000) + ".50";
    }

    /**
     * A JSON batch for {@code POST /api/invoices/batch}: all-digit invoice numbers from {@link #FIRST_INVOICE_NUMBER}
     * (so the KID is the number plus its MOD10 digit, as most Norwegian ERPs send it), spread over {@code customers},
     * issued today and due 14 to 43 days ahead, so that every case waits at its due-date timer.
     */
    static String invoiceBatchBody(int first, int size, int customers, LocalDate today) {
        StringBuilder json = new StringBuilder(size * 200).append('[');
        String issue = today.toString();
        for (int i = first; i < first + size; i++) {
            if (i > first) {
                json.append(',');
            }
            json.append("{\"invoiceNumber\":\"").append(invoiceNumber(i))
                    .append("\",\"customerNumber\":\"").append(customerNumber(i % customers))
                    .append("\",\"issueDate\":\"").append(issue)
                    .append("\",\"dueDate\":\"").append(today.plusDays(14 + i % 30))
                    .append("\",\"currency\":\"NOK\",\"amount\":").append(invoiceAmount(i)).append('}');
        }
        return json.append(']').toString();
    }

    // --- timed runs ---

    /** Runs {@code count} units of work on {@code threads} threads and returns the wall time in seconds. */
    static double timed(int count, int threads, IntConsumer work, CpuMeter.Reading[] cpu) throws Exception {
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

    // --- HTTP ---

    /** The application's API on its random port, as user {@link #USER}, over HTTP/1.1. */
    static final class Api {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        private final int port;

        Api(int port) {
            this.port = port;
        }

        URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        /** Posts the body and returns the response's body; anything but 200 fails. */
        String post(URI uri, String contentType, HttpRequest.BodyPublisher body, Duration timeout) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Authorization", authorization)
                    .header("Content-Type", contentType)
                    .header("Accept", "application/json")
                    .POST(body)
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
            return response.body();
        }

        /** Posts one invoice batch and checks that every invoice in it was created. */
        void postInvoices(String body, int expectedCreated) {
            String response = post(uri("/api/invoices/batch"), "application/json", HttpRequest.BodyPublishers.ofString(body),
                    Duration.ofMinutes(5));
            int created = occurrences(response, "\"CREATED\"");
            if (created != expectedCreated) {
                throw new AssertionError("expected " + expectedCreated + " CREATED results, got " + created);
            }
        }
    }

    static int occurrences(String text, String token) {
        int n = 0;
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
            n++;
        }
        return n;
    }

    // --- database ---

    static long count(JdbcTemplate jdbc, String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    /** Row count of every table of the schema (exact, so that the difference is what a run inserted). */
    static Map<String, Long> tableRows(JdbcTemplate jdbc) {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", String.class)) {
            counts.put(table, count(jdbc, "SELECT count(*) FROM " + table));
        }
        return counts;
    }

    /** What one item costs the database: rows inserted (net of deletes) per table, and how many indexes each row updates. */
    static void printRowsPerItem(JdbcTemplate jdbc, String title, Map<String, Long> before, Map<String, Long> after, int items) {
        Map<String, Long> indexes = new HashMap<>();
        jdbc.query("SELECT tablename, count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() GROUP BY tablename",
                (RowCallbackHandler) rs -> indexes.put(rs.getString("tablename"), rs.getLong("n")));
        System.out.printf("%n%s (net of deletes):%n", title);
        System.out.printf("  %-28s %8s %8s%n", "table", "rows", "indexes");
        double total = 0;
        double indexEntries = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long added = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            if (added == 0) {
                continue;
            }
            double perItem = (double) added / items;
            long tableIndexes = indexes.getOrDefault(entry.getKey(), 0L);
            total += perItem;
            indexEntries += perItem * tableIndexes;
            System.out.printf("  %-28s %8.2f %8d%n", entry.getKey(), perItem, tableIndexes);
        }
        System.out.printf("  %-28s %8.2f %8s  (%.0f index entries)%n", "net total", total, "", indexEntries);
    }

    /**
     * Per table, from PostgreSQL's statistics ({@code pg_stat_user_tables}): rows inserted, updated, deleted, scans
     * (sequential and index) and rows those scans read. Unlike row counts they show the runtime rows a run writes and
     * deletes again, and a query that reads far more rows than it needs. Backends report their counters within a
     * second of going idle, hence the pause before reading.
     */
    static Map<String, long[]> tableStatistics(JdbcTemplate jdbc) {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, long[]> statistics = new TreeMap<>();
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        jdbc.query("""
                SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, seq_scan + coalesce(idx_scan, 0),
                       seq_tup_read + coalesce(idx_tup_fetch, 0)
                FROM pg_stat_user_tables WHERE schemaname = current_schema()""",
                (RowCallbackHandler) rs -> statistics.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6)}));
        return statistics;
    }

    /** Per item between two {@link #tableStatistics} readings: rows written and read per table, and index entries touched. */
    static void printStatisticsPerItem(JdbcTemplate jdbc, String title, Map<String, long[]> before,
                                       Map<String, long[]> after, int items) {
        Map<String, Long> indexes = new HashMap<>();
        jdbc.query("SELECT tablename, count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() GROUP BY tablename",
                (RowCallbackHandler) rs -> indexes.put(rs.getString("tablename"), rs.getLong("n")));
        System.out.printf("%n%s (from pg_stat_user_tables; scans: index or sequential, rows read: fetched by them):%n", title);
        String format = "  %-28s %8s %8s %8s %8s %10s %8s%n";
        System.out.printf(format, "table", "inserted", "updated", "deleted", "scans", "rows read", "indexes");
        double[] totals = new double[5];
        double indexEntries = 0;
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] was = before.getOrDefault(entry.getKey(), new long[5]);
            double[] per = new double[5];
            boolean any = false;
            for (int k = 0; k < 5; k++) {
                per[k] = (double) (entry.getValue()[k] - was[k]) / items;
                totals[k] += per[k];
                any |= per[k] >= 0.005;
            }
            if (!any) {
                continue;
            }
            long tableIndexes = indexes.getOrDefault(entry.getKey(), 0L);
            // An insert adds an entry to every index; an update usually too (unless HOT); a delete only marks the row.
            indexEntries += (per[0] + per[1]) * tableIndexes;
            System.out.printf(format, entry.getKey(), String.format("%.2f", per[0]), String.format("%.2f", per[1]),
                    String.format("%.2f", per[2]), String.format("%.1f", per[3]), String.format("%.1f", per[4]), tableIndexes);
        }
        System.out.printf(format, "total", String.format("%.2f", totals[0]), String.format("%.2f", totals[1]),
                String.format("%.2f", totals[2]), String.format("%.1f", totals[3]), String.format("%.1f", totals[4]), "");
        System.out.printf("  (about %.0f index entries written, fewer where updates are HOT)%n", indexEntries);
    }

    /**
     * The schema of PostgreSQL's {@code pg_stat_statements} when the server loads it and the benchmark database has
     * the extension (optional, see docs/performance.md), else null: the statement report is then skipped.
     */
    static String statementStatistics(JdbcTemplate jdbc) {
        try {
            List<String> schemas = jdbc.queryForList("SELECT extnamespace::regnamespace::text FROM pg_extension "
                    + "WHERE extname = 'pg_stat_statements'", String.class);
            if (schemas.isEmpty()) {
                return null;
            }
            jdbc.execute("SELECT " + schemas.get(0) + ".pg_stat_statements_reset()");
            return schemas.get(0);
        } catch (org.springframework.dao.DataAccessException e) {
            System.out.println("(no statement report: " + e.getMostSpecificCause().getMessage() + ")");
            return null;
        }
    }

    /** The statements that took the database's time since {@link #statementStatistics}, per item. */
    static void printStatements(JdbcTemplate jdbc, String schema, int items, int top) {
        if (schema == null) {
            return;
        }
        double[] total = new double[1];
        jdbc.query("SELECT sum(total_exec_time) FROM " + schema + ".pg_stat_statements WHERE dbid = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())",
                (RowCallbackHandler) rs -> total[0] = rs.getDouble(1));
        System.out.printf("%nStatements by database time (pg_stat_statements; %.2f ms per item in all):%n", total[0] / items);
        System.out.printf("  %8s %8s %6s  %s%n", "ms/item", "calls/it", "share", "statement");
        jdbc.query("SELECT total_exec_time, calls, query FROM " + schema + ".pg_stat_statements WHERE dbid = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT " + top,
                (RowCallbackHandler) rs -> {
                    String query = rs.getString(3).replaceAll("\\s+", " ");
                    System.out.printf("  %8.3f %8.2f %5.1f%%  %s%n", rs.getDouble(1) / items, rs.getDouble(2) / items,
                            100 * rs.getDouble(1) / total[0], query.length() > 160 ? query.substring(0, 160) + "…" : query);
                });
    }

    // --- printing ---

    static void printHeader(String title, ProcessEngine engine, DataSource dataSource, String run) throws Exception {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String pool = dataSource.isWrapperFor(HikariDataSource.class)
                ? String.valueOf(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize()) : "?";
        System.out.printf("%n=== Overdue %s benchmark ===%n", title);
        System.out.printf("database      %s at %s as %s%n", BenchmarkDatabase.serverVersion(), BenchmarkDatabase.url(),
                BenchmarkDatabase.user());
        System.out.printf("engine        history level %s, JDBC batch processing %s, Hikari pool %s%n",
                configuration.getHistory(), configuration.isJdbcBatchProcessing(), pool);
        System.out.printf("JVM           %s %s, %d cores, max heap %d MB%n", System.getProperty("java.vm.name"),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("run           %s%n%n", run);
    }

    /**
     * The results table. {@code baseline1} and {@code baseline2} are the engine-only rates on one and two threads; a
     * row is compared with the one on as many threads.
     */
    static void printResults(List<Row> rows, double baseline1, double baseline2) {
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
    }

    static void printCeilings(List<Row> rows, String runPrefix) {
        for (Row row : rows) {
            if (row.run().startsWith(runPrefix) && !Double.isNaN(row.postgresMillis())) {
                System.out.printf("  %s: CPU-bound ceiling on %d otherwise idle cores ~ %,.0f/s%n", row.run(),
                        row.cpu().cores(), row.cpuBoundCeiling());
            }
        }
    }

    static void printHeap() {
        MemoryUsage before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.gc();
        MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("JVM heap after the runs: %,d MB used of %,d MB committed; %,d MB used after a full GC (max %,d MB)%n%n",
                before.getUsed() >> 20, before.getCommitted() >> 20, after.getUsed() >> 20, after.getMax() >> 20);
    }
}
