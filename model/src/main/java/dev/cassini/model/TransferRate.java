package dev.cassini.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How fast a node's transfer (a restore's download or stream, a rebuild's receive) goes, and when
 * it ends at that pace: the bytes this run moved over the time it has run. Pure.
 *
 * @param bytesPerSecond the average since the run started
 * @param etaSeconds seconds left at that average; empty while nothing has moved yet
 */
public record TransferRate(long bytesPerSecond, Optional<Long> etaSeconds) {
    /** Less than this and the average says more about the first file than about the transfer. */
    static final Duration SHORTEST = Duration.ofSeconds(1);

    /**
     * @param movedBytes bytes this run moved (not what an earlier run left behind)
     * @param remainingBytes bytes still to move
     * @param since when the run started
     * @param until now, or when the run ended
     * @return empty while the run is too young to tell
     */
    public static Optional<TransferRate> of(long movedBytes, long remainingBytes, Instant since, Instant until) {
        Duration elapsed = Duration.between(since, until);
        if (elapsed.isNegative() || movedBytes < 0) {
            return Optional.empty();
        }
        if (remainingBytes <= 0) {
            // Done: its average is what it is, however short it took.
            return Optional.of(new TransferRate(perSecond(movedBytes, elapsed), Optional.of(0L)));
        }
        if (elapsed.compareTo(SHORTEST) < 0) {
            return Optional.empty();
        }
        long rate = perSecond(movedBytes, elapsed);
        if (rate == 0) {
            return Optional.of(new TransferRate(0, Optional.empty()));
        }
        return Optional.of(new TransferRate(rate, Optional.of((remainingBytes + rate - 1) / rate)));
    }

    private static long perSecond(long bytes, Duration elapsed) {
        return Math.round(bytes / (Math.max(1, elapsed.toMillis()) / 1000.0));
    }
}
