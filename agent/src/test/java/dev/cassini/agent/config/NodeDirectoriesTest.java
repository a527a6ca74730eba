package dev.cassini.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout of a node's data volume. */
class NodeDirectoriesTest {
    @TempDir
    Path root;

    @Test
    void everythingLivesUnderTheRoot() {
        NodeDirectories dirs = new NodeDirectories(Path.of("/v"));

        assertThat(List.of(
                        dirs.data(),
                        dirs.commitlog(),
                        dirs.hints(),
                        dirs.savedCaches(),
                        dirs.cdcRaw(),
                        dirs.logs(),
                        dirs.conf(),
                        dirs.agentState()))
                .extracting(Path::toString)
                .containsExactly(
                        "/v/data",
                        "/v/commitlog",
                        "/v/hints",
                        "/v/saved_caches",
                        "/v/cdc_raw",
                        "/v/logs",
                        "/v/conf",
                        "/v/cassini");
        assertThat(dirs.cassandraYaml()).isEqualTo(Path.of("/v/conf/cassandra.yaml"));
        assertThat(dirs.rackDcProperties()).isEqualTo(Path.of("/v/conf/cassandra-rackdc.properties"));
        assertThat(dirs.logbackXml()).isEqualTo(Path.of("/v/conf/logback.xml"));
        assertThat(dirs.jvmOptionsFile()).isEqualTo(Path.of("/v/conf/jvm.options"));
        assertThat(dirs.systemLog()).isEqualTo(Path.of("/v/logs/system.log"));
        assertThat(dirs.outputLog()).isEqualTo(Path.of("/v/logs/output.log"));
    }

    @Test
    void createMakesEveryDirectoryAndIsRepeatable() throws Exception {
        NodeDirectories dirs = new NodeDirectories(root.resolve("node"));

        dirs.create();
        dirs.create();

        for (Path dir : List.of(
                dirs.data(),
                dirs.commitlog(),
                dirs.hints(),
                dirs.savedCaches(),
                dirs.cdcRaw(),
                dirs.logs(),
                dirs.conf(),
                dirs.agentState())) {
            assertThat(dir).isDirectory();
        }
    }

    @Test
    void nodeHasCassandraDataOnceTheSystemKeyspaceExists() throws Exception {
        NodeDirectories dirs = new NodeDirectories(root);
        dirs.create();
        assertThat(dirs.hasCassandraData()).isFalse();

        Files.createDirectories(dirs.data().resolve("system"));

        assertThat(dirs.hasCassandraData()).isTrue();
    }
}
