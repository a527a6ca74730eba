package dev.cassini.agent;

/** The request itself is wrong (HTTP 400); the message says what to change. */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
