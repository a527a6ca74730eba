package dev.cassini.contract;

import java.time.Instant;
import java.util.Map;

/**
 * A long operation running (or run) on the agent, as {@code GET /api/v1/jobs/{id}} shows it.
 *
 * @param operation the operation's name, one of {@link AgentRoutes#OPERATIONS}
 * @param progress what the job is doing now, when it says
 * @param result what a finished job found, when it says
 * @param error why it failed
 * @param figures what the job measured, by name (for a backup the names in {@link BackupRequest}),
 *     updated while it runs
 */
public record JobView(
        String id,
        String operation,
        Map<String, String> parameters,
        JobState state,
        String progress,
        Instant startedAt,
        Instant finishedAt,
        String result,
        String error,
        Map<String, Long> figures) {
    public JobView {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        figures = figures == null ? Map.of() : Map.copyOf(figures);
    }
}
