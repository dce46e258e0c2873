package io.overdue.channels;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code perSecond} hand-overs a second on this node, with a burst of one second's worth: each hand-over takes
 * the next free slot of an evenly spaced schedule (the generic cell rate algorithm), so there is no state beyond one
 * number and no thread.
 */
final class SendingPace {

    private final long interval;
    private final long burst;
    private final AtomicLong nextFree;

    /** @param perSecond 0 for no limit */
    SendingPace(int perSecond) {
        this.interval = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.burst = TimeUnit.SECONDS.toNanos(1);
        this.nextFree = new AtomicLong(System.nanoTime());
    }

    /** Takes a slot when one is free now. */
    boolean tryTake() {
        if (interval == 0) {
            return true;
        }
        while (true) {
            long now = System.nanoTime();
            long free = nextFree.get();
            if (free - now > burst) {
                return false;
            }
            if (nextFree.compareAndSet(free, Math.max(free, now) + interval)) {
                return true;
            }
        }
    }

    /** Takes the next slot, waiting for it when none is free now. */
    void take() throws InterruptedException {
        if (interval == 0) {
            return;
        }
        long now = System.nanoTime();
        long slot = Math.max(nextFree.getAndUpdate(free -> Math.max(free, now) + interval), now);
        long wait = slot - now - burst;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
