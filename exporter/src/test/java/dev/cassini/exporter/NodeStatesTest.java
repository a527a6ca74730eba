package dev.cassini.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import java.util.Arrays;
import java.util.List;
import org.apache.cassandra.service.StorageService;
import org.junit.jupiter.api.Test;

/**
 * The node states exported and the contract's node states follow Cassandra's own operation modes,
 * read from the Cassandra release this module compiles against: a mode Cassandra adds fails here,
 * not in a dashboard.
 */
class NodeStatesTest {
    private static final List<String> CASSANDRA_MODES =
            Arrays.stream(StorageService.Mode.values()).map(Enum::name).toList();

    @Test
    void theExporterShowsEveryModeOfCassandra() {
        assertThat(NodeStatusCollector.STATES).containsExactlyInAnyOrderElementsOf(CASSANDRA_MODES);
    }

    @Test
    void theContractKnowsEveryModeOfCassandra() {
        assertThat(CASSANDRA_MODES)
                .allSatisfy(mode -> assertThat(NodeState.ofCassandraMode(mode)).isNotEqualTo(NodeState.UNKNOWN));
    }
}
