package dev.cassini.model.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatacenterReplicationTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    private static final Map<String, String> LEGACY_AND_EU = Map.of("class", NTS, "legacy", "3", "eu", "2");

    @Test
    void aJoiningDatacenterIsMergedInAndEveryOtherKeepsItsFactor() {
        assertThat(DatacenterReplication.joined(LEGACY_AND_EU, Map.of("k8s", 3)))
                .containsExactlyEntriesOf(
                        new java.util.TreeMap<>(Map.of("class", NTS, "eu", "2", "k8s", "3", "legacy", "3")));
    }

    @Test
    void aDatacenterJoiningAgainGetsTheFactorAskedFor() {
        assertThat(DatacenterReplication.joined(Map.of("class", NTS, "legacy", "3", "k8s", "1"), Map.of("k8s", 3)))
                .containsEntry("k8s", "3")
                .containsEntry("legacy", "3");
    }

    @Test
    void leavingTakesOnlyTheLeavingDatacenterOut() {
        assertThat(DatacenterReplication.left(LEGACY_AND_EU, Set.of("legacy")))
                .hasValue(Map.of("class", NTS, "eu", "2"));
    }

    @Test
    void leavingThatWouldLeaveNoReplicaIsRefused() {
        assertThat(DatacenterReplication.left(Map.of("class", NTS, "legacy", "3"), Set.of("legacy")))
                .isEmpty();
        assertThat(DatacenterReplication.left(Map.of("class", NTS, "legacy", "3", "k8s", "0"), Set.of("legacy")))
                .isEmpty();
    }

    @Test
    void aKeyspaceOnSimpleStrategyCannotNameDatacenters() {
        assertThatThrownBy(() -> DatacenterReplication.joined(
                        Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "3"),
                        Map.of("k8s", 3)))
                .hasMessageContaining("only NetworkTopologyStrategy does");
        assertThat(DatacenterReplication.replicatesTo(
                        Map.of("class", "SimpleStrategy", "replication_factor", "3"), "replication_factor"))
                .isFalse();
    }

    @Test
    void theAlterStatementNamesEveryDatacenterInOrder() {
        assertThat(DatacenterReplication.alter("shop", DatacenterReplication.joined(LEGACY_AND_EU, Map.of("k8s", 3))))
                .isEqualTo("ALTER KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'eu': 2,"
                        + " 'k8s': 3, 'legacy': 3}");
        assertThat(DatacenterReplication.alter("Shop", Map.of("class", NTS, "dc1", "1")))
                .isEqualTo("ALTER KEYSPACE \"Shop\" WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
    }

    @Test
    void systemKeyspacesGetUpToThreeReplicasInAJoiningDatacenter() {
        assertThat(DatacenterReplication.systemFactor(1)).isEqualTo(1);
        assertThat(DatacenterReplication.systemFactor(2)).isEqualTo(2);
        assertThat(DatacenterReplication.systemFactor(6)).isEqualTo(3);
        assertThat(DatacenterReplication.replicatesTo(LEGACY_AND_EU, "eu")).isTrue();
        assertThat(DatacenterReplication.replicatesTo(LEGACY_AND_EU, "k8s")).isFalse();
    }
}
