package dev.cassini.agent;

import dev.cassini.agent.api.AgentApi;
import dev.cassini.agent.api.ApiTls;
import dev.cassini.agent.config.InvalidNodeConfigException;
import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.config.NodeConfigLoader;
import dev.cassini.pki.TlsFiles;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent process: PID 1 of a Cassandra pod. Reads its configuration from the environment,
 * serves the API on the node address, and starts Cassandra only when told to (or at once with
 * CASSINI_START=true). On SIGTERM it drains and stops Cassandra before exiting, so deleting a pod
 * never loses acknowledged writes from memtables.
 */
public final class AgentMain {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);
    /** Pods get a termination grace period; this leaves room to drain within the usual 120 s and more. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(120);

    /**
     * For a start at boot ({@code CASSINI_START=true}): {@code false} for a node of a brand-new ring
     * whose peers start at the same time with precomputed tokens, so there is nothing to stream.
     */
    public static final String ENV_AUTO_BOOTSTRAP = dev.cassini.contract.AgentEnvironment.AUTO_BOOTSTRAP;

    /** {@link dev.cassini.contract.AgentEnvironment#SYSTEM_KEYSPACE_REPLICAS}. */
    public static final String ENV_SYSTEM_KEYSPACE_REPLICAS =
            dev.cassini.contract.AgentEnvironment.SYSTEM_KEYSPACE_REPLICAS;

    private AgentMain() {}

    /** The replicas of the system keyspaces at birth; 0 (Cassandra's own) when unset, empty when invalid. */
    static Optional<Integer> systemKeyspaceReplicas(Map<String, String> env) {
        String value = env.get(ENV_SYSTEM_KEYSPACE_REPLICAS);
        if (value == null || value.isBlank()) {
            return Optional.of(0);
        }
        try {
            int replicas = Integer.parseInt(value.trim());
            return replicas >= 1 && replicas <= dev.cassini.contract.StartRequest.MAX_SYSTEM_KEYSPACE_REPLICAS
                    ? Optional.of(replicas)
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Boolean> autoBootstrap(Map<String, String> env) {
        String value = env.get(ENV_AUTO_BOOTSTRAP);
        if (value == null || value.isBlank()) {
            return Optional.of(true);
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * The system keyspaces' replicas to start with: what the settings say on a node's first start,
     * none (Cassandra's) once it has joined, so the command that started a new ring's node starts it
     * again after a reboot (the keyspaces exist by then and keep their replication).
     */
    static int firstStartOnly(int systemKeyspaceReplicas, boolean joined) {
        return joined ? 0 : systemKeyspaceReplicas;
    }

    public static void main(String[] args) throws Exception {
        int code = run(System.getenv());
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs until the JVM is asked to stop; returns 2 on an invalid configuration, having started nothing. */
    public static int run(Map<String, String> env) throws Exception {
        NodeConfig config;
        try {
            config = NodeConfigLoader.load(env);
        } catch (InvalidNodeConfigException e) {
            System.err.println("cassini-agent: " + e.getMessage());
            System.err.println("Cassandra was not started. Fix the settings above and start the agent again.");
            return 2;
        }
        Optional<Boolean> autoBootstrap = autoBootstrap(env);
        if (autoBootstrap.isEmpty()) {
            System.err.println("cassini-agent: invalid node configuration:\n  - " + ENV_AUTO_BOOTSTRAP + "="
                    + env.get(ENV_AUTO_BOOTSTRAP) + " must be true or false");
            System.err.println("Cassandra was not started. Fix the settings above and start the agent again.");
            return 2;
        }
        Optional<Integer> systemReplicas = systemKeyspaceReplicas(env);
        if (systemReplicas.isEmpty()) {
            System.err.println("cassini-agent: invalid node configuration:\n  - " + ENV_SYSTEM_KEYSPACE_REPLICAS + "="
                    + env.get(ENV_SYSTEM_KEYSPACE_REPLICAS) + " must be a whole number from 1 to "
                    + dev.cassini.contract.StartRequest.MAX_SYSTEM_KEYSPACE_REPLICAS);
            System.err.println("Cassandra was not started. Fix the settings above and start the agent again.");
            return 2;
        }
        Optional<ApiTls> tls;
        try {
            Optional<TlsFiles> files = ApiTls.files(env);
            tls = files.isPresent() ? Optional.of(ApiTls.of(files.get())) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("cassini-agent: invalid API TLS configuration:\n  - " + e.getMessage());
            System.err.println("Cassandra was not started. Fix the settings above and start the agent again.");
            return 2;
        }
        NodeAgent agent = new NodeAgent(config, env, System.out);
        AgentApi api = new AgentApi(agent, tls).start(config.address(), config.apiPort());
        LOG.info(
                "node agent for {}/{}/{} serving {}://{}:{} (data in {})",
                config.clusterName(),
                config.datacenter(),
                config.rack(),
                tls.isPresent() ? "https" : "http",
                config.address(),
                api.port(),
                config.dataDir());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("agent stopping: draining and stopping Cassandra");
                            try {
                                agent.stop(true, SHUTDOWN_TIMEOUT);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                api.close();
                                agent.close();
                                stopped.countDown();
                            }
                        },
                        "cassini-agent-shutdown"));

        if (config.startOnBoot()) {
            boolean joined = config.directories().hasJoined();
            if (joined && systemReplicas.get() > 0) {
                LOG.info(
                        "this node has joined its ring before: {} applies to a ring's first start only and is left"
                                + " out",
                        ENV_SYSTEM_KEYSPACE_REPLICAS);
            }
            try {
                agent.start(
                        Optional.empty(), List.of(), autoBootstrap.get(), firstStartOnly(systemReplicas.get(), joined));
            } catch (ConflictException e) {
                System.err.println("cassini-agent: Cassandra was not started: " + e.getMessage());
                return 2;
            }
        }
        stopped.await();
        return 0;
    }
}
