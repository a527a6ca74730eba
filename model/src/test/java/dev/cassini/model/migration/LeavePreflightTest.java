package dev.cassini.model.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.ClientConnection;
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
                client("legacy", "legacy-0", "10.0.0.9", "cassini", "cassini-operator"),
                client("legacy", "legacy-1", "10.0.0.9", "cassini", "cassini-cli"),
                client("k8s", "k8s-0", "10.1.0.5", "app", "shop-service"));

        assertThat(LeavePreflight.refusals(Set.of("legacy"), MIGRATED, ownOnly, false))
                .isEmpty();
    }

    @Test
    void applicationClientsStillConnectedAreNamedUnlessTheLeaveIsForced() {
        List<LeavePreflight.Client> clients = List.of(
                client("legacy", "legacy-1", "10.2.0.8", "reports", null),
                client("legacy", "legacy-0", "10.2.0.7", "app", "shop-service"),
                client("legacy", "legacy-0", "10.2.0.9", null, "cassini"));

        assertThat(LeavePreflight.refusals(Set.of("legacy"), MIGRATED, clients, false))
                .containsExactly("3 application connections are still open to legacy: 10.2.0.7 to legacy-0 as app"
                        + " (shop-service), 10.2.0.9 to legacy-0 as an unauthenticated client (cassini), 10.2.0.8 to"
                        + " legacy-1 as reports. Point those clients at another datacenter"
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
    void theLeavingDatacenterIsTakenOutOfEveryKeyspaceWithSystemAuthLastAndOnlyWhenAsked() {
        assertThat(LeavePreflight.alters(Set.of("legacy"), MIGRATED, true))
                .containsExactly(
                        "ALTER KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'k8s': 3}",
                        "ALTER KEYSPACE system_auth WITH replication = {'class': 'NetworkTopologyStrategy', 'k8s': 3}");
        assertThat(LeavePreflight.alters(Set.of("legacy"), MIGRATED, false))
                .containsExactly(
                        "ALTER KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'k8s': 3}");
    }

    private static LeavePreflight.Client client(
            String datacenter, String pod, String address, String user, String application) {
        return new LeavePreflight.Client(datacenter, pod, new ClientConnection(address, user, application));
    }
}
