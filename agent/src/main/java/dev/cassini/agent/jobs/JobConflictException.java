package dev.cassini.agent.jobs;

/** Another exclusive job is running on this node. */
public final class JobConflictException extends RuntimeException {
    public JobConflictException(String message) {
        super(message);
    }
}
