package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JoinReplicationTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    private static final Map<String, Integer> RING = Map.of("dc1", 3);

    private static DatacenterJoin join(Optional<Integer> defaultFactor, Map<String, Integer> keyspaces) {
        return join(3, defaultFactor, keyspaces);
    }

    /** dc2 of {@code size} nodes, whose system keyspaces get min(3, size) replicas. */
    private static DatacenterJoin join(int size, Optional<Integer> defaultFactor, Map<String, Integer> keyspaces) {
        return new DatacenterJoin(
                "dc2", "dc1", 0, Math.min(3, size), defaultFactor, keyspaces, false, List.of(), RING, List.of());
    }

    private static final Map<String, Map<String, String>> SCHEMA = Map.of(
            "system_auth", Map.of("class", NTS, "dc1", "3"),
            "system_distributed", Map.of("class", NTS, "dc1", "3"),
            "system_traces", Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2"),
            "system", Map.of("class", "org.apache.cassandra.locator.LocalStrategy"),
            "system_schema", Map.of("class", "org.apache.cassandra.locator.LocalStrategy"),
            "shop", Map.of("class", NTS, "dc1", "3"),
            "ledger", Map.of("class", NTS, "dc1", "2", "legacy", "3"),
            "scratch", Map.of("class", NTS, "dc1", "1"));

    @Test
    void systemKeyspacesAlwaysJoinAndApplicationKeyspacesAsTheJoinSays() {
        assertThat(JoinReplication.alterations(join(2, Optional.empty(), Map.of("shop", 2)), SCHEMA))
                .containsExactly(
                        "ALTER KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 2}",
                        "ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3,"
                                + " 'dc2': 2}",
                        "ALTER KEYSPACE system_distributed WITH replication = {'class': 'NetworkTopologyStrategy',"
                                + " 'dc1': 3, 'dc2': 2}",
                        // SimpleStrategy's 2 copies become 2 in dc1, as they were.
                        "ALTER KEYSPACE system_traces WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2,"
                                + " 'dc2': 2}");
    }

    @Test
    void aDefaultCoversEveryApplicationKeyspaceNotNamedAndZeroKeepsOneOutAndOtherDatacentersStay() {
        List<String> statements = JoinReplication.alterations(join(Optional.of(1), Map.of("scratch", 0)), SCHEMA);
        assertThat(statements)
                .contains(
                        "ALTER KEYSPACE ledger WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2,"
                                + " 'dc2': 1, 'legacy': 3}",
                        "ALTER KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3, 'dc2': 1}")
                .noneMatch(s -> s.contains("scratch") || s.contains("KEYSPACE system ") || s.contains("system_schema"));
    }

    @Test
    void aKeyspaceThatHasTheDatacenterAlreadyIsLeftAsItIsSoTheStepCanRepeat() {
        Map<String, Map<String, String>> done = Map.of(
                "shop", Map.of("class", NTS, "dc1", "3", "dc2", "2"),
                "system_auth", Map.of("class", NTS, "dc1", "3", "dc2", "3"));
        assertThat(JoinReplication.alterations(join(Optional.empty(), Map.of("shop", 2)), done))
                .isEmpty();
    }

    @Test
    void applicationKeyspacesOnSimpleStrategyAreNamedWithTheStatementThatKeepsTheirReplicas() {
        Map<String, Map<String, String>> schema = Map.of(
                "legacy", Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "5"),
                "system_traces",
                        Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2"),
                "shop", Map.of("class", NTS, "dc1", "3"));
        assertThat(JoinReplication.simpleStrategyKeyspaces(schema, RING))
                .containsExactly("legacy (run: ALTER KEYSPACE legacy WITH replication = {'class':"
                        + " 'NetworkTopologyStrategy', 'dc1': 3})");
    }
}
