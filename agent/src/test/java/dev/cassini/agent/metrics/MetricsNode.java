package dev.cassini.agent.metrics;

import dev.cassini.agent.NodeAgent;
import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.config.NodeConfigLoader;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Cassandra node (dc1/r1, 512M heap, no auth) run by an in-process node agent, for the metrics
 * test and benchmark. Closing it drains and stops Cassandra and then kills it by PID, so it never
 * outlives them, even when they fail.
 */
public final class MetricsNode implements AutoCloseable {
    private final NodeAgent agent;
    private final NodeConfig config;
    private final PrintStream output;
    private final Long pid;

    private MetricsNode(NodeAgent agent, NodeConfig config, PrintStream output, Long pid) {
        this.agent = agent;
        this.config = config;
        this.output = output;
        this.pid = pid;
    }

    /**
     * Starts the node and waits until it serves CQL.
     *
     * @param settings agent variables added to (or replacing) the defaults; extra JVM options go after the defaults
     * @param outputLog where Cassandra's output goes
     */
    public static MetricsNode start(
            String cluster, String address, Path dataDir, Map<String, String> settings, Path outputLog)
            throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put(NodeConfigLoader.ENV_CLUSTER_NAME, cluster);
        env.put(NodeConfigLoader.ENV_DATACENTER, "dc1");
        env.put(NodeConfigLoader.ENV_RACK, "r1");
        env.put(NodeConfigLoader.ENV_ADDRESS, address);
        env.put(NodeConfigLoader.ENV_DATA_DIR, dataDir.toAbsolutePath().toString());
        env.put(NodeConfigLoader.ENV_AUTH, "false");
        env.put(NodeConfigLoader.ENV_HEAP, "512M");
        for (String inherited : List.of("CASSINI_CACHE", "CASSINI_CASSANDRA_LIB")) {
            Optional.ofNullable(System.getenv(inherited)).ifPresent(v -> env.put(inherited, v));
        }
        env.putAll(settings);
        // The node knows its whole ring (itself): waiting for gossip to settle only costs time.
        env.put(
                NodeConfigLoader.ENV_JVM_OPTIONS,
                ("-Dcassandra.skip_wait_for_gossip_to_settle=0 "
                                + settings.getOrDefault(NodeConfigLoader.ENV_JVM_OPTIONS, ""))
                        .trim());
        NodeConfig config = NodeConfigLoader.parse(env, Map.of());
        Files.createDirectories(outputLog.toAbsolutePath().getParent());
        PrintStream output = new PrintStream(new FileOutputStream(outputLog.toFile(), true), true);
        NodeAgent agent = new NodeAgent(config, env, output);
        MetricsNode node = null;
        try {
            agent.start(Optional.empty(), List.of(), true);
            node = new MetricsNode(agent, config, output, agent.status().pid());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!agent.readiness().ready()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + address + " not ready within 5 minutes: "
                            + agent.readiness().reason());
                }
                Thread.sleep(1000);
            }
            return node;
        } catch (Exception | Error e) {
            if (node != null) {
                node.close();
            } else {
                agent.close();
                output.close();
            }
            throw e;
        }
    }

    public NodeAgent agent() {
        return agent;
    }

    public NodeConfig config() {
        return config;
    }

    public long cassandraPid() {
        return pid;
    }

    @Override
    public void close() throws Exception {
        try {
            agent.stop(true, Duration.ofSeconds(90));
            agent.close();
        } finally {
            if (pid != null) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            output.close();
        }
    }
}
