package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `cassini node` flags turned into the environment the agent reads. */
class NodeCommandTest {
    private static final String HOME = System.getProperty("user.home");

    private static Map<String, String> environment(Map<String, String> inherited, String... args) {
        NodeCommand command = new NodeCommand();
        new CommandLine(command).parseArgs(args);
        return command.environment(inherited);
    }

    @Test
    void everyFlagSetsItsVariable() {
        Map<String, String> env = environment(
                Map.of(),
                "--cluster",
                "demo",
                "--dc",
                "eu1",
                "--rack",
                "r2",
                "--address",
                "127.0.0.12",
                "--seeds",
                "127.0.0.11,127.0.0.12",
                "--data-dir",
                "/srv/node2",
                "--cassandra-version",
                "5.0.5",
                "--heap",
                "1G",
                "--no-auth",
                "--initial-tokens",
                "-100,100",
                "--jvm-option",
                "-Da=1",
                "--jvm-option",
                "-Db=2",
                "--api-port",
                "8081",
                "--api-tls",
                "/srv/node2-tls",
                "--cassandra-tls",
                "/srv/node2-cassandra-tls",
                "--client-encryption",
                "required",
                "--internode-encryption",
                "accept",
                "--start");

        assertThat(env)
                .containsOnly(
                        Map.entry("CASSINI_CLUSTER_NAME", "demo"),
                        Map.entry("CASSINI_DATACENTER", "eu1"),
                        Map.entry("CASSINI_RACK", "r2"),
                        Map.entry("CASSINI_ADDRESS", "127.0.0.12"),
                        Map.entry("CASSINI_SEEDS", "127.0.0.11,127.0.0.12"),
                        Map.entry("CASSINI_DATA_DIR", "/srv/node2"),
                        Map.entry("CASSINI_CASSANDRA_VERSION", "5.0.5"),
                        Map.entry("CASSINI_HEAP", "1G"),
                        Map.entry("CASSINI_AUTH", "false"),
                        Map.entry("CASSINI_INITIAL_TOKENS", "-100,100"),
                        Map.entry("CASSINI_JVM_OPTIONS", "-Da=1 -Db=2"),
                        Map.entry("CASSINI_API_PORT", "8081"),
                        Map.entry("CASSINI_API_TLS_CERT", "/srv/node2-tls/tls.crt"),
                        Map.entry("CASSINI_API_TLS_KEY", "/srv/node2-tls/tls.key"),
                        Map.entry("CASSINI_API_TLS_CA", "/srv/node2-tls/ca.crt"),
                        Map.entry("CASSINI_CASSANDRA_TLS_CERT", "/srv/node2-cassandra-tls/tls.crt"),
                        Map.entry("CASSINI_CASSANDRA_TLS_KEY", "/srv/node2-cassandra-tls/tls.key"),
                        Map.entry("CASSINI_CASSANDRA_TLS_CA", "/srv/node2-cassandra-tls/ca.crt"),
                        Map.entry("CASSINI_CLIENT_ENCRYPTION", "required"),
                        Map.entry("CASSINI_INTERNODE_ENCRYPTION", "accept"),
                        Map.entry("CASSINI_START", "true"));
    }

    @Test
    void aNewRingMemberStartsWithoutBootstrapAndItsSystemKeyspacesBornWithUpToThreeReplicas() {
        Map<String, String> three = environment(Map.of(), "--address", "127.0.0.11", "--new-ring", "2/3");
        assertThat(three)
                .containsEntry("CASSINI_AUTO_BOOTSTRAP", "false")
                .containsEntry("CASSINI_SYSTEM_KEYSPACE_REPLICAS", "3")
                .containsKey("CASSINI_INITIAL_TOKENS");
        assertThat(environment(Map.of(), "--address", "127.0.0.11", "--new-ring", "1/5"))
                .containsEntry("CASSINI_SYSTEM_KEYSPACE_REPLICAS", "3");
        assertThat(environment(Map.of(), "--address", "127.0.0.11", "--new-ring", "1/1"))
                .containsEntry("CASSINI_SYSTEM_KEYSPACE_REPLICAS", "1");
        assertThat(environment(Map.of(), "--address", "127.0.0.11"))
                .doesNotContainKey("CASSINI_SYSTEM_KEYSPACE_REPLICAS");
    }

