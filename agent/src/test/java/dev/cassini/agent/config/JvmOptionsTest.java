package dev.cassini.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.exporter.ExporterSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Cassandra JVM command line options. */
class JvmOptionsTest {
    private static final Path DATA_DIR = Path.of("/var/lib/cassini/node1");
    private static final Path JAMM = Path.of("/cache/cassandra/5.0.6/lib/jamm-0.4.0.jar");
    private static final Path HELPER = Path.of("/opt/cassini/lib/cassini-helper.jar");
    private static final Path SOCKET = Path.of("/var/lib/cassini/node1/cassini/helper.sock");
    private static final Path EXPORTER = Path.of("/opt/cassini/lib/cassini-exporter.jar");

    private static StartPlan plan(Optional<String> replaceAddress) {
        return new StartPlan(List.of("127.0.0.11"), List.of(), replaceAddress, true);
    }

    private static List<String> build(NodeConfig config, Optional<String> replaceAddress, Path jamm) {
        return JvmOptions.build(config, plan(replaceAddress), jamm, HELPER, SOCKET, EXPORTER);
    }

    @Test
    void aNodeOfANewClusterCreatesTheSystemKeyspacesWithTheReplicasAskedForUnlessTheUserSaysOtherwise() {
        NodeConfig config = TestNodeConfigs.config(
                DATA_DIR, Map.of(NodeConfigLoader.ENV_JVM_OPTIONS, "-Dcassandra.system_traces.default_rf=1"));
        List<String> options = JvmOptions.build(
                config,
                new StartPlan(List.of("127.0.0.11"), List.of(), Optional.empty(), false, 3),
                JAMM,
                HELPER,
                SOCKET,
                EXPORTER);

        assertThat(options)
                .contains(
                        "-Dcassandra.system_auth.default_rf=3",
                        "-Dcassandra.system_distributed.default_rf=3",
                        "-Dcassandra.skip_wait_for_gossip_to_settle=0");
        // The user's own options come last, so the JVM keeps theirs.
        assertThat(options.lastIndexOf("-Dcassandra.system_traces.default_rf=1"))
                .isGreaterThan(options.indexOf("-Dcassandra.system_traces.default_rf=3"));
    }

    @Test
    void theDefaultRoleIsTriedEverySecondAndTheUsersOwnDelayWins() {
        List<String> options = build(
                TestNodeConfigs.config(
                        DATA_DIR,
                        Map.of(NodeConfigLoader.ENV_JVM_OPTIONS, "-Dcassandra.superuser_setup_delay_ms=5000")),
                Optional.empty(),
                JAMM);
        assertThat(options.indexOf("-Dcassandra.superuser_setup_delay_ms=1000"))
                .isNotNegative()
                .isLessThan(options.lastIndexOf("-Dcassandra.superuser_setup_delay_ms=5000"));
    }

