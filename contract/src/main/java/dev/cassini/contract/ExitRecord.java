package dev.cassini.contract;

import java.time.Instant;
import java.util.List;

/**
 * Why the last Cassandra process ended: on request (stop, restart, shutdown of the agent) or on its
 * own, with its exit code and, when it ended on its own, the last lines it printed.
 */
public record ExitRecord(Instant at, int exitCode, boolean requested, String reason, List<String> lastLines) {
    public ExitRecord {
        lastLines = lastLines == null ? List.of() : List.copyOf(lastLines);
    }
}
