package io.overdue.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A poor man's profiler for the intake and payment paths: samples the stacks of Tomcat's request threads every few
 * milliseconds while they are busy, and attributes each sample to a phase of the path (the innermost known frame wins)
 * and to "waiting for PostgreSQL" when the thread sits in a socket read or write.
 * Sampling stops the world briefly, so it runs only in a separate, unmeasured pass (-Dbenchmark.profile=true).
 */
final class StackSampler implements AutoCloseable {

    /**
     * Phases of a path, by frame prefix: the innermost match wins, so the order here does not matter; a frame matches
     * when "class.method" starts with the key. Every map holds the engine's, the transaction's and the web's phases.
     */
    static final Map<String, String> INTAKE_PHASES = new LinkedHashMap<>();
    static final Map<String, String> PAYMENT_PHASES = new LinkedHashMap<>();
    static final Map<String, String> NOTICE_PHASES = new LinkedHashMap<>();

    static {
        for (Map<String, String> phases : List.of(INTAKE_PHASES, PAYMENT_PHASES, NOTICE_PHASES)) {
            phases.put("org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager.flush", "engine: flush (SQL of the cases)");
            phases.put("org.camunda.bpm.engine.impl.interceptor.CommandContext.close", "engine: command close (other)");
            phases.put("org.camunda.bpm.engine.impl.history", "engine: history events");
            phases.put("org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity", "engine: variables");
            phases.put("org.camunda.bpm.engine.impl.core.variable", "engine: variables");
            phases.put("org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionManager", "engine: definition lookup");
            phases.put("org.camunda.bpm.engine.impl.persistence.deploy.cache", "engine: definition lookup");
            phases.put("org.springframework.transaction.support.AbstractPlatformTransactionManager.commit", "transaction: commit");
            phases.put("org.springframework.transaction.support.AbstractPlatformTransactionManager.getTransaction", "transaction: begin");
            phases.put("org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodProcessor.writeWithMessageConverters", "JSON: write response");
            phases.put("io.overdue.identity.CamundaIdentityAuthenticationProvider", "login: password check and groups");
        }
        INTAKE_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.TimerEntity", "engine: timer job");
        INTAKE_PHASES.put("org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl", "engine: timer job");
        INTAKE_PHASES.put("org.camunda.bpm.engine.impl.RuntimeServiceImpl.startProcessInstanceByKey", "engine: start (execution, other)");
        INTAKE_PHASES.put("io.overdue.dunning.CollectionCases", "intake: case variables");
        INTAKE_PHASES.put("io.overdue.invoices.InvoiceStore.insert", "intake: INSERT invoices");
        INTAKE_PHASES.put("io.overdue.invoices.InvoiceStore.findByNumbers", "intake: SELECT existing invoices");
        INTAKE_PHASES.put("io.overdue.invoices.InvoiceStore.generateReference", "intake: payment references");
        INTAKE_PHASES.put("io.overdue.customers.CustomerService.refs", "intake: SELECT customers");
        INTAKE_PHASES.put("io.overdue.invoices.InvoiceIntake.validate", "intake: validation");
        INTAKE_PHASES.put("io.overdue.invoices.InvoiceIntake.write", "intake: other");
        INTAKE_PHASES.put("org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodArgumentResolver.readWithMessageConverters", "JSON: read request");
        INTAKE_PHASES.put("io.overdue.invoices.InvoiceController", "controller (other)");

        // The payment path: PaymentImport -> PaymentIntake.store (a transaction per payment) -> matcher -> booking ->
        // events -> CollectionCases correlating InvoiceSettled / BalanceReduced, PlanPayments.
        PAYMENT_PHASES.put("io.overdue.payments.CamtParser", "import: parse the camt file");
        PAYMENT_PHASES.put("io.overdue.payments.PaymentImport", "import: other");
        PAYMENT_PHASES.put("io.overdue.payments.PaymentIntake.checked", "import: check the payments");
        PAYMENT_PHASES.put("io.overdue.payments.PaymentIntake", "payment: intake (other)");
        PAYMENT_PHASES.put("io.overdue.payments.BankPaymentStore.find", "payment: SELECT bank_payment by id");
        PAYMENT_PHASES.put("io.overdue.payments.BankPaymentStore.insert", "payment: INSERT bank_payment");
        PAYMENT_PHASES.put("io.overdue.invoices.InvoiceAdjustments.bookedPayment", "payment: SELECT invoice_payment by id");
        PAYMENT_PHASES.put("io.overdue.payments.PaymentMatcher", "payment: match (SELECT invoice by KID)");
        PAYMENT_PHASES.put("io.overdue.invoices.InvoiceAdjustments", "booking: other");
        PAYMENT_PHASES.put("io.overdue.invoices.InvoiceAdjustments.invoice", "booking: SELECT invoice");
        PAYMENT_PHASES.put("io.overdue.invoices.AdjustmentStore.findPayment", "booking: SELECT invoice_payment by id");
        PAYMENT_PHASES.put("io.overdue.invoices.AdjustmentStore.insert", "booking: INSERT invoice_payment");
        PAYMENT_PHASES.put("io.overdue.invoices.InvoiceStore.update", "booking: UPDATE invoice");
        PAYMENT_PHASES.put("io.overdue.customers.CustomerService.ref", "booking: SELECT customer");
        PAYMENT_PHASES.put("org.springframework.validation", "booking: bean validation");
        PAYMENT_PHASES.put("org.hibernate.validator", "booking: bean validation");
        PAYMENT_PHASES.put("io.overdue.plans.PlanPayments", "booking: payment plan lookup");
        PAYMENT_PHASES.put("io.overdue.dunning.CollectionCases", "case: correlate (other)");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd", "case: correlate (other)");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd", "case: correlate (other)");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.runtime.DefaultCorrelationHandler", "case: correlation queries");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.pvm.runtime.operation", "case: run the process (other)");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.fetch", "case: load executions");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.ensure", "case: load executions");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.getEventSubscriptions", "case: load subscriptions");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.removeEventSubscriptions", "case: load subscriptions");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.removeJobs", "case: delete jobs");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.removeTasks", "case: delete tasks");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.removeVariables", "case: delete variables");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.removeIncidents", "case: delete incidents");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.removeExternalTasks", "case: delete external tasks");
        PAYMENT_PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity.removeAuthorizations", "case: delete authorizations");
        PAYMENT_PHASES.put("io.overdue.dunning", "case: our delegates and listeners");
        PAYMENT_PHASES.put("io.overdue.credit", "case: credit-hold check");

        // A notice: the timer job, then Send dunning notice (decide, render, outbox, send, log), then Plan next level.
        NOTICE_PHASES.put("org.camunda.bpm.engine.impl.jobexecutor", "engine: job execution (other)");
        NOTICE_PHASES.put("org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd", "engine: job execution (other)");
        NOTICE_PHASES.put("org.camunda.bpm.engine.impl.pvm.runtime.operation", "engine: run the process (other)");
        NOTICE_PHASES.put("org.camunda.bpm.dmn", "DMN: policy decisions");
        NOTICE_PHASES.put("org.camunda.bpm.engine.impl.dmn", "DMN: policy decisions");
        NOTICE_PHASES.put("org.camunda.feel", "DMN: policy decisions");
        NOTICE_PHASES.put("io.overdue.dunning.DunningLevels", "plan next level (other)");
        NOTICE_PHASES.put("io.overdue.dunning.DunningNotices", "notice: decide and record (other)");
        NOTICE_PHASES.put("io.overdue.dunning.CaseFacts", "case facts (invoice, customer)");
        NOTICE_PHASES.put("io.overdue.customers", "case facts (invoice, customer)");
        NOTICE_PHASES.put("io.overdue.charges", "notice: fee and interest rules");
        NOTICE_PHASES.put("io.overdue.dunning.NoticeFormat", "notice: formatting the facts");
        NOTICE_PHASES.put("org.thymeleaf", "email: rendering (Thymeleaf)");
        NOTICE_PHASES.put("io.overdue.channels.OutboxSender.enqueue", "outbox: write");
        NOTICE_PHASES.put("io.overdue.channels.OutboxSender.attempt", "outbox: claim, record, log");
        NOTICE_PHASES.put("io.overdue.channels.EmailChannel.transmit", "email: build the MIME message");
        NOTICE_PHASES.put("org.springframework.mail.javamail.JavaMailSenderImpl", "email: SMTP");
        NOTICE_PHASES.put("org.eclipse.angus.mail", "email: SMTP");
        NOTICE_PHASES.put("jakarta.mail", "email: MIME");
        NOTICE_PHASES.put("io.overdue.invoices", "case facts (invoice, customer)");
        NOTICE_PHASES.put("io.overdue.disputes", "notice: disputes check");
    }

    /** Samples the job executor's threads while they run a job. */
    static StackSampler jobThreads(long intervalMillis, Map<String, String> phases) {
        return new StackSampler(intervalMillis, Map.of("camundaTaskExecutor", "org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable"),
                phases);
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Map<String, int[]> phases = new HashMap<>();   // phase -> {samples, of which waiting for the database}
    private final Map<String, Integer> hotFrames = new HashMap<>();
    private final Map<String, Integer> databaseCallers = new HashMap<>();
    private final Map<String, Integer> cpuCallers = new HashMap<>();
    /** Thread name prefix -> a frame on the stack of such a thread while it works for us. */
    private final Map<String, String> busyMarkers;
    private final Map<String, String> phaseNames;
    private int samples;

    /**
     * Samples Tomcat's request threads while they serve a request, and the threads that take a large bank file's
     * payments for it, attributing samples to the given phases.
     */
    static StackSampler requestThreads(long intervalMillis, Map<String, String> phases) {
        return new StackSampler(intervalMillis, Map.of("http-nio-", "org.apache.catalina.connector.CoyoteAdapter",
                "payment-import-", "io.overdue.payments.PaymentIntake"), phases);
    }

    private StackSampler(long intervalMillis, Map<String, String> busyMarkers, Map<String, String> phases) {
        this.busyMarkers = busyMarkers;
        this.phaseNames = phases;
        thread = new Thread(() -> {
            while (running.get()) {
                sample();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "benchmark-stack-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            String busyMarker = info == null ? null : busyMarkers.entrySet().stream()
                    .filter(e -> info.getThreadName().startsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
            if (busyMarker == null) {
                continue;
            }
            StackTraceElement[] stack = info.getStackTrace();
            if (!serving(stack, busyMarker)) {
                continue;
            }
            boolean database = waitingForDatabase(stack);
            String phase = phase(stack);
            synchronized (this) {
                samples++;
                int[] counts = phases.computeIfAbsent(phase, k -> new int[2]);
                counts[0]++;
                if (database) {
                    counts[1]++;
                    databaseCallers.merge(caller(stack), 1, Integer::sum);
                } else if (info.getThreadState() == Thread.State.RUNNABLE && stack.length > 0) {
                    hotFrames.merge(stack[0].getClassName() + "." + stack[0].getMethodName(), 1, Integer::sum);
                    cpuCallers.merge(caller(stack), 1, Integer::sum);
                }
            }
        }
    }

    private static boolean serving(StackTraceElement[] stack, String busyMarker) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith(busyMarker)) {
                return true;
            }
        }
        return false;
    }

    /** Blocked on the PostgreSQL connection: the server is working (or the result is on its way). */
    private static boolean waitingForDatabase(StackTraceElement[] stack) {
        for (int i = 0; i < Math.min(stack.length, 12); i++) {
            String name = stack[i].getClassName();
            if (name.startsWith("org.postgresql.core.VisibleBufferedInputStream")
                    || name.startsWith("org.postgresql.core.PGStream")) {
                return true;
            }
        }
        return false;
    }

    /** The two innermost engine or application frames: who issued the SQL being waited for. */
    private static String caller(StackTraceElement[] stack) {
        StringBuilder caller = new StringBuilder();
        int found = 0;
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (type.equals("org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager") && frame.getMethodName().equals("flush")) {
                return "DbEntityManager.flush (the INSERTs of the command)";
            }
            boolean plumbing = type.startsWith("org.camunda.bpm.engine.impl.db.") || type.contains(".interceptor.")
                    || type.startsWith("org.camunda.bpm.engine.impl.util.")
                    || type.equals("org.camunda.bpm.engine.impl.persistence.AbstractManager");
            if ((type.startsWith("org.camunda.") && !plumbing) || type.startsWith("io.overdue.")) {
                caller.append(found == 0 ? "" : " < ").append(type.substring(type.lastIndexOf('.') + 1))
                        .append('.').append(frame.getMethodName());
                if (++found == 2) {
                    break;
                }
            }
        }
        return found == 0 ? "(other)" : caller.toString();
    }

    /** The phase of the innermost frame that has one; of the keys matching that frame, the longest (most specific). */
    private String phase(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName() + "." + frame.getMethodName();
            String best = null;
            for (String key : phaseNames.keySet()) {
                if (name.startsWith(key) && (best == null || key.length() > best.length())) {
                    best = key;
                }
            }
            if (best != null) {
                return phaseNames.get(best);
            }
        }
        return "web, security, other";
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    synchronized String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nWhere the %s threads spent their time (%d stack samples; innermost known frame):%n",
                String.join(", ", new java.util.TreeSet<>(busyMarkers.keySet())), samples));
        out.append(String.format("  %-40s %8s %22s%n", "phase", "share", "of it: waiting for PG"));
        phases.entrySet().stream().sorted((a, b) -> b.getValue()[0] - a.getValue()[0]).forEach(e ->
                out.append(String.format("  %-40s %7.1f%% %21.1f%%%n", e.getKey(), 100.0 * e.getValue()[0] / samples,
                        100.0 * e.getValue()[1] / samples)));
        int database = phases.values().stream().mapToInt(c -> c[1]).sum();
        out.append(String.format("  %-40s %7.1f%%%n", "total waiting for PostgreSQL", 100.0 * database / samples));
        out.append(String.format("%nWho waits for PostgreSQL (innermost engine or application frame):%n"));
        databaseCallers.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12).forEach(e ->
                out.append(String.format("  %6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey())));
        out.append(String.format("%nOn the CPU, by innermost engine or application frame:%n"));
        cpuCallers.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12).forEach(e ->
                out.append(String.format("  %6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey())));
        out.append(String.format("%nHottest frames on the CPU (top of stack, not waiting for PG):%n"));
        List<Map.Entry<String, Integer>> hot = hotFrames.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue()).limit(15).toList();
        for (Map.Entry<String, Integer> e : hot) {
            out.append(String.format("  %6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
        }
        return out.toString();
    }
}
