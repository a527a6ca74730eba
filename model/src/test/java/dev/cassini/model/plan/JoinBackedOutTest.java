package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.ClientConnection;
import dev.cassini.contract.NodeState;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.DatacenterLayout;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.RackShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every datacenter of the resource removed from the spec while an external one stays: a join
 * backed out, or the source side of a move to another Kubernetes cluster. Its nodes leave as any
 * leaving datacenter's do, with no node of the resource left to stay, and the external
 * datacenter's replication comes back to what it was before the join.
 */
class JoinBackedOutTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    private static final List<String> SEEDS = List.of("10.0.0.1", "10.0.0.2");
    private static final DiskUsage DISK = new DiskUsage(1L << 30, 100L << 30, 200L << 30);
    private static final ClientConnection OPERATOR = new ClientConnection("10.9.0.1", "admin", "cassini-operator");
    private static final ClientConnection SHOP = new ClientConnection("10.8.0.7", "shop", "checkout");

    /** As the join left it: legacy's replication with k8s merged in. */
    private static final Map<String, Map<String, String>> JOINED = Map.of(
            "app", Map.of("class", NTS, "legacy", "3", "k8s", "2"),
            "system_auth", Map.of("class", NTS, "legacy", "3", "k8s", "2"),
            "system_distributed", Map.of("class", NTS, "legacy", "3", "k8s", "2"));

    /** After the first withdrawal: only system_auth still names k8s. */
    private static final Map<String, Map<String, String>> AUTH_ONLY = Map.of(
            "app", Map.of("class", NTS, "legacy", "3"),
            "system_auth", Map.of("class", NTS, "legacy", "3", "k8s", "2"),
            "system_distributed", Map.of("class", NTS, "legacy", "3"));

    /** As before the join. */
    private static final Map<String, Map<String, String>> BEFORE = Map.of(
            "app", Map.of("class", NTS, "legacy", "3"),
            "system_auth", Map.of("class", NTS, "legacy", "3"),
            "system_distributed", Map.of("class", NTS, "legacy", "3"));

    /** No datacenter in the spec; k8s's two nodes (racks r1, r2) still run, each as {@code agents} says. */
    private static Action plan(
            Map<String, Map<String, String>> keyspaces,
            UnaryOperator<AgentView> agents,
            UnaryOperator<ObservedCluster.Builder> more) {
        List<ObservedNode> surplus = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(
                new ClusterNames("moved"),
                "k8s",
                2,
                List.of(new RackShape("r1", null, null), new RackShape("r2", null, null)))) {
            surplus.add(new ObservedNode(
                    new NodeSlot(slot.datacenter(), slot.rack(), slot.ordinal(), slot.pod(), -1),
                    Optional.of("10.0.1." + (slot.rack().equals("r1") ? 1 : 2)),
                    Optional.of(agents.apply(new AgentView(
                            NodeState.NORMAL,
                            "h-" + slot.pod(),
                            true,
                            SEEDS,
                            DISK,
                            List.of(),
                            null,
                            List.of(OPERATOR))))));
        }
        return Planner.next(more.apply(ObservedCluster.builder()
                        .nodes(List.of())
                        .desiredSeeds(SEEDS)
                        .authInitialized(true)
                        .externalDatacenters(List.of("legacy"))
                        .surplus(surplus)
                        .replicationByDatacenter(Map.of("legacy", 3, "k8s", 2))
                        .keyspaceReplication(keyspaces))
                .build());
    }

    private static AgentView with(AgentView a, NodeState state, List<ClientConnection> clients) {
        return new AgentView(
                state, a.hostId(), a.joined(), a.seeds(), a.disk(), a.clientAddresses(), a.servingFor(), clients);
    }

    @Test
    void applicationsStillConnectedToTheBackedOutDatacenterHoldItUntilForced() {
        Action refused = plan(JOINED, a -> with(a, NodeState.NORMAL, List.of(OPERATOR, SHOP)), b -> b);
        assertThat(refused).isInstanceOf(Action.Refuse.class);
        assertThat(refused.reason())
                .contains("removal of datacenter k8s refused")
                .contains("as shop (checkout)");

        Action forced = plan(JOINED, a -> with(a, NodeState.NORMAL, List.of(OPERATOR, SHOP)), b -> b.forceLeave(true));
        assertThat(forced).isInstanceOf(Action.WithdrawReplication.class);
    }

    @Test
    void firstEveryKeyspaceLetsGoOfTheBackedOutDatacenterKeepingTheExternalOne() {
        Action withdraw = plan(JOINED, UnaryOperator.identity(), b -> b);
        assertThat(withdraw).isEqualTo(new Action.WithdrawReplication(Set.of("k8s"), false, withdraw.reason()));
    }

    @Test
    void thenItsNodesDecommissionOneAtATimeForcedAsSystemAuthStillNamesIt() {
        Action first = plan(AUTH_ONLY, UnaryOperator.identity(), b -> b);
        assertThat(first).isInstanceOf(Action.Decommission.class);
        assertThat(((Action.Decommission) first).force()).isTrue();

        Action second = plan(
                AUTH_ONLY,
                a -> a.hostId().equals("h-" + ((Action.Decommission) first).pod())
                        ? with(a, NodeState.DECOMMISSIONED, a.clients())
                        : a,
                b -> b);
        assertThat(second).isInstanceOf(Action.RemoveNode.class);
        assertThat(((Action.RemoveNode) second).pod()).isEqualTo(((Action.Decommission) first).pod());
    }

    @Test
    void onceItsLastNodeHasLeftSystemAuthLetsGoThenThePodsAndTheDatacenterGo() {
        UnaryOperator<AgentView> allGone = a -> with(a, NodeState.DECOMMISSIONED, a.clients());
        Action auth = plan(AUTH_ONLY, allGone, b -> b);
        assertThat(auth).isEqualTo(new Action.WithdrawReplication(Set.of("k8s"), true, auth.reason()));

        assertThat(plan(BEFORE, allGone, b -> b)).isInstanceOf(Action.RemoveNode.class);

        Action leftover = Planner.next(ObservedCluster.builder()
                .nodes(List.of())
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .externalDatacenters(List.of("legacy"))
                .leftoverDatacenters(List.of("k8s"))
                .build());
        assertThat(leftover).isEqualTo(new Action.RemoveDatacenter("k8s", leftover.reason()));
    }

    @Test
    void withNothingLeftHereTheResourceConvergesSayingWhereTheRingLivesOn() {
        Action done = Planner.next(ObservedCluster.builder()
                .nodes(List.of())
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .externalDatacenters(List.of("legacy"))
                .build());
        assertThat(done).isInstanceOf(Action.Converged.class);
        assertThat(done.reason())
                .isEqualTo("no datacenter of this resource is left in the ring, which lives on in legacy");
    }
}