    @Test
    void aNormalStartLeavesTheSystemKeyspacesToCassandraAndWaitsForGossipToSettle() {
        assertThat(build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), JAMM))
                .noneMatch(o -> o.contains("default_rf"))
                .noneMatch(o -> o.contains("skip_wait_for_gossip_to_settle"));
    }

    @Test
    void heapIsFixedAtTheConfiguredSize() {
        List<String> options = build(
                TestNodeConfigs.config(DATA_DIR, Map.of(NodeConfigLoader.ENV_HEAP, "2G")), Optional.empty(), JAMM);

        assertThat(options).contains("-Xms2048M", "-Xmx2048M");
        assertThat(options.stream().filter(o -> o.startsWith("-Xmx") || o.startsWith("-Xms")))
                .hasSize(2);
    }

    @Test
    void defaultHeapIs512Megabytes() {
        assertThat(build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), JAMM))
                .contains("-Xms512M", "-Xmx512M");
    }

    @Test
    void helperAndExporterAreLoadedAsAgentsAfterJamm() {
        List<String> options = build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), JAMM);

        List<String> agents =
                options.stream().filter(o -> o.startsWith("-javaagent:")).toList();
        assertThat(agents).hasSize(3);
        assertThat(agents.subList(0, 2)).containsExactly("-javaagent:" + JAMM, "-javaagent:" + HELPER + "=" + SOCKET);
        assertThat(agents.get(2)).startsWith("-javaagent:" + EXPORTER + "=");
    }

    @Test
    void withoutJammOnlyTheHelperAndExporterAreAgents() {
        List<String> options = build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), null);

        assertThat(options.stream().filter(o -> o.startsWith("-javaagent:")).map(o -> o.split("=")[0]))
                .containsExactly("-javaagent:" + HELPER, "-javaagent:" + EXPORTER);
        assertThat(options).noneMatch(o -> o.contains("null"));
    }

    @Test
    void exporterIsToldTheNodeIdentityPortAndTableSelection() {
        NodeConfig config = TestNodeConfigs.config(
                DATA_DIR,
                Map.of(
                        NodeConfigLoader.ENV_NODE_NAME, "demo-dc1-r1-0",
                        NodeConfigLoader.ENV_METRICS_PORT, "9600",
                        NodeConfigLoader.ENV_METRICS_TABLES_ALLOW, "shop\\..*",
                        NodeConfigLoader.ENV_METRICS_TABLES_DENY, "shop\\.(tmp|audit)_.*",
                        NodeConfigLoader.ENV_METRICS_TABLE_LIMIT, "20"));

        String exporter = build(config, Optional.empty(), JAMM).stream()
                .filter(o -> o.startsWith("-javaagent:" + EXPORTER + "="))
                .findFirst()
                .orElseThrow();
        ExporterSettings settings =
                ExporterSettings.parse(exporter.substring(("-javaagent:" + EXPORTER + "=").length()));

        assertThat(settings.address()).isEqualTo("127.0.0.11");
        assertThat(settings.port()).isEqualTo(9600);
        assertThat(List.of(settings.cluster(), settings.datacenter(), settings.rack(), settings.node()))
                .containsExactly("demo", "dc1", "r1", "demo-dc1-r1-0");
        assertThat(settings.tableAllow().pattern()).isEqualTo("shop\\..*");
        assertThat(settings.tableDeny().pattern()).isEqualTo("shop\\.(tmp|audit)_.*");
        assertThat(settings.tableLimit()).isEqualTo(20);
    }

    @Test
    void metricsPortZeroLeavesTheExporterOut() {
        NodeConfig config = TestNodeConfigs.config(DATA_DIR, Map.of(NodeConfigLoader.ENV_METRICS_PORT, "0"));

        assertThat(build(config, Optional.empty(), JAMM)).noneMatch(o -> o.contains(EXPORTER.toString()));
    }

    @Test
    void replaceAddressIsPassedOnlyWhenReplacing() {
        NodeConfig config = TestNodeConfigs.config(DATA_DIR);

        assertThat(build(config, Optional.of("127.0.0.42"), JAMM))
                .contains("-Dcassandra.replace_address_first_boot=127.0.0.42");
        assertThat(build(config, Optional.empty(), JAMM)).noneMatch(o -> o.contains("replace_address"));
    }

    @Test
    void userOptionsComeLastInTheirOrder() {
        NodeConfig config = TestNodeConfigs.config(
                DATA_DIR, Map.of(NodeConfigLoader.ENV_JVM_OPTIONS, "-XX:MaxGCPauseMillis=100 -Dcustom=1"));

        List<String> options = build(config, Optional.of("127.0.0.42"), JAMM);

        assertThat(options.subList(options.size() - 2, options.size()))
                .containsExactly("-XX:MaxGCPauseMillis=100", "-Dcustom=1");
        assertThat(options.indexOf("-XX:MaxGCPauseMillis=300")).isLessThan(options.indexOf("-XX:MaxGCPauseMillis=100"));
    }

    @Test
    void cassandraFindsItsConfigAndWritesLogsUnderTheDataDir() {
        List<String> options = build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), JAMM);

        assertThat(options)
                .contains(
                        "-Dcassandra.config=file:///var/lib/cassini/node1/conf/cassandra.yaml",
                        "-Dcassandra-foreground=yes",
                        "-Dcassandra.storagedir=/var/lib/cassini/node1",
                        "-Dcassandra.logdir=/var/lib/cassini/node1/logs",
                        "-Dlogback.configurationFile=/var/lib/cassini/node1/conf/logback.xml",
                        "-XX:HeapDumpPath=/var/lib/cassini/node1/logs",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:+UseG1GC");
        assertThat(options)
                .anyMatch(o -> o.startsWith("-Xlog:gc") && o.contains("file=/var/lib/cassini/node1/logs/gc.log:"));
    }

    @Test
    void configPathWithSpacesIsAValidFileUri() {
        List<String> options = build(TestNodeConfigs.config(Path.of("/data/my node")), Optional.empty(), JAMM);

        assertThat(options).contains("-Dcassandra.config=file:///data/my%20node/conf/cassandra.yaml");
    }

    @Test
    void java17ModuleAccessIsGivenAsFlagValuePairs() {
        List<String> options = build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), JAMM);

        int start = options.indexOf("--add-exports");
        List<String> access = options.subList(start, start + JvmOptions.JAVA17_MODULE_ACCESS.size());
        assertThat(access).isEqualTo(JvmOptions.JAVA17_MODULE_ACCESS);
        for (int i = 0; i < access.size(); i += 2) {
            assertThat(access.get(i)).isIn("--add-exports", "--add-opens");
            assertThat(access.get(i + 1)).matches("[a-z.]+/[A-Za-z.]+=ALL-UNNAMED");
        }
        assertThat(access).contains("java.base/jdk.internal.misc=ALL-UNNAMED", "java.base/sun.nio.ch=ALL-UNNAMED");
    }

    @Test
    void optionsAreImmutable() {
        List<String> options = build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), JAMM);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> options.add("-Dx=y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
