package dev.cassini.helper;

/** An MBean call that reached Cassandra and failed there; {@link #cassandraError()} is Cassandra's reason. */
public final class MBeanCallException extends RuntimeException {
    private final String cassandraError;

    public MBeanCallException(String message, String cassandraError) {
        super(message);
        this.cassandraError = cassandraError;
    }

    public String cassandraError() {
        return cassandraError;
    }
}
