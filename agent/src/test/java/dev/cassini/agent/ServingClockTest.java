package dev.cassini.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServingClockTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void theFirstSightingOfAProcessServingIsKeptUntilAnotherProcessStarts() {
        ServingClock serving = new ServingClock(clock);
        Instant first = Instant.parse("2026-12-02T09:58:30Z");
        assertThat(serving.serving(first)).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        now.set(Instant.parse("2026-12-02T10:00:45Z"));
        assertThat(serving.serving(first)).as("the same process").isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));

        Instant restarted = Instant.parse("2026-12-02T10:05:00Z");
        now.set(Instant.parse("2026-12-02T10:06:20Z"));
        assertThat(serving.serving(restarted)).isEqualTo(Instant.parse("2026-12-02T10:06:20Z"));
    }
}
