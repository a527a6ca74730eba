package dev.cassini.model.backup;

import java.time.Instant;

/**
 * A backup as retention sees it.
 *
 * @param id the backup's id
 * @param startedAt when it started
 * @param state whether it is still running, complete (its index entry exists) or failed
 */
public record BackupRecord(String id, Instant startedAt, State state) {
    public enum State {
        RUNNING,
        COMPLETE,
        FAILED
    }
}
