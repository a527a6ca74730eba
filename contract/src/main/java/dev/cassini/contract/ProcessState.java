package dev.cassini.contract;

/** The Cassandra child process as the agent sees it, independent of what Cassandra reports. */
public enum ProcessState {
    /** Never started since the agent started. */
    NOT_STARTED,
    RUNNING,
    /** A stop was asked for and is under way (draining, then terminating). */
    STOPPING,
    /** Ended; see the exit record for why. */
    EXITED
}
