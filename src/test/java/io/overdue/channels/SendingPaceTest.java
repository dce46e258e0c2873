package io.overdue.channels;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The pace that spreads a wave of messages: a second's worth at once, then evenly spaced. */
class SendingPaceTest {

    @Test
    void aBurstOfOneSecondsWorthThenNoMoreUntilTheScheduleCatchesUp() {
        SendingPace pace = new SendingPace(20);
        long taken = IntStream.range(0, 100).filter(i -> pace.tryTake()).count();
        assertThat(taken).as("a second's worth, and the one due now").isBetween(20L, 22L);
        assertThat(pace.tryTake()).isFalse();
    }

    @Test
    void takingWaitsForTheNextSlot() throws InterruptedException {
        SendingPace pace = new SendingPace(50);
        while (pace.tryTake()) {
            // use up the burst
        }
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            pace.take();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("ten slots of 20 ms, waited for").isGreaterThanOrEqualTo(150L);
    }

    @Test
    void noLimitNeverWaits() throws InterruptedException {
        SendingPace pace = new SendingPace(0);
        assertThat(IntStream.range(0, 10_000).allMatch(i -> pace.tryTake())).isTrue();
        pace.take();
    }
}
