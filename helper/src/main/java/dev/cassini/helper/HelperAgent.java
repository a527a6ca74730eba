package dev.cassini.helper;

import java.nio.file.Path;

/**
 * Entry point of {@code -javaagent:cassini-helper.jar=<socket path>}. Runs before Cassandra's
 * main; starts the socket server on daemon threads so it never keeps the JVM alive. MBeans that
 * Cassandra registers later are found at call time, so early calls simply fail with
 * InstanceNotFoundException until the node has started far enough. Registers the helper's own
 * MBean, {@link ReplacedAddresses}, which touches Cassandra only when called.
 */
public final class HelperAgent {
    private HelperAgent() {}

    public static void premain(String socketPath) throws Exception {
        if (socketPath == null || socketPath.isBlank()) {
            throw new IllegalArgumentException(
                    "cassini-helper needs the socket path: -javaagent:cassini-helper.jar=/path/to/helper.sock");
        }
        ReplacedAddresses.register();
        MBeanCallServer.platform(Path.of(socketPath)).start();
    }
}
