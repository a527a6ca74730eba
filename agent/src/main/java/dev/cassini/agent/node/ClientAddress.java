package dev.cassini.agent.node;

/**
 * The host part of a client's socket address as Cassandra prints it: {@code /10.0.0.7:50412},
 * {@code client.example/10.0.0.7:50412} or {@code /0:0:0:0:0:0:0:1:50412}.
 */
final class ClientAddress {
    private ClientAddress() {}

    /** The IP address without the port and any host name; null for something else. */
    static String host(String printed) {
        if (printed == null) {
            return null;
        }
        String address = printed.substring(printed.lastIndexOf('/') + 1);
        int port = address.lastIndexOf(':');
        if (port <= 0) {
            return null;
        }
        String host = address.substring(0, port);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() ? null : host;
    }
}
