package io.overdue.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.overdue.benchmark.BenchmarkSupport.Api;
import io.overdue.benchmark.BenchmarkSupport.Row;
import io.overdue.dunning.CaseUpdateProperties;
import io.overdue.dunning.CaseUpdateWorker;
import io.overdue.dunning.CollectionCaseProcess;
import org.springframework.beans.factory.annotation.Autowired;
import io.overdue.shared.PaymentReferences;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throughput of the bank file import, end to end: one camt.054 notification with a payment per open invoice, posted to
 * {@code POST /api/payments/import}, parsed, every payment stored, matched by its KID, booked on its invoice and its
 * collection case moved ({@code InvoiceSettled} ends it, {@code BalanceReduced} lets it go on), each committed.
 * Compared, in the same run and on the same database, with the plainest use of the engine for the same effect:
 * {@code createMessageCorrelation(...).processInstanceBusinessKey(k).correlateWithResult()} one by one on a model that
 * only waits for that message.
 *
 * <p>A benchmark, not a test: tagged {@code benchmark}, it runs only in the Maven profile of that name (see
 * docs/performance.md, "Payment import"), prints its figures and fails only when the data is wrong (an invoice not
 * paid, a payment not matched or booked twice, a case still running), never for being slow. It empties the database
 * it is given.
 *
 * <p>System properties: {@code benchmark.payments} invoices and full payments of the measured import (100000),
 * {@code benchmark.partPayments} part payments imported before it on the first invoices (a tenth of that),
 * {@code benchmark.perEntry} transactions per camt entry (1000), {@code benchmark.baseline} correlations per engine run
 * (5000), {@code benchmark.customers} (300), {@code benchmark.profile=true} for an extra, unmeasured import with a stack
 * sampler. Application properties can be overridden the same way.
 */
class PaymentImportBenchmark extends BenchmarkApplication {

