package dev.cassini.agent.node;

import dev.cassini.contract.ClientConnection;
import java.util.Map;

/**
 * A client connection as Cassandra's {@code Client.connections} metric prints it: the host part
 * of its socket address ({@code /10.0.0.7:50412}, {@code client.example/10.0.0.7:50412} or
 * {@code /0:0:0:0:0:0:0:1:50412}), the role, and the application name among its client options
 * ({@code CQL_VERSION=3.0.0, APPLICATION_NAME=shop, DRIVER_NAME=...}).
 */
final class ClientConnections {
    private static final String UNDEFINED = "undefined";
    private static final String APPLICATION_NAME = "APPLICATION_NAME=";

    private ClientConnections() {}

    /** The connection, or null when its address cannot be read. */
    static ClientConnection connection(Map<String, String> printed) {
        String host = host(printed.get("address"));
        if (host == null) {
            return null;
        }
        String user = printed.get("user");
        return new ClientConnection(
                host,
                user == null || user.equals(UNDEFINED) ? null : user,
                applicationName(printed.get("clientOptions")));
    }

    /** The APPLICATION_NAME option's value; null when the driver sent none. */
    static String applicationName(String clientOptions) {
        if (clientOptions == null) {
            return null;
        }
        int start = clientOptions.indexOf(APPLICATION_NAME);
        if (start < 0 || (start > 0 && clientOptions.charAt(start - 1) != ' ')) {
            return null;
        }
        start += APPLICATION_NAME.length();
        int end = clientOptions.indexOf(", ", start);
        String name = end < 0 ? clientOptions.substring(start) : clientOptions.substring(start, end);
        return name.isEmpty() ? null : name;
    }

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
