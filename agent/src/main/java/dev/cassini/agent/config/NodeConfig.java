package dev.cassini.agent.config;

import dev.cassini.contract.CassandraVersions;
import dev.cassini.contract.NodeDefaults;
import dev.cassini.contract.Ports;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything that makes one Cassandra node what it is, as the pod hands it to the agent. Built and
 * validated by {@link NodeConfigLoader}; every field here is already known to be valid.
 *
 * @param address the pod IP; Cassandra listens, broadcasts and serves CQL on it
 * @param seeds seed addresses as configured (the persisted list pushed by the operator wins, see SeedStore)
 * @param initialTokens precomputed tokens for a node of a new cluster; empty to let Cassandra allocate
 * @param heapMegabytes -Xms and -Xmx
 * @param cassandraYaml user overrides merged over the rendered cassandra.yaml
 * @param jvmOptions user JVM options, appended last so they win
 * @param nodeName the node's stable name (the pod name), the {@code node} label of its metrics
 * @param metrics the in-JVM Prometheus exporter
 */
public record NodeConfig(
        String clusterName,
        String datacenter,
        String rack,
        String address,
        List<String> seeds,
        Path dataDir,
        List<Long> initialTokens,
        int numTokens,
        boolean authEnabled,
        int heapMegabytes,
        String cassandraVersion,
        Map<String, Object> cassandraYaml,
        List<String> jvmOptions,
        int apiPort,
        boolean startOnBoot,
        String nodeName,
        MetricsConfig metrics,
        CassandraTls cassandraTls) {

    public static final String DEFAULT_CASSANDRA_VERSION = CassandraVersions.DEFAULT;
    public static final int DEFAULT_NUM_TOKENS = NodeDefaults.NUM_TOKENS;
    public static final int DEFAULT_HEAP_MEGABYTES = NodeDefaults.HEAP_MEGABYTES;
    public static final int DEFAULT_API_PORT = Ports.AGENT_API;
    public static final int STORAGE_PORT = Ports.STORAGE;
    public static final int DEFAULT_NATIVE_PORT = Ports.CQL;
    public static final int DEFAULT_METRICS_PORT = Ports.METRICS;

    public NodeConfig {
        seeds = List.copyOf(seeds);
        initialTokens = List.copyOf(initialTokens);
        cassandraYaml = Map.copyOf(cassandraYaml);
        jvmOptions = List.copyOf(jvmOptions);
    }

    public NodeDirectories directories() {
        return new NodeDirectories(dataDir);
    }

    /** The CQL port, which a user may move with a cassandra.yaml override. */
    public int nativePort() {
        Object port = cassandraYaml.get("native_transport_port");
        return port instanceof Number n ? n.intValue() : DEFAULT_NATIVE_PORT;
    }

    public NodeConfig withAddress(String newAddress) {
        return new NodeConfig(
                clusterName,
                datacenter,
                rack,
                newAddress,
                seeds,
                dataDir,
                initialTokens,
                numTokens,
                authEnabled,
                heapMegabytes,
                cassandraVersion,
                cassandraYaml,
                jvmOptions,
                apiPort,
                startOnBoot,
                nodeName,
                metrics,
                cassandraTls);
    }
}
