package dev.cassini.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values derived from a node configuration: directories, CQL port, a moved address, the default start plan. */
class NodeConfigTest {
    @TempDir
    Path root;

    @Test
    void configDirectoriesFollowTheDataDir() {
        NodeConfig config = TestNodeConfigs.config(root);
        assertThat(config.directories().root()).isEqualTo(root.toAbsolutePath());
    }

    @Test
    void withAddressChangesOnlyTheAddress() {
        NodeConfig config = TestNodeConfigs.config(
                root, Map.of(NodeConfigLoader.ENV_SEEDS, "127.0.0.12", NodeConfigLoader.ENV_HEAP, "1G"));

        NodeConfig moved = config.withAddress("127.0.0.77");

        assertThat(moved.address()).isEqualTo("127.0.0.77");
        assertThat(moved).usingRecursiveComparison().ignoringFields("address").isEqualTo(config);
    }

    @Test
    void startPlanOfAConfigUsesItsTokensAndBootstraps() {
        NodeConfig config = TestNodeConfigs.config(root, Map.of(NodeConfigLoader.ENV_INITIAL_TOKENS, "-5,5"));

        StartPlan plan = StartPlan.of(config, List.of("127.0.0.12"));

        assertThat(plan.seeds()).containsExactly("127.0.0.12");
        assertThat(plan.initialTokens()).containsExactly(-5L, 5L);
        assertThat(plan.replaceAddress()).isEqualTo(Optional.empty());
        assertThat(plan.autoBootstrap()).isTrue();
    }

    @Test
    void cqlPortIs9042UnlessOverridden() {
        assertThat(TestNodeConfigs.config(root).nativePort()).isEqualTo(9042);
        assertThat(TestNodeConfigs.config(
                                root, Map.of(NodeConfigLoader.ENV_CASSANDRA_YAML, "native_transport_port: 9142"))
                        .nativePort())
                .isEqualTo(9142);
    }

    @Test
    void collectionsAreImmutableCopies() {
        NodeConfig config = TestNodeConfigs.config(root, Map.of(NodeConfigLoader.ENV_JVM_OPTIONS, "-Da=1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> config.jvmOptions().add("-Db=2"))
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config.seeds().add("127.0.0.1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
