package dev.cassini.contract;

/**
 * A client connected to a node's native (CQL) port, as Cassandra lists it.
 *
 * @param address the client's IP address, without its port
 * @param username the role it logged in as; null before it authenticated
 * @param applicationName the name its driver announced at connection ({@code APPLICATION_NAME}),
 *     null when it announced none. Cassini's own sessions announce names that start with
 *     {@link #OWN_APPLICATION_PREFIX}, so they never count as an application's clients
 */
public record ClientConnection(String address, String username, String applicationName) {
    /** The prefix of the application name every CQL session of the operator and the CLI announces. */
    public static final String OWN_APPLICATION_PREFIX = "cassini-";

    /** Whether Cassini itself holds this connection (the operator or the CLI), not an application. */
    public boolean ours() {
        return applicationName != null && applicationName.startsWith(OWN_APPLICATION_PREFIX);
    }
}
