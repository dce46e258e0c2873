package io.overdue.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The daemon threads of a background worker that starts and stops with the application: started by number, and on
 * stop given a bounded time each to finish what they hold (a chunk of case updates, a message being handed over).
 */
public final class WorkerThreads {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String name;
    private final List<Thread> threads = new ArrayList<>();

    /** @param name threads are called {@code name-1}, {@code name-2} … */
    public WorkerThreads(String name) {
        this.name = name;
    }

    /** Starts {@code count} threads, the i-th (from 0) running {@code work.apply(i)}. */
    public synchronized void start(int count, IntFunction<Runnable> work) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(work.apply(i), name + "-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Wakes threads that sleep or wait, after the worker has told them to stop. */
    public synchronized void interrupt() {
        threads.forEach(Thread::interrupt);
    }

    /** Waits up to 30 seconds for each thread to end; the worker has told them to stop. */
    public synchronized void join() {
        for (Thread thread : threads) {
            try {
                thread.join(GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }
}
