package dev.cassini.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders cassandra.yaml: Cassini's settings first, the user's overrides merged over them. */
public final class CassandraYamlRenderer {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private CassandraYamlRenderer() {}

    public static Map<String, Object> settings(NodeConfig config, StartPlan plan) {
        NodeDirectories dirs = config.directories();
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("cluster_name", config.clusterName());
        List<Long> tokens = plan.initialTokens();
        yaml.put("num_tokens", tokens.isEmpty() ? config.numTokens() : tokens.size());
        if (tokens.isEmpty()) {
            // Let Cassandra place tokens for an even spread at the usual replication factor.
            yaml.put("allocate_tokens_for_local_replication_factor", 3);
        } else {
            yaml.put("initial_token", tokens.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        yaml.put("auto_bootstrap", plan.autoBootstrap());
        yaml.put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
        yaml.put("endpoint_snitch", "GossipingPropertyFileSnitch");
        yaml.put("listen_address", config.address());
        yaml.put("rpc_address", config.address());
        yaml.put("storage_port", NodeConfig.STORAGE_PORT);
        yaml.put("native_transport_port", NodeConfig.DEFAULT_NATIVE_PORT);
        yaml.put("start_native_transport", true);
        yaml.put(
                "seed_provider",
                List.of(Map.of(
                        "class_name",
                        "org.apache.cassandra.locator.SimpleSeedProvider",
                        "parameters",
                        List.of(Map.of(
                                "seeds",
                                plan.seeds().stream()
                                        .map(s -> s + ":" + NodeConfig.STORAGE_PORT)
                                        .collect(Collectors.joining(",")))))));
        yaml.put("data_file_directories", List.of(dirs.data().toString()));
        yaml.put("commitlog_directory", dirs.commitlog().toString());
        yaml.put("hints_directory", dirs.hints().toString());
        yaml.put("saved_caches_directory", dirs.savedCaches().toString());
        yaml.put("cdc_raw_directory", dirs.cdcRaw().toString());
        yaml.put("commitlog_sync", "periodic");
        yaml.put("commitlog_sync_period", "10000ms");
        if (config.authEnabled()) {
            yaml.put("authenticator", "PasswordAuthenticator");
            yaml.put("authorizer", "CassandraAuthorizer");
            yaml.put("role_manager", "CassandraRoleManager");
        } else {
            yaml.put("authenticator", "AllowAllAuthenticator");
            yaml.put("authorizer", "AllowAllAuthorizer");
            yaml.put("role_manager", "CassandraRoleManager");
        }
        yaml.putAll(config.cassandraTls().yaml(dirs.tlsKeystore(), dirs.tlsTruststore()));
        yaml.putAll(config.cassandraYaml());
        // Cassandra refuses to start with commitlog_sync_period under batch or group sync; the
        // period above is only the default of periodic sync.
        if (!"periodic".equals(yaml.get("commitlog_sync"))
                && !config.cassandraYaml().containsKey("commitlog_sync_period")) {
            yaml.remove("commitlog_sync_period");
        }
        return yaml;
    }

    public static String render(NodeConfig config, StartPlan plan) {
        try {
            return "# Rendered by the Cassini node agent on every start; edits here are overwritten.\n"
                    + YAML.writeValueAsString(settings(config, plan));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
