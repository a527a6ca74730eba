package dev.cassini.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How fast a node's transfer (a restore's download or stream, a rebuild's receive) goes, and when
 * it ends at that pace: the bytes this run moved over the time it has run. Pure.
 *
 * @param bytesPerSecond the average since the run started
 * @param etaSeconds seconds left at that average; empty while nothing has moved yet or what is
 *     left is not known
 */
public record TransferRate(long bytesPerSecond, Optional<Long> etaSeconds) {
    /** Less than this and the average says more about the first file than about the transfer. */
    static final Duration SHORTEST = Duration.ofSeconds(1);

    /**
     * @param movedBytes bytes this run moved (not what an earlier run left behind)
     * @param remainingBytes bytes still to move; empty when not known (yet)
     * @param startedAt when the run started
     * @param finishedAt when it ended, nothing left to move then; null while it runs
     * @param now the time to measure a running transfer against
     * @return empty while a running transfer is too young to tell
     */
    public static Optional<TransferRate> of(
            long movedBytes, OptionalLong remainingBytes, Instant startedAt, Instant finishedAt, Instant now) {
        Duration elapsed = Duration.between(startedAt, finishedAt == null ? now : finishedAt);
        if (elapsed.isNegative() || movedBytes < 0) {
            return Optional.empty();
        }
        long remaining = finishedAt != null ? 0 : remainingBytes.orElse(-1);
        if (remaining == 0) {
            // Done: its average is what it is, however short it took.
            return Optional.of(new TransferRate(perSecond(movedBytes, elapsed), Optional.of(0L)));
        }
        if (elapsed.compareTo(SHORTEST) < 0) {
            return Optional.empty();
        }
        long rate = perSecond(movedBytes, elapsed);
        if (rate == 0 || remaining < 0) {
            return Optional.of(new TransferRate(rate, Optional.empty()));
        }
        return Optional.of(new TransferRate(rate, Optional.of((remaining + rate - 1) / rate)));
    }

    private static long perSecond(long bytes, Duration elapsed) {
        return Math.round(bytes / (Math.max(1, elapsed.toMillis()) / 1000.0));
    }
}
