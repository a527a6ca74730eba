package dev.cassini.cli;

import dev.cassini.agent.AgentMain;
import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.config.NodeConfigLoader;
import dev.cassini.contract.AgentEnvironment;
import dev.cassini.pki.TlsFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs one node agent in the foreground, as a pod would, from flags instead of a pod spec. Each
 * flag sets the environment variable the agent reads; flags left out fall back to the environment.
 */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description = {
            "Run one Cassandra node agent in the foreground (Ctrl-C drains and stops the node).",
            "The agent serves its API on http://<address>:8080 (see /openapi.json), or https:// with",
            "--api-tls, and starts Cassandra when told to: POST /api/v1/lifecycle/start, or at once with",
            "--start. An operator reaches agents with --api-tls once their datacenter, in its cluster's",
            "spec.externalDatacenters, says agentApi: https.",
            "",
            "A new 3-node ring on one machine, one terminal each (all start at once, nothing to stream):",
            "  ./cassini node --cluster demo --address 127.0.0.11 --rack r1 --seeds 127.0.0.11,127.0.0.12 --new-ring 1/3 --start",
            "  ./cassini node --cluster demo --address 127.0.0.12 --rack r2 --seeds 127.0.0.11,127.0.0.12 --new-ring 2/3 --start",
            "  ./cassini node --cluster demo --address 127.0.0.13 --rack r3 --seeds 127.0.0.11,127.0.0.12 --new-ring 3/3 --start",
        })
public final class NodeCommand implements Callable<Integer> {
    @Option(names = "--cluster", description = "Cluster name (same on every node). Env: CASSINI_CLUSTER_NAME.")
    String cluster;

    @Option(names = "--dc", description = "Datacenter name. Default: dc1. Env: CASSINI_DATACENTER.")
    String datacenter;

    @Option(names = "--rack", description = "Rack name. Default: r1. Env: CASSINI_RACK.")
    String rack;

    @Option(names = "--address", description = "IP address to listen on, e.g. 127.0.0.11. Env: CASSINI_ADDRESS.")
    String address;

    @Option(
            names = "--seeds",
            split = ",",
            description = "Seed addresses, comma-separated. Default: this node. Env: CASSINI_SEEDS.")
    List<String> seeds;

    @Option(
            names = "--data-dir",
            description = "Data directory. Default: ~/.cassini/nodes/<cluster>-<address>. Env: CASSINI_DATA_DIR.")
    Path dataDir;

    @Option(
            names = "--cassandra-version",
            description = "Apache Cassandra version. Default: 5.0.6. Env: CASSINI_CASSANDRA_VERSION.")
    String cassandraVersion;

    @Option(names = "--heap", description = "Heap size, e.g. 512M or 2G. Default: 512M. Env: CASSINI_HEAP.")
    String heap;

    @Option(
            names = "--auth",
            negatable = true,
            description = "Require passwords (PasswordAuthenticator). Default: on. Env: CASSINI_AUTH.")
    Boolean auth;

    @Option(
            names = "--initial-tokens",
            split = ",",
            description = "Tokens for first boot, comma-separated. Env: CASSINI_INITIAL_TOKENS.")
    List<String> initialTokens;

    @Option(
            names = "--jvm-option",
            description = "Extra JVM option for Cassandra; repeatable. Env: CASSINI_JVM_OPTIONS.")
    List<String> jvmOptions;

    @Option(names = "--api-port", description = "Port of the agent's HTTP API. Default: 8080. Env: CASSINI_API_PORT.")
    Integer apiPort;

    @Option(
            names = "--api-tls",
            paramLabel = "DIR",
            description = "Serve the API over mutual TLS with DIR/tls.crt, DIR/tls.key and DIR/ca.crt (cassini"
                    + " agent-cert writes them). Env: CASSINI_API_TLS_CERT, CASSINI_API_TLS_KEY, CASSINI_API_TLS_CA.")
    Path apiTls;

    @Option(
            names = "--cassandra-tls",
            paramLabel = "DIR",
            description = "Cassandra's own TLS identity for the encryptions below: DIR/tls.crt (this node's"
                    + " certificate, valid for client and server authentication), DIR/tls.key and DIR/ca.crt (the CA"
                    + " of every node's certificate). Env: CASSINI_CASSANDRA_TLS_CERT, CASSINI_CASSANDRA_TLS_KEY,"
                    + " CASSINI_CASSANDRA_TLS_CA.")
    Path cassandraTls;

    @Option(
            names = "--client-encryption",
            paramLabel = "MODE",
            description = "CQL clients' TLS: off, optional (TLS and plaintext on one port) or required. Default: off."
                    + " Env: CASSINI_CLIENT_ENCRYPTION.")
    String clientEncryption;

    @Option(
            names = "--internode-encryption",
            paramLabel = "MODE",
            description = "TLS between nodes: off; accept (takes TLS, sends plaintext); optional (sends TLS, still"
                    + " takes plaintext); required. A running ring goes up one step per rolling restart. Default: off."
                    + " Env: CASSINI_INTERNODE_ENCRYPTION.")
    String internodeEncryption;

