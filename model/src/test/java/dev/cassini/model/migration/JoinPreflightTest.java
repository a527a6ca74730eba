package dev.cassini.model.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinPreflightTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    private static final JoinPreflight.Joining K8S =
            new JoinPreflight.Joining(List.of("10.0.0.1", "10.0.0.2"), "Legacy Cluster", "k8s", "5.0.6");

    private static JoinPreflight.Ring ring(Map<String, Map<String, String>> keyspaces) {
        return new JoinPreflight.Ring(
                "10.0.0.1",
                "Legacy Cluster",
                Set.of("legacy"),
                Map.of("10.0.0.1", "5.0.5", "10.0.0.2", "5.0.5"),
                keyspaces,
                1);
    }

    @Test
    void aRingReadyForTheJoinRefusesNothing() {
        assertThat(JoinPreflight.refusals(
                        Optional.of(ring(Map.of(
                                "shop", Map.of("class", NTS, "legacy", "3"),
                                "system_schema", Map.of("class", "org.apache.cassandra.locator.LocalStrategy")))),
                        K8S))
                .isEmpty();
    }

    @Test
    void noSeedAnsweringSaysWhichWereTriedAndWhatToCheck() {
        assertThat(JoinPreflight.refusals(Optional.empty(), K8S))
                .singleElement()
                .asString()
                .contains("no seed of the ring answers (10.0.0.1, 10.0.0.2)")
                .contains("spec.additionalSeeds");
    }

    @Test
    void everySimpleStrategyKeyspaceIsListedWithTheAlterThatFixesIt() {
        List<String> refusals = JoinPreflight.refusals(
                Optional.of(ring(Map.of(
                        "system_auth",
                                Map.of(
                                        "class",
                                        "org.apache.cassandra.locator.SimpleStrategy",
                                        "replication_factor",
                                        "1"),
                        "shop", Map.of("class", "SimpleStrategy", "replication_factor", "3"),
                        "audit", Map.of("class", NTS, "legacy", "3")))),
                K8S);

        assertThat(refusals)
                .containsExactly(
                        "keyspace shop uses SimpleStrategy, which places replicas with no regard to datacenters, so"
                                + " the joining one would take replicas before it holds any data; run ALTER KEYSPACE"
                                + " shop WITH replication = {'class': 'NetworkTopologyStrategy', 'legacy': 3} first",
                        "keyspace system_auth uses SimpleStrategy, which places replicas with no regard to"
                                + " datacenters, so the joining one would take replicas before it holds any data; run"
                                + " ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy',"
                                + " 'legacy': 1} first");
    }

    @Test
    void anotherClusterNameATakenDatacenterNameAnotherMajorAndSchemaDisagreementAreEachRefused() {
        JoinPreflight.Ring other = new JoinPreflight.Ring(
                "10.0.0.1",
                "Other",
                Set.of("k8s", "legacy"),
                Map.of("10.0.0.1", "4.1.5", "10.0.0.2", "5.0.5"),
                Map.of(),
                2);

        List<String> refusals = JoinPreflight.refusals(Optional.of(other), K8S);

        assertThat(refusals).hasSize(4);
        assertThat(refusals.get(0))
                .contains("the ring's cluster name is 'Other'")
                .endsWith("set spec.clusterName to 'Other'");
        assertThat(refusals.get(1))
                .contains("already has a datacenter named k8s")
                .contains("the ring has k8s, legacy");
        assertThat(refusals.get(2)).contains("the ring runs Cassandra {10.0.0.1=4.1.5} and this cluster 5.0.6");
        assertThat(refusals.get(3)).contains("disagree on the schema (2 versions)");
    }

    @Test
    void theMajorVersionIsTheReleasesFirstNumber() {
        assertThat(JoinPreflight.major("5.0.6")).isEqualTo("5");
        assertThat(JoinPreflight.major("4.1.5")).isEqualTo("4");
        assertThat(JoinPreflight.major("trunk")).isEqualTo("trunk");
    }
}
