package io.overdue.dunning;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.overdue.dunning.CaseUpdateQueue.Update;
import io.overdue.shared.WorkerThreads;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * Applies the queued case updates ({@link CaseUpdateQueue}): each worker thread takes its own lanes, a chunk of updates
 * per transaction and engine command, so that the engine flushes the cases it ends once per chunk. A chunk that fails
 * (a collector moved one of its cases at the same moment) is rolled back whole and taken again one update at a time;
 * an update that still fails stays queued with its error and is tried again later, a minute after its first failure
 * and twice as long after each next one: it is never dropped. Woken by {@link #wake} when a file has been booked, and
 * every {@link CaseUpdateProperties#pollInterval} for what a crash or a restart left behind. While this node books a
 * large file the workers wait: its payments are what stops dunning (a paid invoice gets no notice), and on two cores
 * the cases would only slow the booking down.
 */
@Component
public class CaseUpdateWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaseUpdateWorker.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    private static final Duration BUSY_PAUSE = Duration.ofMillis(500);

    private final CaseUpdateQueue queue;
    private final CollectionCases cases;
    private final ProcessEngine engine;
    private final CaseUpdateProperties properties;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final WorkerThreads threads = new WorkerThreads("case-updates");
    private volatile boolean running;
    private long wakeUps;

    CaseUpdateWorker(CaseUpdateQueue queue, CollectionCases cases, ProcessEngine engine, CaseUpdateProperties properties,
                     Clock clock, MeterRegistry meters) {
        this.queue = queue;
        this.cases = cases;
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("overdue.case.updates.pending", queue, CaseUpdateQueue::pending)
                .description("Case updates of booked payments not yet applied to their cases").register(meters);
        Gauge.builder("overdue.case.updates.failing", queue, CaseUpdateQueue::failing)
                .description("Queued case updates that failed and wait for their next attempt").register(meters);
    }

    /** Tells the workers that updates were queued, so that they start at once instead of at their next look. */
    public void wake() {
        lock.lock();
        try {
            wakeUps++;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies every due update on the caller's thread, on all lanes, and returns how many were applied: for tests and
     * for a node that runs no worker threads.
     */
    public int applyDue() {
        return applyDue(IntStream.range(0, CaseUpdateQueue.LANES).boxed().toList());
    }

    /** Every due update of the lanes, a lane at a time, so that each lane's updates are applied in order. */
    private int applyDue(List<Integer> lanes) {
        int applied = 0;
        for (int lane : lanes) {
            applied += applyDue(lane);
        }
        return applied;
    }

    private int applyDue(int lane) {
        int applied = 0;
        while (true) {
            List<Update> chunk;
            try {
                chunk = commands().execute(context -> {
                    List<Update> due = queue.lockDue(lane, properties.chunkSize());
                    due.forEach(this::apply);
                    queue.applied(due.stream().map(Update::id).toList());
                    return due;
                });
            } catch (RuntimeException e) {
                log.info("A chunk of case updates was rolled back ({}); applying them one by one", e.toString());
                return applied + oneByOne(lane);
            }
            applied += chunk.size();
            if (chunk.size() < properties.chunkSize()) {
                return applied;
            }
        }
    }

    /** Each due update of a chunk of the lane in its own transaction; a failing one is put off, the others go on. */
    private int oneByOne(int lane) {
        int applied = 0;
        List<Update> due = commands().execute(context -> queue.lockDue(lane, properties.chunkSize()));
        for (Update update : due) {
            try {
                boolean done = commands().execute(context -> queue.lock(update.id()).map(locked -> {
                    apply(locked);
                    queue.applied(List.of(locked.id()));
                    return true;
                }).orElse(false));
                applied += done ? 1 : 0;
            } catch (RuntimeException e) {
                int attempts = update.attempts() + 1;
                Duration wait = backoff(attempts);
                log.warn("Case update {} of invoice {} ({}) failed (attempt {}), next attempt in {}: {}", update.id(),
                        update.invoiceNumber(), update.kind(), attempts, wait, e.toString());
                commands().execute(context -> {
                    queue.failed(update.id(), attempts, e.toString(), clock.instant().plus(wait));
                    return null;
                });
            }
        }
        return applied;
    }

    Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private void apply(Update update) {
        switch (update.kind()) {
            case SETTLED -> cases.settle(update.invoiceNumber(), update.settlement());
            case BALANCE_REDUCED -> cases.balanceReduced(update.invoiceNumber());
        }
    }

    /** The engine's command executor: our rows and the engine's in one transaction and one flush. */
    private CommandExecutor commands() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    }

    private void run(List<Integer> lanes) {
        while (running) {
            if (queue.busy()) {
                pause(BUSY_PAUSE);
                continue;
            }
            long seen;
            lock.lock();
            try {
                seen = wakeUps;
            } finally {
                lock.unlock();
            }
            int applied = 0;
            try {
                applied = applyDue(lanes);
            } catch (RuntimeException e) {
                // e.g. the database is away: the updates stay queued, and the next look finds them
                log.warn("Case updates could not be applied; trying again in {}: {}", properties.pollInterval(), e.toString());
            }
            if (applied == 0) {
                await(seen);
            }
        }
    }

    private void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Until woken after {@code seen}, or the poll interval passes, or the worker stops. */
    private void await(long seen) {
        lock.lock();
        try {
            long nanos = properties.pollInterval().toNanos();
            while (running && wakeUps == seen && nanos > 0) {
                nanos = work.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        int count = properties.threads();
        threads.start(count, worker -> {
            List<Integer> lanes = IntStream.range(0, CaseUpdateQueue.LANES).filter(lane -> lane % count == worker).boxed().toList();
            return () -> run(lanes);
        });
    }

    @Override
    public void stop() {
        running = false;
        wake();
        threads.join();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