    @Test
    void authFlagTurnsAuthOn() {
        assertThat(environment(Map.of(), "--auth")).containsEntry("CASSINI_AUTH", "true");
    }

    @Test
    void datacenterAndRackDefaultToDc1AndR1() {
        Map<String, String> env = environment(Map.of(), "--cluster", "demo", "--address", "127.0.0.11");

        assertThat(env).containsEntry("CASSINI_DATACENTER", "dc1").containsEntry("CASSINI_RACK", "r1");
    }

    @Test
    void dataDirDefaultsToHomeCassiniNodesClusterDashAddress() {
        Map<String, String> env = environment(Map.of(), "--cluster", "demo", "--address", "127.0.0.11");

        assertThat(env)
                .containsEntry(
                        "CASSINI_DATA_DIR",
                        Path.of(HOME, ".cassini", "nodes", "demo-127.0.0.11").toString());
    }

    @Test
    void defaultDataDirUsesInheritedClusterAndAddress() {
        Map<String, String> env = environment(Map.of("CASSINI_CLUSTER_NAME", "prod", "CASSINI_ADDRESS", "127.0.0.21"));

        assertThat(env)
                .containsEntry(
                        "CASSINI_DATA_DIR",
                        Path.of(HOME, ".cassini", "nodes", "prod-127.0.0.21").toString());
    }

    @Test
    void defaultDataDirWithoutClusterNameIsNamedCassini() {
        Map<String, String> env = environment(Map.of(), "--address", "127.0.0.11");

        assertThat(env)
                .containsEntry(
                        "CASSINI_DATA_DIR",
                        Path.of(HOME, ".cassini", "nodes", "cassini-127.0.0.11").toString());
    }

    @Test
    void withoutAnAddressNoDataDirIsInvented() {
        Map<String, String> env = environment(Map.of(), "--cluster", "demo");

        assertThat(env).doesNotContainKey("CASSINI_DATA_DIR").doesNotContainKey("CASSINI_ADDRESS");
    }

    @Test
    void relativeDataDirIsMadeAbsolute() {
        Map<String, String> env = environment(Map.of(), "--data-dir", "nodes/n1");

        assertThat(env.get("CASSINI_DATA_DIR"))
                .isEqualTo(Path.of("nodes/n1").toAbsolutePath().toString());
        assertThat(Path.of(env.get("CASSINI_DATA_DIR")).isAbsolute()).isTrue();
    }

    @Test
    void inheritedVariablesAreKeptWhenTheirFlagIsAbsent() {
        Map<String, String> inherited = Map.of(
                "CASSINI_DATACENTER", "dc9",
                "CASSINI_RACK", "r9",
                "CASSINI_DATA_DIR", "/volumes/n1",
                "CASSINI_HEAP", "2G",
                "CASSINI_START", "true",
                "CASSINI_CACHE", "/cache",
                "PATH", "/usr/bin");

        Map<String, String> env = environment(inherited, "--cluster", "demo", "--address", "127.0.0.11");

        assertThat(env)
                .containsAllEntriesOf(inherited)
                .containsEntry("CASSINI_CLUSTER_NAME", "demo")
                .containsEntry("CASSINI_ADDRESS", "127.0.0.11");
    }

    @Test
    void flagsWinOverInheritedVariables() {
        Map<String, String> env = environment(
                Map.of("CASSINI_RACK", "r9", "CASSINI_HEAP", "2G", "CASSINI_AUTH", "true"),
                "--rack",
                "r1",
                "--heap",
                "512M",
                "--no-auth");

        assertThat(env)
                .containsEntry("CASSINI_RACK", "r1")
                .containsEntry("CASSINI_HEAP", "512M")
                .containsEntry("CASSINI_AUTH", "false");
    }

    @Test
    void withoutStartFlagStartIsNotSet() {
        assertThat(environment(Map.of(), "--address", "127.0.0.11")).doesNotContainKey("CASSINI_START");
    }

    @Test
    void inheritedEnvironmentIsNotModified() {
        Map<String, String> inherited = new HashMap<>(Map.of("PATH", "/usr/bin"));

        environment(inherited, "--cluster", "demo", "--address", "127.0.0.11", "--start");

        assertThat(inherited).containsOnly(Map.entry("PATH", "/usr/bin"));
    }
}
