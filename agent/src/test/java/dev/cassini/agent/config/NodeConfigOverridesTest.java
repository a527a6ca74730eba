package dev.cassini.agent.config;

import static dev.cassini.agent.config.NodeConfigLoader.ENV_CASSANDRA_YAML;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_CONFIG_DIR;
import static dev.cassini.agent.config.NodeConfigLoader.ENV_JVM_OPTIONS;
import static dev.cassini.agent.config.NodeConfigLoader.FILE_CASSANDRA_YAML;
import static dev.cassini.agent.config.NodeConfigLoader.FILE_JVM_OPTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user may add on top of the agent's settings: cassandra.yaml overrides and JVM options,
 * inline in the environment or as files in the config directory, and how {@code load} reads them.
 */
class NodeConfigOverridesTest {
    @TempDir
    Path tmp;

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = TestNodeConfigs.env(tmp.resolve("data"), "127.0.0.11");
        env.putAll(extra);
        return env;
    }

    private NodeConfig parse(Map<String, String> extra, Map<String, String> files) {
        try {
            return NodeConfigLoader.parse(env(extra), files);
        } catch (InvalidNodeConfigException e) {
            throw new AssertionError("expected a valid configuration, got: " + e.getMessage(), e);
        }
    }

    private List<String> problems(Map<String, String> extra, Map<String, String> files) {
        InvalidNodeConfigException e =
                catchThrowableOfType(InvalidNodeConfigException.class, () -> NodeConfigLoader.parse(env(extra), files));
        assertThat(e).as("configuration should be refused").isNotNull();
        return e.problems();
    }

    // ---- cassandra.yaml overrides ----

    @Test
    void inlineYamlOverridesAreParsedWithTheirTypes() {
        NodeConfig config = parse(Map.of(ENV_CASSANDRA_YAML, """
                concurrent_reads: 64
                compaction_throughput: 128MiB/s
                enable_materialized_views: true
                """), Map.of());

        assertThat(config.cassandraYaml())
                .containsOnly(
                        entry("concurrent_reads", 64),
                        entry("compaction_throughput", "128MiB/s"),
                        entry("enable_materialized_views", true));
    }

    @Test
    void configDirYamlIsUsedWhenNoInlineYamlIsGiven() {
        NodeConfig config = parse(Map.of(), Map.of(FILE_CASSANDRA_YAML, "concurrent_writes: 48\n"));
        assertThat(config.cassandraYaml()).containsOnly(entry("concurrent_writes", 48));
    }

    @Test
    void inlineYamlWinsOverTheConfigDirFileKeyByKey() {
        NodeConfig config = parse(
                Map.of(ENV_CASSANDRA_YAML, "concurrent_reads: 64\n"),
                Map.of(FILE_CASSANDRA_YAML, "concurrent_reads: 16\nconcurrent_writes: 48\n"));

        assertThat(config.cassandraYaml()).containsOnly(entry("concurrent_reads", 64), entry("concurrent_writes", 48));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "~", "null", "# only a comment\n"})
    void emptyYamlMeansNoOverrides(String yaml) {
        assertThat(parse(Map.of(ENV_CASSANDRA_YAML, yaml), Map.of(FILE_CASSANDRA_YAML, yaml))
                        .cassandraYaml())
                .isEmpty();
    }

    @Test
    void yamlThatIsNotAMappingIsRefusedWithAnExample() {
        assertThat(problems(
                        Map.of(ENV_CASSANDRA_YAML, "- concurrent_reads: 64"), Map.of(FILE_CASSANDRA_YAML, "just text")))
                .containsExactly(
                        "CASSINI_CONFIG_DIR/cassandra.yaml must be a YAML mapping of cassandra.yaml settings, e.g. 'concurrent_reads: 32'",
                        "CASSINI_CASSANDRA_YAML must be a YAML mapping of cassandra.yaml settings, e.g. 'concurrent_reads: 32'");
    }

    @Test
    void invalidYamlIsRefusedNamingItsSource() {
        List<String> problems = problems(Map.of(ENV_CASSANDRA_YAML, "concurrent_reads: [64"), Map.of());
        assertThat(problems).singleElement().asString().startsWith("CASSINI_CASSANDRA_YAML is not valid YAML: ");
    }

    static Stream<Arguments> managedKeys() {
        return Stream.of(
                Arguments.of("cluster_name", "CASSINI_CLUSTER_NAME"),
                Arguments.of("listen_address", "CASSINI_ADDRESS"),
                Arguments.of("listen_interface", "CASSINI_ADDRESS"),
                Arguments.of("broadcast_address", "CASSINI_ADDRESS"),
                Arguments.of("rpc_address", "CASSINI_ADDRESS"),
                Arguments.of("rpc_interface", "CASSINI_ADDRESS"),
                Arguments.of("broadcast_rpc_address", "CASSINI_ADDRESS"),
                Arguments.of("native_transport_address", "CASSINI_ADDRESS"),
                Arguments.of("seed_provider", "CASSINI_SEEDS"),
                Arguments.of("data_file_directories", "CASSINI_DATA_DIR"),
                Arguments.of("local_system_data_file_directory", "CASSINI_DATA_DIR"),
                Arguments.of("commitlog_directory", "CASSINI_DATA_DIR"),
                Arguments.of("saved_caches_directory", "CASSINI_DATA_DIR"),
                Arguments.of("hints_directory", "CASSINI_DATA_DIR"),
                Arguments.of("cdc_raw_directory", "CASSINI_DATA_DIR"),
                Arguments.of("metadata_directory", "CASSINI_DATA_DIR"),
                Arguments.of("endpoint_snitch", "CASSINI_DATACENTER"),
                Arguments.of("initial_token", "CASSINI_INITIAL_TOKENS"),
                Arguments.of("num_tokens", "CASSINI_NUM_TOKENS"),
                Arguments.of("partitioner", "Murmur3Partitioner"),
                Arguments.of("auto_bootstrap", "autoBootstrap"),
                Arguments.of("storage_port", "7000"),
                Arguments.of("authenticator", "CASSINI_AUTH"),
                Arguments.of("authorizer", "CASSINI_AUTH"),
                Arguments.of("role_manager", "CASSINI_AUTH"));
    }

    @ParameterizedTest
    @MethodSource("managedKeys")
    void managedSettingIsRefusedNamingWhatToSetInstead(String key, String whatToSet) {
        List<String> problems = problems(Map.of(ENV_CASSANDRA_YAML, key + ": x"), Map.of());
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("cassandra.yaml setting '" + key + "' is managed by Cassini; ")
                .contains(whatToSet);
    }

    @Test
    void everyManagedSettingIsCovered() {
        assertThat(NodeConfigLoader.MANAGED_YAML_KEYS.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        managedKeys().map(a -> (String) a.get()[0]).toList());
    }

    @Test
    void managedSettingInTheConfigDirFileIsRefusedToo() {
        assertThat(problems(Map.of(), Map.of(FILE_CASSANDRA_YAML, "listen_address: 10.0.0.1\nseed_provider: []\n")))
                .containsExactly(
                        "cassandra.yaml setting 'listen_address' is managed by Cassini; the node address comes from CASSINI_ADDRESS (the pod IP)",
                        "cassandra.yaml setting 'seed_provider' is managed by Cassini; seeds come from CASSINI_SEEDS and the agent's seeds API");
    }

    @Test
    void nativeTransportPortOverrideMovesTheCqlPort() {
        NodeConfig config = parse(Map.of(ENV_CASSANDRA_YAML, "native_transport_port: 19042"), Map.of());
        assertThat(config.nativePort()).isEqualTo(19042);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cql", "0", "65536", "'9042'", "9042.5"})
    void nativeTransportPortThatIsNotAPortIsRefused(String value) {
        List<String> problems = problems(Map.of(ENV_CASSANDRA_YAML, "native_transport_port: " + value), Map.of());
        assertThat(problems)
                .singleElement()
                .asString()
                .startsWith("cassandra.yaml setting 'native_transport_port' must be a port number, got ");
    }

    // ---- JVM options ----

    @Test
    void jvmOptionsFileSkipsCommentsAndBlankLinesAndComesBeforeInlineOptions() {
        NodeConfig config = parse(
                Map.of(ENV_JVM_OPTIONS, "  -Dinline.one=1   -XX:+AlwaysPreTouch "), Map.of(FILE_JVM_OPTIONS, """
                        # GC tuning for this node
                        -XX:G1RSetUpdatingPauseTimePercent=5

                           # indented comment
                          -Dcassandra.ring_delay_ms=5000
                        """));

        assertThat(config.jvmOptions())
                .containsExactly(
                        "-XX:G1RSetUpdatingPauseTimePercent=5",
                        "-Dcassandra.ring_delay_ms=5000",
                        "-Dinline.one=1",
                        "-XX:+AlwaysPreTouch");
    }

    @Test
    void jvmOptionWithoutDashIsRefused() {
        assertThat(problems(Map.of(ENV_JVM_OPTIONS, "-Da=1 UseG1GC"), Map.of()))
                .containsExactly(
                        "JVM option 'UseG1GC' does not start with '-'; give options like -XX:+UseG1GC or -Dname=value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xmx4G", "-Xms1g", "-XX:MaxHeapSize=4g", "-XX:InitialHeapSize=1g", "-XX:MinHeapSize=1g"})
    void heapOptionsAreRefusedPointingAtCassiniHeap(String option) {
        assertThat(problems(Map.of(), Map.of(FILE_JVM_OPTIONS, option + "\n")))
                .containsExactly("JVM option '" + option + "' sets the heap; set CASSINI_HEAP (e.g. 1G) instead");
    }

    @Test
    void otherMemoryOptionsAreAllowed() {
        NodeConfig config = parse(Map.of(ENV_JVM_OPTIONS, "-Xss512k -XX:MaxDirectMemorySize=1g"), Map.of());
        assertThat(config.jvmOptions()).containsExactly("-Xss512k", "-XX:MaxDirectMemorySize=1g");
    }

    // ---- load(env): the config directory on disk ----

    @Test
    void loadReadsBothFilesFromTheConfigDir() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(dir.resolve("cassandra.yaml"), "concurrent_reads: 16\nconcurrent_writes: 48\n");
        Files.writeString(dir.resolve("jvm.options"), "# from the ConfigMap\n-Dfrom.file=true\n");

        NodeConfig config = NodeConfigLoader.load(env(Map.of(
                ENV_CONFIG_DIR, dir.toString(),
                ENV_CASSANDRA_YAML, "concurrent_reads: 64",
                ENV_JVM_OPTIONS, "-Dfrom.env=true")));

        assertThat(config.cassandraYaml()).containsOnly(entry("concurrent_reads", 64), entry("concurrent_writes", 48));
        assertThat(config.jvmOptions()).containsExactly("-Dfrom.file=true", "-Dfrom.env=true");
    }

    @Test
    void loadWithAnEmptyConfigDirHasNoOverrides() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("config"));
        NodeConfig config = NodeConfigLoader.load(env(Map.of(ENV_CONFIG_DIR, dir.toString())));
        assertThat(config.cassandraYaml()).isEmpty();
        assertThat(config.jvmOptions()).isEmpty();
    }

    @Test
    void loadReportsProblemsInsideConfigDirFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(dir.resolve("cassandra.yaml"), "num_tokens: 4\n");

        InvalidNodeConfigException e = catchThrowableOfType(
                InvalidNodeConfigException.class,
                () -> NodeConfigLoader.load(env(Map.of(ENV_CONFIG_DIR, dir.toString()))));

        assertThat(e.problems())
                .containsExactly("cassandra.yaml setting 'num_tokens' is managed by Cassini; set CASSINI_NUM_TOKENS");
    }

    @Test
    void loadRefusesAMissingConfigDir() {
        Path missing = tmp.resolve("not-mounted");

        InvalidNodeConfigException e = catchThrowableOfType(
                InvalidNodeConfigException.class,
                () -> NodeConfigLoader.load(env(Map.of(ENV_CONFIG_DIR, missing.toString()))));

        assertThat(e.problems())
                .containsExactly("CASSINI_CONFIG_DIR=" + missing
                        + " is not a directory; mount the node configuration there or unset it");
    }

    @Test
    void loadRefusesAConfigDirThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("config"), "not a dir");

        InvalidNodeConfigException e = catchThrowableOfType(
                InvalidNodeConfigException.class,
                () -> NodeConfigLoader.load(env(Map.of(ENV_CONFIG_DIR, file.toString()))));

        assertThat(e.problems()).singleElement().asString().contains("is not a directory");
    }

    @Test
    void loadIgnoresABlankConfigDir() throws Exception {
        NodeConfig config = NodeConfigLoader.load(env(Map.of(ENV_CONFIG_DIR, "  ")));
        assertThat(config.cassandraYaml()).isEmpty();
    }
}
