package dev.cassini.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throttle on a clock of its own: what it makes callers wait, never how long a test takes. */
class ThrottleTest {
    private long now;
    private final List<Long> waits = new ArrayList<>();
    private final Throttle throttle = new Throttle(1_000_000, () -> now, nanos -> {
        waits.add(nanos);
        now += nanos;
    });

    @Test
    void upToOneSecondsWorthGoesAtOnceThenTheRateHolds() throws InterruptedException {
        throttle.acquire(1_000_000);
        assertThat(waits).isEmpty();

        throttle.acquire(500_000);
        assertThat(waits).containsExactly(500_000_000L);
        throttle.acquire(2_000_000);
        assertThat(waits).containsExactly(500_000_000L, 2_000_000_000L);
    }

    @Test
    void idleTimeRefillsButNeverBeyondOneSecondsWorth() throws InterruptedException {
        throttle.acquire(1_000_000);
        now += 10_000_000_000L;

        throttle.acquire(1_000_000);
        assertThat(waits).isEmpty();
        throttle.acquire(250_000);
        assertThat(waits).containsExactly(250_000_000L);
    }

    @Test
    void manyTransfersShareOneRate() throws InterruptedException {
        // Four parts of 1 MB at once, as concurrent part uploads ask: 4 s in all, not 1.
        for (int i = 0; i < 4; i++) {
            throttle.acquire(1_000_000);
        }
        assertThat(now).isEqualTo(3_000_000_000L);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> Throttle.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
