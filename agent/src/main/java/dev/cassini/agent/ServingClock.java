package dev.cassini.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When the running Cassandra process was first seen serving CQL. Clients can only reconnect from
 * then on; the process itself may have started a minute or more before (commit log replay, the
 * ring join), so a restart's "how long have clients had" counts from here.
 */
final class ServingClock {
    private record Mark(Instant processStart, Instant since) {}

    private final AtomicReference<Mark> mark = new AtomicReference<>();
    private final Clock clock;

    ServingClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records that the process started at {@code processStart} serves CQL now, and returns since
     * when it does: the first time this was recorded for that process.
     */
    Instant serving(Instant processStart) {
        return mark.updateAndGet(m -> m != null && m.processStart().equals(processStart)
                        ? m
                        : new Mark(processStart, clock.instant()))
                .since();
    }
}
