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
 * An external datacenter marked leaving (the migration's last step): its clients gone, every
 * keyspace lets go of it, its nodes decommission one at a time through the agents at their
 * addresses (or the people who run them), then system_auth lets go.
 */
class ExternalDatacenterLeaveTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    private static final List<String> SEEDS = List.of("10.1.0.1");
    private static final ClientConnection SHOP = new ClientConnection("10.8.0.7", "shop", "checkout");
    private static final List<String> LEGACY = List.of("192.168.0.11", "192.168.0.12", "192.168.0.13");

    private static final Map<String, Map<String, String>> BOTH = Map.of(
            "shop", Map.of("class", NTS, "legacy", "3", "k8s", "3"),
            "system_auth", Map.of("class", NTS, "legacy", "3", "k8s", "3"));
    private static final Map<String, Map<String, String>> AUTH_ONLY = Map.of(
            "shop", Map.of("class", NTS, "k8s", "3"), "system_auth", Map.of("class", NTS, "legacy", "3", "k8s", "3"));
    private static final Map<String, Map<String, String>> K8S_ONLY =
            Map.of("shop", Map.of("class", NTS, "k8s", "3"), "system_auth", Map.of("class", NTS, "k8s", "3"));

    private static Action next(
            Map<String, Map<String, String>> keyspaces,
            List<ExternalNode> legacy,
            UnaryOperator<ObservedCluster.Builder> more) {
        List<ObservedNode> nodes = new ArrayList<>();
        int i = 0;
        for (NodeSlot slot :
                DatacenterLayout.slots(new ClusterNames("moved"), "k8s", 3, List.of(new RackShape("r1", null, null)))) {
            nodes.add(new ObservedNode(
                    slot,
                    Optional.of("10.1.0." + ++i),
                    Optional.of(new AgentView(NodeState.NORMAL, "h" + i, true, SEEDS, null))));
        }
        return Planner.next(more.apply(ObservedCluster.builder()
                        .nodes(nodes)
                        .desiredSeeds(SEEDS)
                        .externalDatacenters(List.of("legacy"))
                        .leavingExternalDatacenters(List.of("legacy"))
                        .externalNodes(legacy)
                        .keyspaceReplication(keyspaces))
                .build());
    }

    private static List<ExternalNode> legacy(NodeState state, boolean agent, List<ClientConnection> clients) {
        List<ExternalNode> nodes = new ArrayList<>();
        for (String address : LEGACY) {
            nodes.add(new ExternalNode(
                    "legacy",
                    address,
                    "host-" + address,
                    state == NodeState.DECOMMISSIONED ? null : state,
                    true,
                    agent
                            ? Optional.of(
                                    new AgentView(state, "host-" + address, true, List.of(), null, null, null, clients))
                            : Optional.empty()));
        }
        return nodes;
    }

    @Test
    void applicationsStillOnItRefuseTheLeaveNamingThem() {
        Action action = next(BOTH, legacy(NodeState.NORMAL, true, List.of(SHOP)), UnaryOperator.identity());
        assertThat(action).isInstanceOf(Action.Refuse.class);
        assertThat(action.reason())
                .startsWith("removal of datacenter legacy refused: 3 application connections are still open to legacy:"
                        + " 10.8.0.7 to 192.168.0.11 as shop (checkout)")
                .contains("set its leaving to false");
    }

    @Test
    void withoutAnAgentItsClientsAreUnknownSoOnlyAForcedLeaveGoesOn() {
        Action waits = next(BOTH, legacy(NodeState.NORMAL, false, null), UnaryOperator.identity());
        assertThat(waits).isInstanceOf(Action.Wait.class);
        assertThat(waits.reason())
                .contains("192.168.0.11, 192.168.0.12, 192.168.0.13")
                .contains("force-leave");

        Action forced = next(BOTH, legacy(NodeState.NORMAL, false, null), b -> b.forceLeave(true));
        assertThat(forced).isEqualTo(new Action.WithdrawReplication(Set.of("legacy"), false, forced.reason()));
    }

    @Test
    void itsNodesDecommissionThroughTheirAgentsForcedWhileSystemAuthWouldRefuse() {
        Action action = next(AUTH_ONLY, legacy(NodeState.NORMAL, true, List.of()), UnaryOperator.identity());
        assertThat(action).isEqualTo(new Action.DecommissionExternal("192.168.0.11", true, action.reason()));
        assertThat(action.reason()).contains("3 of its nodes left").contains("system_auth keeps 3 replicas");
    }

    @Test
    void aNodeWithoutAnAgentGetsTheCommandToRunInStatus() {
        Action action = next(AUTH_ONLY, legacy(NodeState.NORMAL, false, null), b -> b.forceLeave(true));
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason())
                .contains("no Cassini agent answers at 192.168.0.11")
                .contains("run nodetool decommission --force on 192.168.0.11 (host ID host-192.168.0.11)");
    }

    @Test
    void aNodeThatIsLeavingIsWaitedFor() {
        List<ExternalNode> nodes = new ArrayList<>(legacy(NodeState.NORMAL, true, List.of()));
        nodes.set(0, legacy(NodeState.LEAVING, true, List.of()).get(0));
        Action action = next(AUTH_ONLY, nodes, UnaryOperator.identity());
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("192.168.0.11 to finish leaving the ring");
    }

    @Test
    void onceNoNodeOfItIsInTheRingSystemAuthLetsGoThenNothingIsLeftToDo() {
        Action auth = next(AUTH_ONLY, legacy(NodeState.DECOMMISSIONED, true, List.of()), UnaryOperator.identity());
        assertThat(auth).isEqualTo(new Action.WithdrawReplication(Set.of("legacy"), true, auth.reason()));

        assertThat(next(K8S_ONLY, List.of(), UnaryOperator.identity())).isInstanceOf(Action.Converged.class);
    }

    @Test
    void aNodeSeenDownHoldsTheLeave() {
        Action action = next(
                AUTH_ONLY,
                legacy(NodeState.NORMAL, true, List.of()),
                b -> b.peersDown(List.of("moved-k8s-r1-0 sees 10.1.0.2 down")));
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("sees 10.1.0.2 down");
    }

    /** Legacy's nodes with 192.168.0.12 down (no agent answers there) and seen down by every node that stays. */
    private static List<ExternalNode> withTheSecondDown() {
        List<ExternalNode> nodes = new ArrayList<>(legacy(NodeState.NORMAL, true, List.of()));
        nodes.set(
                1,
                new ExternalNode(
                        "legacy", "192.168.0.12", "host-192.168.0.12", NodeState.NORMAL, false, Optional.empty()));
        return nodes;
    }

    private static final List<String> SECOND_SEEN_DOWN = List.of(
            "moved-k8s-r1-0 sees 192.168.0.12 down",
            "moved-k8s-r1-1 sees 192.168.0.12 down",
            "moved-k8s-r1-2 sees 192.168.0.12 down");

    @Test
    void aDeadNodeHoldsTheLeaveAndStatusSaysHowToGoOn() {
        Action action = next(BOTH, withTheSecondDown(), b -> b.peersDown(SECOND_SEEN_DOWN));
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason())
                .contains("192.168.0.12 (host ID host-192.168.0.12) is down and cannot decommission")
                .contains("Start it again")
                .contains("cassini.dev/force-leave");
    }

    @Test
    void forcedADeadNodeIsRemovedThroughANodeThatStaysBeforeAnyAlterThenTheOthersDecommission() {
        // Cassandra refuses an ALTER of replication while a stopped node is in the ring, so it goes first.
        Action removal = next(
                BOTH, withTheSecondDown(), b -> b.peersDown(SECOND_SEEN_DOWN).forceLeave(true));
        assertThat(removal)
                .isEqualTo(new Action.RemoveDeadNode(
                        "moved-k8s-r1-0", "host-192.168.0.12", "192.168.0.12", removal.reason()));
        assertThat(removal.reason()).contains("removing 192.168.0.12").contains("which is down");

        List<ExternalNode> removed = new ArrayList<>(withTheSecondDown());
        removed.remove(1);
        Action withdraw = next(BOTH, removed, b -> b.forceLeave(true));
        assertThat(withdraw).isEqualTo(new Action.WithdrawReplication(Set.of("legacy"), false, withdraw.reason()));

        Action decommission = next(AUTH_ONLY, removed, b -> b.forceLeave(true));
        assertThat(decommission)
                .isEqualTo(new Action.DecommissionExternal("192.168.0.11", true, decommission.reason()));
        assertThat(decommission.reason()).contains("2 of its nodes left");
    }

    @Test
    void aDeadNodeIsNotRemovedWhileANodeThatStaysIsDownToo() {
        List<String> down = new ArrayList<>(SECOND_SEEN_DOWN);
        down.add("moved-k8s-r1-0 sees 10.1.0.3 down");
        Action action =
                next(AUTH_ONLY, withTheSecondDown(), b -> b.peersDown(down).forceLeave(true));
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("sees 10.1.0.3 down").doesNotContain("sees 192.168.0.12 down");
    }
}
