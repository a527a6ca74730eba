package dev.cassini.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static StartPlan plan(Optional<String> replaceAddress) {
        return new StartPlan(List.of("127.0.0.11"), List.of(), replaceAddress, true);
    }

    private static List<String> build(NodeConfig config, Optional<String> replaceAddress, Path jamm) {
        return JvmOptions.build(config, plan(replaceAddress), jamm, HELPER, SOCKET);
    }

    @Test
    void heapIsFixedAtTheConfiguredSize() {
        List<String> options = build(TestNodeConfigs.config(DATA_DIR, Map.of(NodeConfigLoader.ENV_HEAP, "2G")), Optional.empty(), JAMM);

        assertThat(options).contains("-Xms2048M", "-Xmx2048M");
        assertThat(options.stream().filter(o -> o.startsWith("-Xmx") || o.startsWith("-Xms"))).hasSize(2);
    }

    @Test
    void defaultHeapIs512Megabytes() {
        assertThat(build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), JAMM)).contains("-Xms512M", "-Xmx512M");
    }

    @Test
    void helperIsLoadedAsAgentWithItsSocketAfterJamm() {
        List<String> options = build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), JAMM);

        List<String> agents = options.stream().filter(o -> o.startsWith("-javaagent:")).toList();
        assertThat(agents).containsExactly(
                "-javaagent:" + JAMM,
                "-javaagent:" + HELPER + "=" + SOCKET);
    }

    @Test
    void withoutJammOnlyTheHelperIsAnAgent() {
        List<String> options = build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), null);

        assertThat(options.stream().filter(o -> o.startsWith("-javaagent:")))
                .containsExactly("-javaagent:" + HELPER + "=" + SOCKET);
        assertThat(options).noneMatch(o -> o.contains("null"));
    }

    @Test
    void replaceAddressIsPassedOnlyWhenReplacing() {
        NodeConfig config = TestNodeConfigs.config(DATA_DIR);

        assertThat(build(config, Optional.of("127.0.0.42"), JAMM)).contains("-Dcassandra.replace_address_first_boot=127.0.0.42");
        assertThat(build(config, Optional.empty(), JAMM)).noneMatch(o -> o.contains("replace_address"));
    }

    @Test
    void userOptionsComeLastInTheirOrder() {
        NodeConfig config = TestNodeConfigs.config(DATA_DIR, Map.of(NodeConfigLoader.ENV_JVM_OPTIONS, "-XX:MaxGCPauseMillis=100 -Dcustom=1"));

        List<String> options = build(config, Optional.of("127.0.0.42"), JAMM);

        assertThat(options.subList(options.size() - 2, options.size())).containsExactly("-XX:MaxGCPauseMillis=100", "-Dcustom=1");
        assertThat(options.indexOf("-XX:MaxGCPauseMillis=300")).isLessThan(options.indexOf("-XX:MaxGCPauseMillis=100"));
    }

    @Test
    void cassandraFindsItsConfigAndWritesLogsUnderTheDataDir() {
        List<String> options = build(TestNodeConfigs.config(DATA_DIR), Optional.empty(), JAMM);

        assertThat(options).contains(
                "-Dcassandra.config=file:///var/lib/cassini/node1/conf/cassandra.yaml",
                "-Dcassandra-foreground=yes",
                "-Dcassandra.storagedir=/var/lib/cassini/node1",
                "-Dcassandra.logdir=/var/lib/cassini/node1/logs",
                "-Dlogback.configurationFile=/var/lib/cassini/node1/conf/logback.xml",
                "-XX:HeapDumpPath=/var/lib/cassini/node1/logs",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseG1GC");
        assertThat(options).anyMatch(o -> o.startsWith("-Xlog:gc") && o.contains("file=/var/lib/cassini/node1/logs/gc.log:"));
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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> options.add("-Dx=y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
