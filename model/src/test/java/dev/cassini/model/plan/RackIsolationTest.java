package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RackIsolationTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";

    @Test
    void networkTopologyWithNoMoreReplicasThanRacksKeepsEachReplicaInItsOwnRack() {
        Map<String, Map<String, String>> keyspaces = Map.of(
                "shop", Map.of("class", NTS, "dc1", "3", "dc2", "5"),
                "system_auth", Map.of("class", NTS, "dc1", "3"),
                "system", Map.of("class", "org.apache.cassandra.locator.LocalStrategy"),
                "elsewhere", Map.of("class", NTS, "dc2", "3"));
        assertThat(RackIsolation.violations("dc1", 3, keyspaces)).isEmpty();
        assertThat(RackIsolation.violations("dc1", 4, keyspaces)).isEmpty();
        // dc2's five replicas are dc2's business; in dc2 with three racks they are not
        assertThat(RackIsolation.violations("dc2", 3, keyspaces))
                .containsExactly("shop has 5 replicas in dc2, more than its 3 racks");
    }

    @Test
    void moreReplicasThanRacksNamesTheKeyspace() {
        Map<String, Map<String, String>> keyspaces = Map.of(
                "a", Map.of("class", NTS, "dc1", "3"),
                "b", Map.of("class", NTS, "dc1", "2"));
        assertThat(RackIsolation.violations("dc1", 1, keyspaces))
                .containsExactly(
                        "a has 3 replicas in dc1, more than its 1 rack",
                        "b has 2 replicas in dc1, more than its 1 rack");
        assertThat(RackIsolation.violations("dc1", 2, keyspaces))
                .containsExactly("a has 3 replicas in dc1, more than its 2 racks");
    }

    @Test
    void transientReplicasCountByTheirTotal() {
        assertThat(RackIsolation.violations("dc1", 3, Map.of("t", Map.of("class", NTS, "dc1", "3/1"))))
                .isEmpty();
        assertThat(RackIsolation.violations("dc1", 2, Map.of("t", Map.of("class", NTS, "dc1", "3/1"))))
                .hasSize(1);
    }

    @Test
    void simpleStrategyIgnoresRacksUnlessItKeepsOneCopy() {
        assertThat(RackIsolation.violations(
                        "dc1",
                        3,
                        Map.of("system_traces", Map.of("class", "SimpleStrategy", "replication_factor", "2"))))
                .containsExactly("system_traces uses SimpleStrategy, which ignores racks");
        assertThat(RackIsolation.violations(
                        "dc1", 3, Map.of("one", Map.of("class", "SimpleStrategy", "replication_factor", "1"))))
                .isEmpty();
    }

    @Test
    void anUnknownStrategyOrAnUnreadableFactorIsNotTrusted() {
        assertThat(RackIsolation.violations("dc1", 3, Map.of("e", Map.of("class", "com.example.EverywhereStrategy"))))
                .containsExactly("e uses EverywhereStrategy, whose placement is not known here");
        assertThat(RackIsolation.violations("dc1", 3, Map.of("x", Map.of("class", NTS, "dc1", "three"))))
                .hasSize(1);
    }
}
