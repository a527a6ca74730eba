package dev.cassini.model.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeavePreflightTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    private static final Map<String, Map<String, String>> MIGRATED = Map.of(
            "system_auth", Map.of("class", NTS, "legacy", "3", "k8s", "3"),
            "shop", Map.of("class", NTS, "legacy", "3", "k8s", "3"),
            "audit", Map.of("class", NTS, "k8s", "2"),
            "system_schema", Map.of("class", "org.apache.cassandra.locator.LocalStrategy"));

    @Test
    void aDatacenterWithoutClientsWhoseDataIsElsewhereTooMayLeave() {
        List<LeavePreflight.Client> ownOnly = List.of(
                new LeavePreflight.Client("legacy", "10.0.0.9:50000", "cassini", "cassini-operator"),
                new LeavePreflight.Client("k8s", "10.1.0.5:41000", "app", "shop-service"));

        assertThat(LeavePreflight.refusals(Set.of("legacy"), MIGRATED, ownOnly, false))
                .isEmpty();
    }

    @Test
    void applicationClientsStillConnectedAreNamedUnlessTheLeaveIsForced() {
        List<LeavePreflight.Client> clients = List.of(
                new LeavePreflight.Client("legacy", "10.2.0.7:51000", "app", "shop-service"),
                new LeavePreflight.Client("legacy", "10.2.0.8:51000", "reports", null));

        assertThat(LeavePreflight.refusals(Set.of("legacy"), MIGRATED, clients, false))
                .containsExactly("2 application connections are still open to legacy: 10.2.0.7:51000 as app"
                        + " (shop-service), 10.2.0.8:51000 as reports. Point those clients at another datacenter"
                        + " first, or annotate the cluster with cassini.dev/force-leave: \"true\" to go on anyway");
        assertThat(LeavePreflight.refusals(Set.of("legacy"), MIGRATED, clients, true))
                .isEmpty();
    }

    @Test
    void aKeyspaceOnlyTheLeavingDatacenterHoldsRefusesEvenWhenForced() {
        Map<String, Map<String, String>> keyspaces = Map.of(
                "old", Map.of("class", NTS, "legacy", "3"), "shop", Map.of("class", NTS, "legacy", "3", "k8s", "3"));

        assertThat(LeavePreflight.refusals(Set.of("legacy"), keyspaces, List.of(), true))
                .containsExactly("keyspace old has replicas only in legacy, so its data would be on no node; give it"
                        + " replicas in a datacenter that stays (ALTER KEYSPACE), or drop it");
    }

    @Test
    void theLeavingDatacenterIsTakenOutOfEveryKeyspaceWithSystemAuthLast() {
        assertThat(LeavePreflight.alters(Set.of("legacy"), MIGRATED))
                .containsExactly(
                        "ALTER KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'k8s': 3}",
                        "ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', 'k8s': 3}");
    }
}
