package dev.cassini.store;

/** An object store refused or failed a request; the message says which and what to check. */
public final class ObjectStoreException extends RuntimeException {
    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
