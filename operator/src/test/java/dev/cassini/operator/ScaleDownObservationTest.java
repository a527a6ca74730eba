package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleDownObservationTest {
    @Test
    void replicationIsCountedPerDatacenterAndSimpleStrategyCountsEverywhere() {
        List<String> dcs = List.of("dc1", "dc2");
        assertThat(KeyspaceReplication.highestByDatacenter(
                        Map.of(
                                "class",
                                "org.apache.cassandra.locator.NetworkTopologyStrategy",
                                "dc1",
                                "3",
                                "dc2",
                                "2/1"),
                        dcs))
                .containsExactlyInAnyOrderEntriesOf(Map.of("dc1", 3, "dc2", 2));
        assertThat(KeyspaceReplication.highestByDatacenter(
                        Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2"), dcs))
                .containsExactlyInAnyOrderEntriesOf(Map.of("dc1", 2, "dc2", 2));
        assertThat(KeyspaceReplication.highestByDatacenter(
                        Map.of("class", "org.apache.cassandra.locator.LocalStrategy"), dcs))
                .isEmpty();
    }
}
