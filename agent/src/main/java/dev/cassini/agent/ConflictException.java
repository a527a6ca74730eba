package dev.cassini.agent;

/** The request is well formed but unsafe or impossible in the node's current state (HTTP 409). */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