    static final int PAYMENTS = Integer.getInteger("benchmark.payments", 100_000);
    static final int PART_PAYMENTS = Integer.getInteger("benchmark.partPayments", PAYMENTS / 10);
    static final int PER_ENTRY = Integer.getInteger("benchmark.perEntry", 1_000);
    static final int BASELINE = Integer.getInteger("benchmark.baseline", 5_000);
    static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 300);
    static final boolean PROFILE = Boolean.getBoolean("benchmark.profile");
    /** Invoices paid in an unmeasured import first, so that the measured ones do not pay for class loading and the JIT. */
    static final int WARM_UP = 500;
    static final int PROFILED = Math.max(2_000, PAYMENTS / 10);
    static final int INVOICE_BATCH = 1_000;
    static final double TARGET_PER_SECOND = 1_000;
    /** What a part payment pays; every invoice is at least 100.50, so each keeps a balance. */
    static final BigDecimal PART_AMOUNT = new BigDecimal("100.00");

    static final String BASELINE_KEY = "BenchmarkBaselineMessageCatch";
    static final String BASELINE_MESSAGE = "BenchmarkBaselinePaid";
    static final String BASELINE_RESOURCE = "bpmn-benchmark/baseline-message-catch.bpmn";
    /** Baseline instances started in one engine command during the (unmeasured) setup. */
    static final int BASELINE_STARTS_PER_COMMAND = 100;

    @Autowired
    private CaseUpdateWorker caseUpdateWorker;
    @Autowired
    private CaseUpdateProperties caseUpdateProperties;

    private final List<Row> rows = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();
    private final LocalDate today = LocalDate.now(ZoneId.of("UTC"));
    private Api api;
    /** Invoice number -> its KID, as intake generated it. */
    private final Map<String, String> kids = new HashMap<>();
    /** Invoice number -> its amount as issued. */
    private final Map<String, BigDecimal> amounts = new HashMap<>();
    private int invoices;
    private int paymentsImported;
    private int baselineStarted;
    private int baselineCorrelated;

    /** One credit transaction of the file. */
    record Payment(String id, String kid, BigDecimal amount, String payer) {
    }

    @Test
    void paymentImportThroughput() throws Exception {
        assertFalse(Arrays.asList(environment.getActiveProfiles()).contains("prod"), "the benchmark must not run as prod");
        api = new Api(port);
        BenchmarkSupport.printHeader("payment import", engine, dataSource, String.format(
                "%,d invoices paid in full by the measured import (%,d part payments first), %,d transactions per camt entry, "
                        + "%,d correlations per engine run", PAYMENTS, PART_PAYMENTS, PER_ENTRY, BASELINE));
        setUp();

        // Baseline: the engine alone, one correlation by business key per transaction.
        startBaselineInstances(500 + 2 * BASELINE);
        baselineCorrelations(500, 1); // warm-up
        rows.add(baselineCorrelations(BASELINE, 1));
        rows.add(baselineCorrelations(BASELINE, 2));

        // Ours: the real HTTP API, a bank file per run.
        int warmUp = PAYMENTS + (PROFILE ? PROFILED : 0);
        importFile("warm-up", fullPayments("WARMUP", warmUp, WARM_UP));
        if (PART_PAYMENTS > 0) {
            rows.addAll(importFile("import: camt.054, part payments (case goes on), 1 file",
                    partPayments("PART", 0, PART_PAYMENTS)));
        }
        analyze(); // bank_payment and invoice_payment were empty at the first ANALYZE
        Map<String, long[]> statisticsBefore = BenchmarkSupport.tableStatistics(jdbc);
        rows.addAll(importFile("import: camt.054, full payments (case ends), 1 file", fullPayments("FULL", 0, PAYMENTS)));
        BenchmarkSupport.printStatisticsPerItem(jdbc, "Rows per payment during the full-payment import",
                statisticsBefore, BenchmarkSupport.tableStatistics(jdbc), PAYMENTS);
        if (PROFILE) {
            String file = camtFile("PROFILE", fullPayments("PROFILE", PAYMENTS, PROFILED));
            try (StackSampler sampler = StackSampler.requestThreads(7, StackSampler.PAYMENT_PHASES)) {
                post("profiled (not measured)", file, PROFILED);
                sampler.close();
                System.out.println("\nProfile of the import over HTTP (not measured):" + sampler.report());
            }
        }

        printResults();
        verify(); // after the figures, so that they are shown even when it fails
    }

    private void setUp() throws Exception {
        BenchmarkSupport.ensureIntegrationUser(identity);
        BenchmarkSupport.createCustomers(customers, CUSTOMERS);
        repository.createDeployment().name("benchmark-baseline").addClasspathResource(BASELINE_RESOURCE).deploy();

        // The open invoices, each with its case waiting at its due-date timer: through the batch API, two clients.
        int total = PAYMENTS + (PROFILE ? PROFILED : 0) + WARM_UP;
        List<String> bodies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int from = 0; from < total; from += INVOICE_BATCH) {
            int size = Math.min(INVOICE_BATCH, total - from);
            bodies.add(BenchmarkSupport.invoiceBatchBody(from, size, CUSTOMERS, today));
            sizes.add(size);
        }
        CpuMeter.Reading[] cpu = new CpuMeter.Reading[2];
        double seconds = BenchmarkSupport.timed(bodies.size(), 2, b -> api.postInvoices(bodies.get(b), sizes.get(b)), cpu);
        invoices = total;
        System.out.printf("setup: %,d invoices with their cases through POST /api/invoices/batch in %.1f s (%,.0f/s, not measured)%n",
                total, seconds, total / seconds);

        // The KIDs as intake generated them (the invoice number and its MOD10 digit): what a payer types in.
        jdbc.query("SELECT invoice_number, payment_reference, amount FROM invoice", (RowCallbackHandler) rs -> {
            kids.put(rs.getString(1), rs.getString(2));
            amounts.put(rs.getString(1), rs.getBigDecimal(3));
        });
        assertEquals(total, kids.size(), "invoices stored");
        long invalid = kids.values().stream().filter(kid -> kid == null || !PaymentReferences.isValidKid(kid)).count();
        assertEquals(0, invalid, "invoices without a valid KID");
        analyze();
    }

    /**
     * Fresh planner statistics after the bulk setup, as autovacuum would have them some time later: right after 100,000
     * cases arrive, PostgreSQL may still plan the engine's correlation query with the statistics of a nearly empty
     * table and drive it from all subscriptions named "InvoiceSettled" instead of the one business key
     * (docs/performance.md, "Payment import"). The benchmark measures the steady state, not that window.
     */
    private void analyze() {
        long started = System.nanoTime();
        jdbc.execute("ANALYZE");
        System.out.printf("setup: ANALYZE in %.1f s (not measured)%n", (System.nanoTime() - started) / 1e9);
    }

    // --- baseline ---

    /** The baseline's instances, started in groups per engine command (setup, not measured). */
    private void startBaselineInstances(int count) {
        CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        long started = System.nanoTime();
        for (int from = 0; from < count; from += BASELINE_STARTS_PER_COMMAND) {
            int first = from;
            int to = Math.min(count, from + BASELINE_STARTS_PER_COMMAND);
            commands.execute(commandContext -> {
                for (int i = first; i < to; i++) {
                    runtime.startProcessInstanceByKey(BASELINE_KEY, baselineKey(i));
                }
                return null;
            });
        }
        baselineStarted = count;
        System.out.printf("setup: %,d baseline instances waiting for their message in %.1f s (not measured)%n", count,
                (System.nanoTime() - started) / 1e9);
        analyze();
    }

    private static String baselineKey(int i) {
        return "baseline-paid-" + i;
    }

    private Row baselineCorrelations(int count, int threads) throws Exception {
        int offset = baselineCorrelated;
        CpuMeter.Reading[] cpu = new CpuMeter.Reading[2];
        // Called outside any transaction: each correlation is its own engine command and its own commit.
        double seconds = BenchmarkSupport.timed(count, threads, i -> runtime.createMessageCorrelation(BASELINE_MESSAGE)
                .processInstanceBusinessKey(baselineKey(offset + i)).correlateWithResult(), cpu);
        baselineCorrelated += count;
        return new Row("baseline: correlate by business key, one by one, " + threads + " thread" + (threads > 1 ? "s" : ""),
                count, seconds, threads, CpuMeter.between(cpu[0], cpu[1]));
    }

    // --- the import ---

    /** Full payments of invoices {@code first} to {@code first + count - 1}: each pays what is still open. */
    private List<Payment> fullPayments(String run, int first, int count) {
        List<Payment> payments = new ArrayList<>(count);
        Map<String, BigDecimal> paid = paidSoFar();
        for (int i = first; i < first + count; i++) {
            String number = BenchmarkSupport.invoiceNumber(i);
            BigDecimal open = amounts.get(number).subtract(paid.getOrDefault(number, BigDecimal.ZERO));
            payments.add(new Payment("BENCH-" + run + "-" + i, kids.get(number), open.setScale(2, RoundingMode.UNNECESSARY), payer(i)));
        }
        return payments;
    }

    private List<Payment> partPayments(String run, int first, int count) {
        List<Payment> payments = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            payments.add(new Payment("BENCH-" + run + "-" + i, kids.get(BenchmarkSupport.invoiceNumber(i)), PART_AMOUNT, payer(i)));
        }
        return payments;
    }

    private static String payer(int i) {
        return "Benchmark Customer " + (i % CUSTOMERS);
    }

    private Map<String, BigDecimal> paidSoFar() {
        Map<String, BigDecimal> paid = new HashMap<>();
        jdbc.query("SELECT i.invoice_number, sum(p.amount) FROM invoice_payment p JOIN invoice i ON i.id = p.invoice_id "
                + "GROUP BY i.invoice_number", (RowCallbackHandler) rs -> paid.put(rs.getString(1), rs.getBigDecimal(2)));
        return paid;
    }

    /** Builds the file before the clock starts, then posts it and times the request. */
    private List<Row> importFile(String run, List<Payment> payments) {
        return post(run, camtFile(run.replaceAll("[^A-Za-z0-9]+", "-"), payments), payments.size());
    }

    /**
     * Times the request, whose answer comes once every payment is booked and its invoice paid; for a file whose cases
     * move in the background, a second row times it until the last case has moved too (the queue is empty).
     */
    private List<Row> post(String run, String file, int count) {
        byte[] body = file.getBytes(StandardCharsets.UTF_8);
        System.out.printf("%s: posting a camt.054 of %,d payments, %,.1f MB%n", run, count, body.length / 1e6);
        ScheduledExecutorService progress = progress(run);
        CpuMeter.Reading before = CpuMeter.read();
        String response;
        try {
            response = api.post(api.uri("/api/payments/import"), "application/xml", HttpRequest.BodyPublishers.ofByteArray(body),
                    Duration.ofHours(3));
        } finally {
            progress.shutdownNow();
        }
        CpuMeter.Reading after = CpuMeter.read();
        paymentsImported += count;
        checkResponse(run, response, count);
        double seconds = (after.wallNanos() - before.wallNanos()) / 1e9;
        System.out.printf("%s: %,d payments booked in %.1f s, %,.0f/s%n", run, count, seconds, count / seconds);
        Row answered = new Row(run + (background(response) ? ": booked (answer)" : ""), count, seconds, 1,
                CpuMeter.between(before, after));
        if (!background(response)) {
            return List.of(answered);
        }
        awaitCaseUpdates(run);
        CpuMeter.Reading moved = CpuMeter.read();
        double total = (moved.wallNanos() - before.wallNanos()) / 1e9;
        System.out.printf("%s: %,d payments booked and their cases moved in %.1f s, %,.0f/s%n", run, count, total, count / total);
        return List.of(answered, new Row(run + ": every case moved", count, total, 1, CpuMeter.between(before, moved)));
    }

    private boolean background(String response) {
        try {
            return json.readTree(response).path("casesInBackground").asBoolean(false);
        } catch (Exception e) {
            return false;
        }
    }

    /** Until the background workers have applied every queued case update (to the second); progress every 30 s. */
    private void awaitCaseUpdates(String run) {
        if (caseUpdateProperties.threads() == 0) {
            // No workers (overdue.case-updates.threads=0): the benchmark's own thread applies them, after the import.
            while (caseUpdateWorker.applyDue() > 0) {
                // until none is left
            }
        }
        long started = System.nanoTime();
        long last = started;
        long pending;
        while ((pending = count("SELECT count(*) FROM case_update")) > 0) {
            if (System.nanoTime() - last > 30_000_000_000L) {
                last = System.nanoTime();
                System.out.printf("  %s: %,d case updates pending after %.0f s%n", run, pending, (last - started) / 1e9);
            }
            try {
                // Not more often: each count reads the whole queue, and PostgreSQL shares the two cores with the workers.
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A line every 30 s while a long import runs, from the committed payments (one cheap count, negligible load). */
    private ScheduledExecutorService progress(String run) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "benchmark-progress");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        long base = BenchmarkSupport.count(jdbc, "SELECT count(*) FROM bank_payment");
        timer.scheduleAtFixedRate(() -> {
            long done = BenchmarkSupport.count(jdbc, "SELECT count(*) FROM bank_payment") - base;
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  %s: %,d payments committed after %.0f s (%,.0f/s)%n", run, done, seconds, done / seconds);
        }, 30, 30, TimeUnit.SECONDS);
        return timer;
    }

    /** The answer must count every payment as created and matched; a mismatch fails the benchmark after the figures. */
    private void checkResponse(String run, String response, int count) {
        try {
            JsonNode result = json.readTree(response);
            for (String field : List.of("payments", "created", "matched")) {
                if (result.path(field).asInt(-1) != count) {
                    mismatches.add(run + ": " + field + " = " + result.path(field).asText() + ", expected " + count);
                }
            }
            for (String field : List.of("unchanged", "unmatched", "ambiguous", "ignored")) {
                if (result.path(field).asInt(-1) != 0) {
                    mismatches.add(run + ": " + field + " = " + result.path(field).asText() + ", expected 0");
                }
            }
        } catch (Exception e) {
            mismatches.add(run + ": the answer is not JSON: " + e.getMessage());
        }
    }

    /**
     * A camt.054.001.08 notification as Norwegian banks send KID payments: booked credit entries, each batching
     * {@link #PER_ENTRY} transactions ({@code TxDtls}) with their own bank reference (the payment id), amount, payer
     * and KID as structured creditor reference.
     */
    private String camtFile(String messageId, List<Payment> payments) {
        StringBuilder xml = new StringBuilder(payments.size() * 420 + 1_000);
        xml.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
                 <BkToCstmrDbtCdtNtfctn>
                  <GrpHdr><MsgId>BENCH-%1$s</MsgId><CreDtTm>%2$sT06:15:00+01:00</CreDtTm></GrpHdr>
                  <Ntfctn>
                   <Id>BENCH-%1$s-1</Id>
                   <Acct><Id><IBAN>NO9386011117947</IBAN></Id><Ccy>NOK</Ccy></Acct>
                """.formatted(messageId, today));
        for (int from = 0, entry = 1; from < payments.size(); from += PER_ENTRY, entry++) {
            List<Payment> batch = payments.subList(from, Math.min(payments.size(), from + PER_ENTRY));
            BigDecimal total = batch.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            xml.append("""
                       <Ntry>
                        <NtryRef>%1$d</NtryRef><Amt Ccy="NOK">%2$s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>%3$s</Dt></BookgDt><ValDt><Dt>%3$s</Dt></ValDt>
                        <AcctSvcrRef>BENCH-%4$s-NTRY-%1$d</AcctSvcrRef>
                        <NtryDtls><Btch><NbOfTxs>%5$d</NbOfTxs></Btch>
                    """.formatted(entry, total.toPlainString(), today, messageId, batch.size()));
            for (Payment payment : batch) {
                xml.append("     <TxDtls><Refs><AcctSvcrRef>").append(payment.id()).append("</AcctSvcrRef></Refs>")
                        .append("<Amt Ccy=\"NOK\">").append(payment.amount().toPlainString()).append("</Amt>")
                        .append("<CdtDbtInd>CRDT</CdtDbtInd>")
                        .append("<RltdPties><Dbtr><Pty><Nm>").append(payment.payer()).append("</Nm></Pty></Dbtr></RltdPties>")
                        .append("<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>")
                        .append(payment.kid()).append("</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>\n");
            }
            xml.append("    </NtryDtls>\n   </Ntry>\n");
        }
        return xml.append("  </Ntfctn>\n </BkToCstmrDbtCdtNtfctn>\n</Document>\n").toString();
    }

    // --- results ---

    private void printResults() {
        BenchmarkSupport.printResults(rows, rows.get(0).perSecond(), rows.get(1).perSecond());
        BenchmarkSupport.printCeilings(rows, "import");
        for (Row row : rows) {
            if (row.run().contains("full payments")) {
                System.out.printf("%nFull-payment import, %s: %,.0f payments/s, target of %,.0f/s %s", row.run(),
                        row.perSecond(), TARGET_PER_SECOND, row.perSecond() >= TARGET_PER_SECOND ? "met" : "NOT met");
            }
        }
        System.out.println();
        BenchmarkSupport.printHeap();
    }

    /**
     * Every invoice paid exactly by its payments, every payment stored once and matched, booked once, every case
     * ended as paid; the part-paid cases went on first; every baseline instance ended.
     */
    private void verify() {
        int payments = paymentsImported;
        long invoicesStored = count("SELECT count(*) FROM invoice");
        long notPaid = count("SELECT count(*) FROM invoice WHERE status <> 'PAID' OR open_balance <> 0");
        long bankPayments = count("SELECT count(*) FROM bank_payment");
        long matched = count("SELECT count(*) FROM bank_payment WHERE status = 'MATCHED' AND matched_invoice_number IS NOT NULL");
        long duplicateIds = count("SELECT count(*) FROM (SELECT payment_id FROM bank_payment GROUP BY payment_id HAVING count(*) > 1) d");
        long booked = count("SELECT count(*) FROM invoice_payment");
        long duplicateBookings = count("SELECT count(*) FROM (SELECT payment_id FROM invoice_payment GROUP BY payment_id HAVING count(*) > 1) d");
        long bookedNotStored = count("""
                SELECT count(*) FROM invoice_payment p JOIN invoice i ON i.id = p.invoice_id WHERE NOT EXISTS (
                  SELECT 1 FROM bank_payment b WHERE b.payment_id = p.payment_id AND b.matched_invoice_number = i.invoice_number
                    AND b.amount = p.amount)""");
        long wrongSum = count("""
                SELECT count(*) FROM invoice i WHERE i.amount <> (SELECT coalesce(sum(p.amount), 0) FROM invoice_payment p
                  WHERE p.invoice_id = i.id)""");
        long wrongPaymentCount = count("SELECT count(*) FROM invoice i WHERE (SELECT count(*) FROM bank_payment b "
                + "WHERE b.matched_invoice_number = i.invoice_number) <> CASE WHEN i.invoice_number::bigint < "
                + (BenchmarkSupport.FIRST_INVOICE_NUMBER + PART_PAYMENTS) + " THEN 2 ELSE 1 END");
        long running = runtime.createProcessInstanceQuery().processDefinitionKey(CollectionCaseProcess.PROCESS_KEY).count();
        long casesEnded = count("""
                SELECT count(*) FROM act_hi_procinst h JOIN act_re_procdef d ON d.id_ = h.proc_def_id_
                WHERE d.key_ = 'CollectionCase' AND h.end_time_ IS NOT NULL""");
        long invoicesWithPaidCase = count("""
                SELECT count(*) FROM invoice i WHERE EXISTS (
                  SELECT 1 FROM act_hi_procinst h JOIN act_hi_actinst a ON a.proc_inst_id_ = h.id_
                  WHERE h.business_key_ = i.invoice_number AND a.act_id_ = 'CasePaid' AND a.end_time_ IS NOT NULL)""");
        long caseJobs = count("SELECT count(*) FROM act_ru_job WHERE process_def_key_ = 'CollectionCase'");
        long caseSubscriptions = count("""
                SELECT count(*) FROM act_ru_event_subscr s JOIN act_ru_execution e ON e.id_ = s.execution_id_
                JOIN act_re_procdef d ON d.id_ = e.proc_def_id_ WHERE d.key_ = 'CollectionCase'""");
        long balanceReduced = count("SELECT count(DISTINCT proc_inst_id_) FROM act_hi_actinst WHERE act_id_ = '"
                + CollectionCaseProcess.Elements.BALANCE_REDUCED + "'");
        long baselineRunning = runtime.createProcessInstanceQuery().processDefinitionKey(BASELINE_KEY).count();
        long baselineEnded = count("""
                SELECT count(*) FROM act_hi_procinst h JOIN act_re_procdef d ON d.id_ = h.proc_def_id_
                WHERE d.key_ = '%s' AND h.end_time_ IS NOT NULL""".formatted(BASELINE_KEY));

        System.out.printf("%nVerification (committed rows):%n");
        System.out.printf("  invoices stored                        %,d (sent %,d)%n", invoicesStored, invoices);
        System.out.printf("  invoices not PAID or with a balance    %,d%n", notPaid);
        System.out.printf("  bank payments stored / MATCHED         %,d / %,d (imported %,d)%n", bankPayments, matched, payments);
        System.out.printf("  bank payment ids stored twice          %,d%n", duplicateIds);
        System.out.printf("  invoice payments booked                %,d, ids booked twice %,d, not from a stored match %,d%n",
                booked, duplicateBookings, bookedNotStored);
        System.out.printf("  invoices whose payments != amount      %,d; with another number of payments %,d%n", wrongSum,
                wrongPaymentCount);
        System.out.printf("  CollectionCase running / ended         %,d / %,d; ended as Paid %,d%n", running, casesEnded,
                invoicesWithPaidCase);
        System.out.printf("  CollectionCase jobs, subscriptions     %,d, %,d%n", caseJobs, caseSubscriptions);
        System.out.printf("  cases that took a part payment         %,d (part payments %,d)%n", balanceReduced, PART_PAYMENTS);
        System.out.printf("  baseline running / ended               %,d / %,d (started %,d, correlated %,d)%n",
                baselineRunning, baselineEnded, baselineStarted, baselineCorrelated);
        mismatches.forEach(m -> System.out.println("  MISMATCH in an answer: " + m));

        assertTrue(mismatches.isEmpty(), "import answers: " + mismatches);
        assertEquals(invoices, invoicesStored, "invoices stored");
        assertEquals(0, notPaid, "invoices not paid");
        assertEquals(payments, bankPayments, "bank payments stored");
        assertEquals(payments, matched, "bank payments matched");
        assertEquals(0, duplicateIds, "bank payment ids stored twice");
        assertEquals(payments, booked, "invoice payments booked");
        assertEquals(0, duplicateBookings, "payment ids booked twice");
        assertEquals(0, bookedNotStored, "bookings without their stored match");
        assertEquals(0, wrongSum, "invoices whose payments do not add up to the amount");
        assertEquals(0, wrongPaymentCount, "invoices with another number of payments than sent");
        assertEquals(0, running, "CollectionCase instances still running");
        assertEquals(invoices, casesEnded, "CollectionCase instances ended");
        assertEquals(invoices, invoicesWithPaidCase, "invoices whose case ended as Paid");
        assertEquals(0, caseJobs, "CollectionCase jobs left");
        assertEquals(0, caseSubscriptions, "CollectionCase event subscriptions left");
        assertEquals(PART_PAYMENTS, balanceReduced, "cases that took a part payment and went on");
        assertEquals(baselineCorrelated, baselineEnded, "baseline instances ended");
        assertEquals(baselineStarted - baselineCorrelated, baselineRunning, "baseline instances left waiting");
    }

    private long count(String sql) {
        return BenchmarkSupport.count(jdbc, sql);
    }
}
