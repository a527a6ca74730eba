package dev.cassini.model.plan;

import dev.cassini.contract.JobView;

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

    /** The task as the node's agent reports its cleanup job. */
    public static CleanupTask of(String pod, JobView job) {
        State state = switch (job.state()) {
            case RUNNING -> State.RUNNING;
            case SUCCEEDED -> State.SUCCEEDED;
            case FAILED -> State.FAILED;
        };
        String detail = state == State.FAILED ? (job.error() == null ? "failed" : job.error()) : job.progress();
        return new CleanupTask(pod, state, detail);
    }

    public static CleanupTask pending(String pod) {
        return new CleanupTask(pod, State.NOT_STARTED, null);
    }

    public boolean open() {
        return state != State.SUCCEEDED;
    }
}
