package dev.cassini.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rendered cassandra.yaml, read back as YAML the way Cassandra reads it. */
class CassandraYamlRendererTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dataDir;

    private static Map<String, Object> renderAndRead(NodeConfig config, StartPlan plan) throws Exception {
        String text = CassandraYamlRenderer.render(config, plan);
        return YAML.readValue(text, new TypeReference<Map<String, Object>>() {});
    }

    private static StartPlan plan(List<String> seeds, List<Long> tokens, boolean autoBootstrap) {
        return new StartPlan(seeds, tokens, Optional.empty(), autoBootstrap);
    }

    @Test
    void startsWithACommentThatItIsRenderedAndParsesAsAMapping() throws Exception {
        String text = CassandraYamlRenderer.render(
                TestNodeConfigs.config(dataDir), plan(List.of("127.0.0.11"), List.of(), true));
        assertThat(text.lines().findFirst())
                .hasValueSatisfying(first -> assertThat(first).startsWith("# Rendered by the Cassini node agent"));
        assertThat(text).doesNotStartWith("---");
    }

    @Test
    void nodeListensBroadcastsAndServesCqlOnItsAddress() throws Exception {
        Map<String, Object> yaml =
                renderAndRead(TestNodeConfigs.config(dataDir), plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml)
                .containsEntry("cluster_name", "demo")
                .containsEntry("listen_address", "127.0.0.11")
                .containsEntry("rpc_address", "127.0.0.11")
                .containsEntry("storage_port", 7000)
                .containsEntry("native_transport_port", 9042)
                .containsEntry("start_native_transport", true)
                .containsEntry("endpoint_snitch", "GossipingPropertyFileSnitch")
                .containsEntry("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner");
    }

    @Test
    void seedsComeFromThePlanWithTheStoragePort() throws Exception {
        NodeConfig config = TestNodeConfigs.config(dataDir, Map.of(NodeConfigLoader.ENV_SEEDS, "127.0.0.99"));

        Map<String, Object> yaml = renderAndRead(config, plan(List.of("127.0.0.11", "127.0.0.12"), List.of(), true));

        assertThat(yaml.get("seed_provider"))
                .isEqualTo(List.of(Map.of(
                        "class_name",
                        "org.apache.cassandra.locator.SimpleSeedProvider",
                        "parameters",
                        List.of(Map.of("seeds", "127.0.0.11:7000,127.0.0.12:7000")))));
    }

    @Test
    void everyDirectoryIsUnderTheDataDir() throws Exception {
        Map<String, Object> yaml =
                renderAndRead(TestNodeConfigs.config(dataDir), plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml.get("data_file_directories"))
                .isEqualTo(List.of(dataDir.resolve("data").toString()));
        assertThat(yaml)
                .containsEntry(
                        "commitlog_directory", dataDir.resolve("commitlog").toString())
                .containsEntry("hints_directory", dataDir.resolve("hints").toString())
                .containsEntry(
                        "saved_caches_directory",
                        dataDir.resolve("saved_caches").toString())
                .containsEntry("cdc_raw_directory", dataDir.resolve("cdc_raw").toString());
    }

    @Test
    void withoutInitialTokensCassandraAllocatesConfiguredNumberOfTokens() throws Exception {
        NodeConfig config = TestNodeConfigs.config(dataDir, Map.of(NodeConfigLoader.ENV_NUM_TOKENS, "8"));

        Map<String, Object> yaml = renderAndRead(config, plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml)
                .containsEntry("num_tokens", 8)
                .containsEntry("allocate_tokens_for_local_replication_factor", 3)
                .doesNotContainKey("initial_token");
    }

    @Test
    void initialTokensOfThePlanAreJoinedAndSetNumTokens() throws Exception {
        NodeConfig config = TestNodeConfigs.config(dataDir);

        Map<String, Object> yaml = renderAndRead(
                config, plan(List.of("127.0.0.11"), List.of(Long.MIN_VALUE, 0L, 3074457345618258602L), false));

        assertThat(yaml)
                .containsEntry("initial_token", "-9223372036854775808,0,3074457345618258602")
                .containsEntry("num_tokens", 3)
                .doesNotContainKey("allocate_tokens_for_local_replication_factor");
    }

    @Test
    void singleInitialTokenKeepsItsValue() throws Exception {
        Map<String, Object> yaml =
                renderAndRead(TestNodeConfigs.config(dataDir), plan(List.of("127.0.0.11"), List.of(42L), false));

        assertThat(String.valueOf(yaml.get("initial_token"))).isEqualTo("42");
        assertThat(yaml).containsEntry("num_tokens", 1);
    }

    @Test
    void autoBootstrapFollowsThePlan() throws Exception {
        NodeConfig config = TestNodeConfigs.config(dataDir);
        assertThat(renderAndRead(config, plan(List.of("127.0.0.11"), List.of(), true)))
                .containsEntry("auto_bootstrap", true);
        assertThat(renderAndRead(config, plan(List.of("127.0.0.11"), List.of(), false)))
                .containsEntry("auto_bootstrap", false);
    }

    @Test
    void authOnUsesPasswordsAndRoles() throws Exception {
        Map<String, Object> yaml =
                renderAndRead(TestNodeConfigs.config(dataDir), plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml)
                .containsEntry("authenticator", "PasswordAuthenticator")
                .containsEntry("authorizer", "CassandraAuthorizer")
                .containsEntry("role_manager", "CassandraRoleManager");
    }

    @Test
    void authOffAllowsAll() throws Exception {
        NodeConfig config = TestNodeConfigs.config(dataDir, Map.of(NodeConfigLoader.ENV_AUTH, "false"));

        Map<String, Object> yaml = renderAndRead(config, plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml)
                .containsEntry("authenticator", "AllowAllAuthenticator")
                .containsEntry("authorizer", "AllowAllAuthorizer")
                .containsEntry("role_manager", "CassandraRoleManager");
    }

    @Test
    void userOverridesAreMergedOverTheDefaults() throws Exception {
        NodeConfig config = TestNodeConfigs.config(dataDir, Map.of(NodeConfigLoader.ENV_CASSANDRA_YAML, """
                commitlog_sync_period: 2000ms
                native_transport_port: 19042
                concurrent_reads: 64
                audit_logging_options:
                  enabled: true
                  logger:
                    - class_name: BinAuditLogger
                """));

        Map<String, Object> yaml = renderAndRead(config, plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml)
                .containsEntry("commitlog_sync_period", "2000ms")
                .containsEntry("native_transport_port", 19042)
                .containsEntry("concurrent_reads", 64)
                .containsEntry("commitlog_sync", "periodic")
                .containsEntry("listen_address", "127.0.0.11");
        assertThat(yaml.get("audit_logging_options"))
                .isEqualTo(Map.of("enabled", true, "logger", List.of(Map.of("class_name", "BinAuditLogger"))));
    }

    @Test
    void periodicCommitlogSyncIsTheDefault() throws Exception {
        Map<String, Object> yaml =
                renderAndRead(TestNodeConfigs.config(dataDir), plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml).containsEntry("commitlog_sync", "periodic").containsEntry("commitlog_sync_period", "10000ms");
    }

    @Test
    void batchCommitlogSyncOverrideDropsThePeriodCassandraWouldRefuse() throws Exception {
        NodeConfig config =
                TestNodeConfigs.config(dataDir, Map.of(NodeConfigLoader.ENV_CASSANDRA_YAML, "commitlog_sync: batch"));

        Map<String, Object> yaml = renderAndRead(config, plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml).containsEntry("commitlog_sync", "batch").doesNotContainKey("commitlog_sync_period");
    }

    @Test
    void groupCommitlogSyncOverrideDropsThePeriodCassandraWouldRefuse() throws Exception {
        NodeConfig config = TestNodeConfigs.config(
                dataDir,
                Map.of(
                        NodeConfigLoader.ENV_CASSANDRA_YAML,
                        "commitlog_sync: group\ncommitlog_sync_group_window: 15ms\n"));

        Map<String, Object> yaml = renderAndRead(config, plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml)
                .containsEntry("commitlog_sync", "group")
                .containsEntry("commitlog_sync_group_window", "15ms")
                .doesNotContainKey("commitlog_sync_period");
    }

    @Test
    void commitlogSyncPeriodTheUserSetIsAlwaysKept() throws Exception {
        NodeConfig config = TestNodeConfigs.config(
                dataDir,
                Map.of(NodeConfigLoader.ENV_CASSANDRA_YAML, "commitlog_sync: batch\ncommitlog_sync_period: 5000ms\n"));

        Map<String, Object> yaml = renderAndRead(config, plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml).containsEntry("commitlog_sync_period", "5000ms");
    }

    @Test
    void clusterNameWithYamlSpecialCharactersSurvivesRendering() throws Exception {
        NodeConfig config =
                TestNodeConfigs.config(dataDir, Map.of(NodeConfigLoader.ENV_CLUSTER_NAME, "prod: #1 'eu' \"main\""));

        Map<String, Object> yaml = renderAndRead(config, plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(yaml).containsEntry("cluster_name", "prod: #1 'eu' \"main\"");
    }

    /** Cassandra reads cassandra.yaml into typed fields; a cluster name must come back as the same string. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TypedFields(@JsonProperty("cluster_name") String clusterName) {}

    @ParameterizedTest
    @ValueSource(strings = {"true", "null", "no", "~", "123", "1e3", "-", "0x10"})
    void clusterNamesThatLookLikeOtherYamlValuesReadBackAsTheSameString(String name) throws Exception {
        NodeConfig config = TestNodeConfigs.config(dataDir, Map.of(NodeConfigLoader.ENV_CLUSTER_NAME, name));

        String text = CassandraYamlRenderer.render(config, plan(List.of("127.0.0.11"), List.of(), true));

        assertThat(YAML.readValue(text, TypedFields.class).clusterName()).isEqualTo(name);
    }
}