    @Option(names = "--start", description = "Start Cassandra at once instead of waiting to be told through the API.")
    boolean start;

    @Option(
            names = "--new-ring",
            paramLabel = "I/N",
            description = "This node is node I of a brand-new ring of N nodes started together: take its share of "
                    + "precomputed, rack-interleaved tokens and join without bootstrapping. Only for the first start.")
    String newRing;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env;
        try {
            env = environment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("cassini node: " + e.getMessage());
            return 2;
        }
        // The agent's log is what a person running a node watches; the launcher quiets commands to WARN.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        return AgentMain.run(env);
    }

    Map<String, String> environment(Map<String, String> inherited) {
        Map<String, String> env = new HashMap<>(inherited);
        put(env, NodeConfigLoader.ENV_CLUSTER_NAME, cluster);
        put(env, NodeConfigLoader.ENV_DATACENTER, datacenter);
        put(env, NodeConfigLoader.ENV_RACK, rack);
        put(env, NodeConfigLoader.ENV_ADDRESS, address);
        put(env, NodeConfigLoader.ENV_SEEDS, seeds == null ? null : String.join(",", seeds));
        put(
                env,
                NodeConfigLoader.ENV_DATA_DIR,
                dataDir == null ? null : dataDir.toAbsolutePath().toString());
        put(env, NodeConfigLoader.ENV_CASSANDRA_VERSION, cassandraVersion);
        put(env, NodeConfigLoader.ENV_HEAP, heap);
        put(env, NodeConfigLoader.ENV_AUTH, auth == null ? null : auth.toString());
        put(env, NodeConfigLoader.ENV_INITIAL_TOKENS, initialTokens == null ? null : String.join(",", initialTokens));
        put(env, NodeConfigLoader.ENV_JVM_OPTIONS, jvmOptions == null ? null : String.join(" ", jvmOptions));
        put(env, NodeConfigLoader.ENV_API_PORT, apiPort == null ? null : apiPort.toString());
        if (apiTls != null) {
            putTlsFiles(
                    env,
                    apiTls,
                    AgentEnvironment.API_TLS_CERTIFICATE,
                    AgentEnvironment.API_TLS_KEY,
                    AgentEnvironment.API_TLS_CA);
        }
        if (cassandraTls != null) {
            putTlsFiles(
                    env,
                    cassandraTls,
                    AgentEnvironment.CASSANDRA_TLS_CERTIFICATE,
                    AgentEnvironment.CASSANDRA_TLS_KEY,
                    AgentEnvironment.CASSANDRA_TLS_CA);
        }
        if (clientEncryption != null) {
            env.put(AgentEnvironment.CLIENT_ENCRYPTION, clientEncryption);
        }
        if (internodeEncryption != null) {
            env.put(AgentEnvironment.INTERNODE_ENCRYPTION, internodeEncryption);
        }
        if (start) {
            env.put(NodeConfigLoader.ENV_START, "true");
        }
        if (newRing != null) {
            NewRingPosition position = NewRingPosition.parse(newRing);
            int tokensPerNode = Integer.parseInt(
                    env.getOrDefault(NodeConfigLoader.ENV_NUM_TOKENS, String.valueOf(NodeConfig.DEFAULT_NUM_TOKENS)));
            env.put(
                    NodeConfigLoader.ENV_INITIAL_TOKENS,
                    position.tokens(tokensPerNode).stream()
                            .map(String::valueOf)
                            .collect(java.util.stream.Collectors.joining(",")));
            env.put(AgentMain.ENV_AUTO_BOOTSTRAP, "false");
            // Born with their final replicas, as the operator's new rings are: a later ALTER to
            // NetworkTopologyStrategy then moves no role to a replica that lacks it.
            env.put(
                    AgentMain.ENV_SYSTEM_KEYSPACE_REPLICAS,
                    String.valueOf(dev.cassini.model.SystemKeyspaceReplication.atBirth(position.size())));
        }
        env.putIfAbsent(NodeConfigLoader.ENV_DATACENTER, "dc1");
        env.putIfAbsent(NodeConfigLoader.ENV_RACK, "r1");
        if (!env.containsKey(NodeConfigLoader.ENV_DATA_DIR) && env.containsKey(NodeConfigLoader.ENV_ADDRESS)) {
            String name = env.getOrDefault(NodeConfigLoader.ENV_CLUSTER_NAME, "cassini") + "-"
                    + env.get(NodeConfigLoader.ENV_ADDRESS);
            env.put(
                    NodeConfigLoader.ENV_DATA_DIR,
                    Path.of(System.getProperty("user.home"), ".cassini", "nodes", name)
                            .toString());
        }
        return env;
    }

    private static void put(Map<String, String> env, String key, String value) {
        if (value != null) {
            env.put(key, value);
        }
    }

    /** The three files of a TLS directory (tls.crt, tls.key, ca.crt) in the variables that name them. */
    private static void putTlsFiles(
            Map<String, String> env, Path directory, String certificate, String key, String authority) {
        TlsFiles files = TlsFiles.in(directory.toAbsolutePath());
        env.put(certificate, files.certificate().toString());
        env.put(key, files.privateKey().toString());
        env.put(authority, files.authority().toString());
    }
}
