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
 * A poor man's profiler for the intake path: samples the stacks of Tomcat's request threads (or of the
 * benchmark's own workers) every few milliseconds while they are busy, and attributes each sample to a phase of intake (the innermost
 * known frame wins) and to "waiting for PostgreSQL" when the thread sits in a socket read or write.
 * Sampling stops the world briefly, so it runs only in a separate, unmeasured pass (-Dbenchmark.profile=true).
 */
final class StackSampler implements AutoCloseable {

    /** Innermost match wins, so the order here does not matter; a frame matches when it starts with the key. */
    private static final Map<String, String> PHASES = new LinkedHashMap<>();

    static {
        PHASES.put("org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager.flush", "engine: flush (SQL of the cases)");
        PHASES.put("org.camunda.bpm.engine.impl.interceptor.CommandContext.close", "engine: command close (other)");
        PHASES.put("org.camunda.bpm.engine.impl.history", "engine: history events");
        PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity", "engine: variables");
        PHASES.put("org.camunda.bpm.engine.impl.core.variable", "engine: variables");
        PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.TimerEntity", "engine: timer job");
        PHASES.put("org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl", "engine: timer job");
        PHASES.put("org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionManager", "engine: definition lookup");
        PHASES.put("org.camunda.bpm.engine.impl.persistence.deploy.cache", "engine: definition lookup");
        PHASES.put("org.camunda.bpm.engine.impl.RuntimeServiceImpl.startProcessInstanceByKey", "engine: start (execution, other)");
        PHASES.put("io.overdue.dunning.CollectionCases", "intake: case variables");
        PHASES.put("io.overdue.invoices.InvoiceStore.insert", "intake: INSERT invoices");
        PHASES.put("io.overdue.invoices.InvoiceStore.findByNumbers", "intake: SELECT existing invoices");
        PHASES.put("io.overdue.invoices.InvoiceStore.generateReference", "intake: payment references");
        PHASES.put("io.overdue.customers.CustomerService.refs", "intake: SELECT customers");
        PHASES.put("io.overdue.invoices.InvoiceIntake.validate", "intake: validation");
        PHASES.put("io.overdue.invoices.InvoiceIntake.write", "intake: other");
        PHASES.put("org.springframework.transaction.support.AbstractPlatformTransactionManager.commit", "transaction: commit");
        PHASES.put("org.springframework.transaction.support.AbstractPlatformTransactionManager.getTransaction", "transaction: begin");
        PHASES.put("org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodArgumentResolver.readWithMessageConverters", "JSON: read request");
        PHASES.put("org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodProcessor.writeWithMessageConverters", "JSON: write response");
        PHASES.put("io.overdue.identity.CamundaIdentityAuthenticationProvider", "login: password check and groups");
        PHASES.put("io.overdue.invoices.InvoiceController", "controller (other)");
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final Map<String, int[]> phases = new HashMap<>();   // phase -> {samples, of which waiting for the database}
    private final Map<String, Integer> hotFrames = new HashMap<>();
    private final Map<String, Integer> databaseCallers = new HashMap<>();
    private final Map<String, Integer> cpuCallers = new HashMap<>();
    private final String threadPrefix;
    private final String busyMarker;
    private int samples;

    /** Samples Tomcat's request threads while they serve a request. */
    static StackSampler requestThreads(long intervalMillis) {
        return new StackSampler(intervalMillis, "http-nio-", "org.apache.catalina.connector.CoyoteAdapter");
    }

    private StackSampler(long intervalMillis, String threadPrefix, String busyMarker) {
        this.threadPrefix = threadPrefix;
        this.busyMarker = busyMarker;
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
            if (info == null || !info.getThreadName().startsWith(threadPrefix)) {
                continue;
            }
            StackTraceElement[] stack = info.getStackTrace();
            if (!serving(stack)) {
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

    private boolean serving(StackTraceElement[] stack) {
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

    private static String phase(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName() + "." + frame.getMethodName();
            for (Map.Entry<String, String> entry : PHASES.entrySet()) {
                if (name.startsWith(entry.getKey())) {
                    return entry.getValue();
                }
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
                threadPrefix, samples));
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
