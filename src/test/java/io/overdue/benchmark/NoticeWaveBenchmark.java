package io.overdue.benchmark;

import io.overdue.benchmark.BenchmarkSupport.Api;
import io.overdue.benchmark.BenchmarkSupport.Row;
import io.overdue.channels.SendingWithoutOutbox;
import io.overdue.support.SmtpSink;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A wave of notices due at once, as after downtime: {@code benchmark.notices} collection cases (100000) whose level-1
 * timers are all made due at the same moment, then the job executor (the application's settings: 4 to 8 threads) takes
 * them. Each notice is the real thing: its timer, the dunning policy for the day, the fee and interest rules, the notice
 * row, the email rendered in the customer's language, written to the outbox, sent after commit to a local SMTP server
 * ({@link SmtpSink}) and logged. Measured until the SMTP server has every email. Two baselines, in the same run and on
 * the same database: the same wave without the outbox ({@link SendingWithoutOutbox}: the same cases and code, each
 * email handed to the mail server from inside its job), and the plainest engine and mail, a timer and an asynchronous
 * service task that sends a short email from inside its job ({@code bpmn-benchmark/baseline-notice.bpmn}).
 *
 * <p>A benchmark, not a test: tagged {@code benchmark}, it runs only in the Maven profile of that name and fails only
 * when the data is wrong (a notice missing or sent twice). It empties the database it is given. System properties:
 * {@code benchmark.notices} (100000), {@code benchmark.baseline} notices of each baseline (the same), {@code benchmark.customers}
 * (300), {@code benchmark.profile=true} to sample the job executor's stacks during our wave (the figures then include the
 * sampler's cost).
 */
@Import(SendingWithoutOutbox.Replacement.class)
class NoticeWaveBenchmark extends BenchmarkApplication {

    static final int NOTICES = Integer.getInteger("benchmark.notices", 100_000);
    static final int BASELINE = Integer.getInteger("benchmark.baseline", NOTICES);
    static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 300);
    static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");
    /** Cases of an unmeasured warm-up wave, half without the outbox and half with it: neither measured wave pays the JIT. */
    static final int WARM_UP = Math.max(200, Math.min(NOTICES / 10, 2_000)) / 2 * 2;
    static final int INVOICE_BATCH = 1_000;
    static final String BASELINE_KEY = "BenchmarkBaselineNotice";
    static final String BASELINE_RESOURCE = "bpmn-benchmark/baseline-notice.bpmn";
    static final String OUR_DOMAIN = "customer.example";
    static final String BASELINE_DOMAIN = "baseline.example";

    static final SmtpSink SMTP;

    static {
        try {
            SMTP = new SmtpSink();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void waveSettings(DynamicPropertyRegistry registry) {
        registry.add("overdue.mail.enabled", () -> "true");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        // The job executor runs, with the application's own settings; the outbox sends after each commit, unpaced
        // (the pace is a setting, not a cost); one notice per email; the wave's moment, not contact hours, decides.
        registry.add("camunda.bpm.job-execution.enabled", () -> "true");
        registry.add("overdue.outbox.per-second", () -> "0");
        registry.add("overdue.outbox.bundle-window", () -> "0s");
        registry.add("overdue.dunning.contact-hours", () -> "false");
        // Level 1 goes 3 days after the due date; the due-date timer 1 day after it: invoices due 2 days ago wait for
        // level 1 tomorrow, and the benchmark makes it due.
        registry.add("overdue.dunning.grace-period", () -> "P1D");
    }

    @TestConfiguration
    static class Baseline {
        @Bean("baselineNoticeMail")
        JavaDelegate baselineNoticeMail(JavaMailSender mail) {
            return execution -> {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom("collections@overdue.example");
                message.setTo("ap-" + execution.getProcessBusinessKey() + "@" + BASELINE_DOMAIN);
                message.setSubject("Reminder: invoice " + execution.getProcessBusinessKey() + " is overdue");
                message.setText("Dear customer,\n\ninvoice " + execution.getProcessBusinessKey()
                        + " is overdue. Please pay it by the deadline.\n\nKind regards\nOverdue Demo AS\n");
                mail.send(message);
            };
        }
    }

    @Autowired
    SendingWithoutOutbox sender;

    private final List<Row> rows = new ArrayList<>();
    private final LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));

    @Test
    void noticeWave() throws Exception {
        BenchmarkSupport.printHeader("notice wave", engine, dataSource, String.format(
                "%,d notices due at once (level 1 of as many cases), %,d baseline notices, %d customers, job executor "
                        + "as configured", NOTICES, BASELINE, CUSTOMERS));
        setUp();

        rows.add(wave("plain engine: timer, then a job that sends an email", BASELINE,
                "SELECT j.ID_ FROM ACT_RU_JOB j JOIN ACT_RE_PROCDEF d ON d.ID_ = j.PROCESS_DEF_ID_ WHERE d.KEY_ = '"
                        + BASELINE_KEY + "'", () -> SMTP.received(BASELINE_DOMAIN)));
        int warmUp = NOTICES + BASELINE;
        sender.withoutOutbox(true);
        wave("warm-up", WARM_UP / 2, levelOneTimers(warmUp, WARM_UP / 2), () -> SMTP.received(OUR_DOMAIN));
        sender.withoutOutbox(false);
        wave("warm-up", WARM_UP / 2, levelOneTimers(warmUp + WARM_UP / 2, WARM_UP / 2), () -> SMTP.received(OUR_DOMAIN));
        System.out.printf("warm-up: %,d notices of our cases, half of them without the outbox (not measured)%n", WARM_UP);

        sender.withoutOutbox(true);
        rows.add(ourWave("ours without the outbox: sent from inside the job", BASELINE, levelOneTimers(NOTICES, BASELINE)));
        sender.withoutOutbox(false);
        rows.add(ourWave("ours: level-1 notices through policy, charges, outbox and log", NOTICES, levelOneTimers(0, NOTICES)));

        BenchmarkSupport.printResults(rows, rows.get(1).perSecond(), rows.get(1).perSecond());
        System.out.printf("  ours: %.0f %% of the same wave without the outbox, %.0f %% of the plain engine%n",
                100 * rows.get(2).perSecond() / rows.get(1).perSecond(), 100 * rows.get(2).perSecond() / rows.get(0).perSecond());
        BenchmarkSupport.printCeilings(rows, "ours");
        BenchmarkSupport.printHeap();
        verify();
    }

    /** A wave of our cases; profiled: with stack samples of the job threads and the database's top statements. */
    private Row ourWave(String run, int count, String timers) throws Exception {
        if (!PROFILE) {
            return wave(run, count, timers, () -> SMTP.received(OUR_DOMAIN));
        }
        String statements = BenchmarkSupport.statementStatistics(jdbc);
        Row row;
        try (StackSampler sampler = StackSampler.jobThreads(7, StackSampler.NOTICE_PHASES)) {
            row = wave(run + " (profiled)", count, timers, () -> SMTP.received(OUR_DOMAIN));
            sampler.close();
            System.out.println("\nProfile of " + run + ":" + sampler.report());
        }
        BenchmarkSupport.printStatements(jdbc, statements, count, 25);
        return row;
    }

    private void setUp() throws Exception {
        BenchmarkSupport.ensureIntegrationUser(identity);
        BenchmarkSupport.createCustomers(customers, CUSTOMERS);
        repository.createDeployment().name("benchmark-baseline-notice").addClasspathResource(BASELINE_RESOURCE).deploy();
        Api api = new Api(port);
        long started = System.nanoTime();
        // Invoices 0 .. NOTICES-1 are our wave's, the next BASELINE the wave without the outbox, then the warm-up's.
        int invoices = NOTICES + BASELINE + WARM_UP;
        for (int from = 0; from < invoices; from += INVOICE_BATCH) {
            int size = Math.min(INVOICE_BATCH, invoices - from);
            api.postInvoices(overdueBatch(from, size), size);
        }
        System.out.printf("setup: %,d overdue invoices through POST /api/invoices/batch in %.1f s (not measured)%n",
                invoices, (System.nanoTime() - started) / 1e9);
        // Their due-date timers fire now (1 day ago); each case plans level 1 for tomorrow and waits.
        started = System.nanoTime();
        awaitCount("cases waiting for level 1", "SELECT count(*) FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ "
                + "WHERE d.ACT_ID_ = 'NextLevelDue'", invoices, 7_200);
        System.out.printf("setup: every case waits for level 1 after %.1f s (not measured)%n", (System.nanoTime() - started) / 1e9);

        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        started = System.nanoTime();
        Date tomorrow = Date.from(today.plusDays(1).atStartOfDay(ZoneId.of("Europe/Oslo")).toInstant());
        for (int from = 0; from < BASELINE; from += 100) {
            int first = from;
            commands.execute(context -> {
                for (int i = first; i < Math.min(BASELINE, first + 100); i++) {
                    runtime.startProcessInstanceByKey(BASELINE_KEY, "B" + i, Map.of("dueAt", tomorrow));
                }
                return null;
            });
        }
        System.out.printf("setup: %,d baseline instances waiting for tomorrow in %.1f s (not measured)%n", BASELINE,
                (System.nanoTime() - started) / 1e9);
        jdbc.execute("ANALYZE");
    }

    /** The level-1 timers of the cases of invoices {@code first} to {@code first + count - 1}. */
    private static String levelOneTimers(int first, int count) {
        return "SELECT j.ID_ FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ AND d.ACT_ID_ = 'NextLevelDue' "
                + "JOIN ACT_RU_EXECUTION e ON e.ID_ = j.PROCESS_INSTANCE_ID_ WHERE e.BUSINESS_KEY_ BETWEEN '"
                + BenchmarkSupport.invoiceNumber(first) + "' AND '" + BenchmarkSupport.invoiceNumber(first + count - 1) + "'";
    }

    /** Overdue by two days, so that level 1 (three days after due) is tomorrow. */
    private String overdueBatch(int first, int size) {
        StringBuilder json = new StringBuilder(size * 200).append('[');
        for (int i = first; i < first + size; i++) {
            json.append(i > first ? "," : "").append("{\"invoiceNumber\":\"").append(BenchmarkSupport.invoiceNumber(i))
                    .append("\",\"customerNumber\":\"").append(BenchmarkSupport.customerNumber(i % CUSTOMERS))
                    .append("\",\"issueDate\":\"").append(today.minusDays(30))
                    .append("\",\"dueDate\":\"").append(today.minusDays(2))
                    .append("\",\"currency\":\"NOK\",\"amount\":").append(BenchmarkSupport.invoiceAmount(i)).append('}');
        }
        return json.append(']').toString();
    }

    /** Makes the timers of the wave due now and measures until the SMTP server has {@code count} more emails. */
    private Row wave(String run, int count, String timersOfTheWave, IntSupplier received) throws Exception {
        int before = received.getAsInt();
        CpuMeter.Reading start = CpuMeter.read();
        long started = System.nanoTime();
        jdbc.update("UPDATE ACT_RU_JOB SET DUEDATE_ = ? WHERE TYPE_ = 'timer' AND ID_ IN (" + timersOfTheWave + ")",
                new java.sql.Timestamp(System.currentTimeMillis() - 1_000));
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().jobWasAdded();
        long deadline = System.nanoTime() + 3_600_000_000_000L;
        while (received.getAsInt() - before < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(run + ": only " + (received.getAsInt() - before) + " of " + count + " emails in an hour");
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Row(run, count, seconds, 1, CpuMeter.between(start, CpuMeter.read()));
    }

    private void awaitCount(String what, String sql, int expected, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Integer now = 0;
        while (System.nanoTime() < deadline) {
            now = jdbc.queryForObject(sql, Integer.class);
            if (now != null && now >= expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": " + now + " of " + expected + " after " + seconds + " s");
    }

    private void verify() throws InterruptedException {
        Thread.sleep(2_000); // nothing more may arrive
        int ours = NOTICES + BASELINE + WARM_UP;
        assertEquals(ours, SMTP.received(OUR_DOMAIN), "emails at the SMTP server, one per notice");
        assertEquals(BASELINE, SMTP.received(BASELINE_DOMAIN), "plain engine's emails");
        assertEquals(ours, jdbc.queryForObject("SELECT count(*) FROM dunning_notice WHERE notice_level = 1",
                Integer.class), "level-1 notices recorded");
        assertEquals(NOTICES + WARM_UP / 2, jdbc.queryForObject("SELECT count(*) FROM outbox_message WHERE status = 'SENT'",
                Integer.class),
                "outbox messages sent");
        assertEquals(ours, jdbc.queryForObject(
                "SELECT count(DISTINCT idempotency_key) FROM communication_log WHERE status = 'SENT'", Integer.class),
                "log entries, one per notice");
    }
}
