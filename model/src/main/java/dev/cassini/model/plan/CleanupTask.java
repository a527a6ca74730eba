package dev.cassini.model.plan;

/**
 * A node that holds data for token ranges a newly bootstrapped node took over, and where its
 * cleanup stands. Status remembers the task (Cassandra does not say a node needs cleanup), so a
 * restarted operator carries on with it.
 *
 * @param detail the agent's progress or error, if any
 */
public record CleanupTask(String pod, State state, String detail) {
    public enum State {
        /** Recorded, no cleanup job known on the node (never started, or the agent restarted and lost it). */
        NOT_STARTED,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public static CleanupTask pending(String pod) {
        return new CleanupTask(pod, State.NOT_STARTED, null);
    }

    public boolean open() {
        return state != State.SUCCEEDED;
    }
}
