package dev.cassini.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.config.NodeConfigLoader;
import dev.cassini.agent.config.StartPlan;
import dev.cassini.agent.config.TestNodeConfigs;
import dev.cassini.contract.ProcessState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the supervisor refuses before starting anything. Every start here is refused or fails on
 * an empty lib dir, so no Cassandra process is ever launched.
 */
class CassandraSupervisorTest {
    @TempDir
    Path tmp;

    private CassandraSupervisor supervisor(NodeConfig config) throws IOException {
        Path emptyLib = Files.createDirectories(tmp.resolve("no-cassandra"));
        return new CassandraSupervisor(
                config,
                Map.of(CassandraDistribution.ENV_LIB_DIR, emptyLib.toString()),
                tmp.resolve("helper.sock"),
                new PrintStream(new ByteArrayOutputStream()));
    }

    private static StartPlan planWithTokens(List<Long> tokens) {
        return new StartPlan(List.of("127.0.0.11"), tokens, Optional.empty(), false);
    }

    @Test
    void initialTokensWhoseCountDiffersFromNumTokensAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path dataDir = tmp.resolve("node");
        CassandraSupervisor supervisor = supervisor(TestNodeConfigs.config(dataDir));

        assertThatThrownBy(() -> supervisor.start(planWithTokens(List.of(-100L, 100L))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "initialTokens lists 2 tokens but this node has CASSINI_NUM_TOKENS=16; Cassandra fixes the token count"
                                + " at first boot and would refuse to restart with another. Give 16 tokens or set CASSINI_NUM_TOKENS=2");
        assertThat(dataDir).doesNotExist();
        assertThat(supervisor.state()).isEqualTo(ProcessState.NOT_STARTED);
        assertThat(supervisor.lastPlan()).isEmpty();
    }

    @Test
    void initialTokensMatchingNumTokensGetPastTheCheck() throws IOException {
        Path dataDir = tmp.resolve("node");
        NodeConfig config = TestNodeConfigs.config(dataDir, Map.of(NodeConfigLoader.ENV_NUM_TOKENS, "2"));
        CassandraSupervisor supervisor = supervisor(config);

        // The next step, finding the jars, fails on the empty lib dir: proof the token check let it through.
        assertThatThrownBy(() -> supervisor.start(planWithTokens(List.of(-100L, 100L))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("has no cassandra-all-5.0.6.jar");
        assertThat(supervisor.state()).isEqualTo(ProcessState.NOT_STARTED);
    }

    @Test
    void startWithoutInitialTokensIsNotCheckedAgainstNumTokens() throws IOException {
        CassandraSupervisor supervisor = supervisor(TestNodeConfigs.config(tmp.resolve("node")));

        assertThatThrownBy(() -> supervisor.start(planWithTokens(List.of())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("has no cassandra-all-5.0.6.jar");
    }

    @Test
    void supervisorThatNeverStartedHasNothingToReport() throws IOException {
        CassandraSupervisor supervisor = supervisor(TestNodeConfigs.config(tmp.resolve("node")));

        assertThat(supervisor.state()).isEqualTo(ProcessState.NOT_STARTED);
        assertThat(supervisor.pid()).isEmpty();
        assertThat(supervisor.lastExit()).isEmpty();
        assertThat(supervisor.startedAt()).isEmpty();
    }
}
