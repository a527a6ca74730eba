package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.ClientConnection;
import dev.cassini.contract.NodeState;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.DatacenterLayout;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.RackShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A datacenter taken out of the spec leaves: refused while applications use it or a keyspace
 * would keep no replica; else replication first (system_auth last), then its nodes one at a time.
 */
class DatacenterLeaveTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    private static final List<String> SEEDS = List.of("10.0.0.1");
    private static final DiskUsage DISK = new DiskUsage(1L << 30, 100L << 30, 200L << 30);
    private static final List<RackShape> RACKS =
            List.of(new RackShape("r1", null, null), new RackShape("r2", null, null));
    private static final ClientConnection OPERATOR = new ClientConnection("10.9.0.1", "admin", "cassini-operator");
    private static final ClientConnection SHOP = new ClientConnection("10.8.0.7", "shop", "checkout");

    /** Replication as it is once dc2 joined: every keyspace in both datacenters. */
    private static Map<String, Map<String, String>> bothDatacenters(int authInDc2) {
        Map<String, Map<String, String>> keyspaces = new HashMap<>();
        keyspaces.put("app", Map.of("class", NTS, "dc1", "3", "dc2", "1"));
        keyspaces.put("system_distributed", Map.of("class", NTS, "dc1", "3", "dc2", "1"));
        keyspaces.put("system_auth", Map.of("class", NTS, "dc1", "3", "dc2", Integer.toString(authInDc2)));
        keyspaces.put("system_schema", Map.of("class", "org.apache.cassandra.locator.LocalStrategy"));
        return keyspaces;
    }

    /** Only system_auth still names dc2, as after the first withdrawal. */
    private static Map<String, Map<String, String>> authOnly(int authInDc2) {
        Map<String, Map<String, String>> keyspaces = new HashMap<>();
        keyspaces.put("app", Map.of("class", NTS, "dc1", "3"));
        keyspaces.put("system_auth", Map.of("class", NTS, "dc1", "3", "dc2", Integer.toString(authInDc2)));
        return keyspaces;
    }

    private static final Map<String, Map<String, String>> NONE_IN_DC2 =
            Map.of("app", Map.of("class", NTS, "dc1", "3"), "system_auth", Map.of("class", NTS, "dc1", "3"));

    /** dc1 stays with 3 nodes; dc2 (2 nodes, racks r1 and r2) is gone from the spec. */
    private static Action plan(
            Map<String, Map<String, String>> keyspaces,
            UnaryOperator<AgentView> dc2Agents,
            UnaryOperator<ObservedCluster.Builder> more) {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS)) {
            nodes.add(node(slot, UnaryOperator.identity()));
        }
        List<ObservedNode> surplus = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc2", 2, RACKS)) {
            surplus.add(node(new NodeSlot(slot.datacenter(), slot.rack(), slot.ordinal(), slot.pod(), -1), dc2Agents));
        }
        return Planner.next(more.apply(ObservedCluster.builder()
                        .nodes(nodes)
                        .desiredSeeds(SEEDS)
                        .authInitialized(true)
                        .surplus(surplus)
                        .replicationByDatacenter(Map.of("dc1", 3, "dc2", 1))
                        .keyspaceReplication(keyspaces))
                .build());
    }

    private static Action plan(Map<String, Map<String, String>> keyspaces, List<ClientConnection> dc2Clients) {
        return plan(keyspaces, a -> withClients(a, dc2Clients), UnaryOperator.identity());
    }

    private static ObservedNode node(NodeSlot slot, UnaryOperator<AgentView> agent) {
        return new ObservedNode(
                slot,
                Optional.of("10.0.1." + Math.abs(slot.pod().hashCode() % 200)),
                Optional.of(agent.apply(withClients(
                        new AgentView(NodeState.NORMAL, "h-" + slot.pod(), true, SEEDS, DISK), List.of(OPERATOR)))));
    }

    private static AgentView withClients(AgentView a, List<ClientConnection> clients) {
        return new AgentView(
                a.state(), a.hostId(), a.joined(), a.seeds(), a.disk(), a.clientAddresses(), a.servingFor(), clients);
    }

    private static AgentView decommissioned(AgentView a) {
        return new AgentView(
                NodeState.DECOMMISSIONED,
                a.hostId(),
                a.joined(),
                a.seeds(),
                a.disk(),
                a.clientAddresses(),
                a.servingFor(),
                a.clients());
    }

    @Test
    void applicationsConnectedToTheLeavingDatacenterRefuseItNamingThemUntilForced() {
        Action refused = plan(bothDatacenters(1), List.of(OPERATOR, SHOP));
        assertThat(refused).isInstanceOf(Action.Refuse.class);
        assertThat(((Action.Refuse) refused).kind()).isEqualTo(Action.Refuse.DATACENTER_REMOVAL);
        assertThat(refused.reason())
                .startsWith("removal of datacenter dc2 refused: 2 application connections are still open to dc2: "
                        + "10.8.0.7 to demo-dc2-r1-0 as shop (checkout), 10.8.0.7 to demo-dc2-r2-0 as shop (checkout)")
                .contains("cassini.dev/force-leave")
                .contains("put it back in spec.datacenters")
                .endsWith("every node keeps running")
                .doesNotContain("cassini-operator");

        Action forced = plan(bothDatacenters(1), a -> withClients(a, List.of(SHOP)), b -> b.forceLeave(true));
        assertThat(forced).isInstanceOf(Action.WithdrawReplication.class);
    }

    @Test
    void clientsThatCannotBeReadHoldTheLeaveUnlessForced() {
        Action unknown = plan(bothDatacenters(1), a -> withClients(a, null), UnaryOperator.identity());
        assertThat(unknown).isInstanceOf(Action.Wait.class);
        assertThat(unknown.reason()).contains("demo-dc2-r1-0, demo-dc2-r2-0").contains("clients");
        assertThat(plan(bothDatacenters(1), a -> withClients(a, null), b -> b.forceLeave(true)))
                .isInstanceOf(Action.WithdrawReplication.class);
    }

    @Test
    void aKeyspaceOnlyTheLeavingDatacenterHoldsRefusesItEvenForced() {
        Map<String, Map<String, String>> keyspaces = bothDatacenters(1);
        keyspaces.put("dc2_only", Map.of("class", NTS, "dc2", "2"));
        Action refused = plan(keyspaces, a -> a, b -> b.forceLeave(true));
        assertThat(refused).isInstanceOf(Action.Refuse.class);
        assertThat(refused.reason()).contains("keyspace dc2_only has replicas only in dc2");
    }

    @Test
    void firstEveryKeyspaceButSystemAuthLetsGoOfTheDatacenter() {
        Action withdraw = plan(bothDatacenters(1), List.of(OPERATOR));
        assertThat(withdraw).isEqualTo(new Action.WithdrawReplication(Set.of("dc2"), false, withdraw.reason()));
        assertThat(withdraw.reason()).contains("system_auth last");
    }

    @Test
    void thenItsNodesDecommissionOneAtATimeForcedOnlyWhileSystemAuthWouldRefuseIt() {
        // system_auth keeps 1 replica in dc2 and dc2 has 2 nodes: Cassandra lets the first go unforced.
        Action first = plan(authOnly(1), List.of());
        assertThat(first).isEqualTo(new Action.Decommission("demo-dc2-r2-0", false, first.reason()));
        // 2 replicas on 2 nodes: Cassandra would refuse, and only system_auth stands in the way.
        Action forced = plan(authOnly(2), List.of());
        assertThat(forced).isEqualTo(new Action.Decommission("demo-dc2-r2-0", true, forced.reason()));
        assertThat(forced.reason()).contains("forced").contains("system_auth keeps 2 replicas");
    }

    @Test
    void beforeTheLastPodGoesSystemAuthLetsGoOfTheDatacenterThenThePodGoes() {
        Action auth = plan(authOnly(1), DatacenterLeaveTest::decommissioned, UnaryOperator.identity());
        assertThat(auth).isEqualTo(new Action.WithdrawReplication(Set.of("dc2"), true, auth.reason()));

        Action remove = plan(NONE_IN_DC2, DatacenterLeaveTest::decommissioned, UnaryOperator.identity());
        assertThat(remove).isInstanceOf(Action.RemoveNode.class);
    }

    @Test
    void aDecommissionedNodeThatIsNotTheLastGoesWithoutTouchingSystemAuth() {
        Action remove = plan(
                authOnly(1),
                a -> a.hostId().equals("h-demo-dc2-r2-0") ? decommissioned(a) : a,
                UnaryOperator.identity());
        assertThat(remove).isInstanceOf(Action.RemoveNode.class);
        assertThat(((Action.RemoveNode) remove).pod()).isEqualTo("demo-dc2-r2-0");
    }

    @Test
    void whatIsLeftOfADatacenterThatLeftIsDeletedOnceItsPodsAreGone() {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS)) {
            nodes.add(node(slot, UnaryOperator.identity()));
        }
        Action action = Planner.next(ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .leftoverDatacenters(List.of("dc2"))
                .build());
        assertThat(action).isEqualTo(new Action.RemoveDatacenter("dc2", action.reason()));
    }

    @Test
    void shrinkingTheRemainingDatacenterIsNotMistakenForALeave() {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS)) {
            nodes.add(node(slot, UnaryOperator.identity()));
        }
        ObservedNode extra =
                node(new NodeSlot("dc1", "r2", 1, "demo-dc1-r2-1", -1), a -> withClients(a, List.of(SHOP)));
        Action action = Planner.next(ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .surplus(List.of(extra))
                .replicationByDatacenter(Map.of("dc1", 3))
                .keyspaceReplication(NONE_IN_DC2)
                .build());
        assertThat(action).isEqualTo(new Action.Decommission("demo-dc1-r2-1", action.reason()));
    }

    private static AgentView restarted(AgentView a) {
        return new AgentView(
                NodeState.NOT_STARTED,
                a.hostId(),
                true,
                a.seeds(),
                a.disk(),
                a.clientAddresses(),
                a.servingFor(),
                null);
    }

    private static java.util.Set<String> ringWith(String... pods) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS)) {
            ids.add("h-" + slot.pod());
        }
        for (String pod : pods) {
            ids.add("h-" + pod);
        }
        return ids;
    }

    @Test
    void aLeavingNodeWhoseContainerRestartedIsStartedAgainWithItsDataSoItCanDecommission() {
        Action start = plan(
                bothDatacenters(1),
                a -> a.hostId().equals("h-demo-dc2-r1-0") ? restarted(a) : a,
                b -> b.ringHostIds(ringWith("demo-dc2-r1-0", "demo-dc2-r2-0")));
        assertThat(start).isEqualTo(new Action.StartNodes(List.of(StartNode.restart("demo-dc2-r1-0")), start.reason()));
        assertThat(start.reason()).contains("container restarted").contains("so it can decommission");
    }

    @Test
    void oneThatRestartedAfterItsDecommissionIsNotStartedButGoes() {
        // The ring no longer has it: it left, then its container restarted before its pod went.
        Action remove = plan(
                NONE_IN_DC2,
                a -> a.hostId().equals("h-demo-dc2-r2-0") ? restarted(a) : decommissioned(a),
                b -> b.ringHostIds(ringWith()));
        assertThat(remove).isInstanceOf(Action.RemoveNode.class);

        // The last of its datacenter: system_auth lets go first, as after a plain decommission.
        Action auth = plan(
                authOnly(1),
                a -> a.hostId().equals("h-demo-dc2-r2-0") ? restarted(a) : decommissioned(a),
                b -> b.ringHostIds(ringWith()));
        assertThat(auth).isEqualTo(new Action.WithdrawReplication(Set.of("dc2"), true, auth.reason()));
    }

    @Test
    void withoutARingViewToTellNothingIsStartedAndTheLeaveWaits() {
        Action wait = plan(
                bothDatacenters(1),
                a -> a.hostId().equals("h-demo-dc2-r1-0") ? restarted(a) : a,
                UnaryOperator.identity());
        assertThat(wait).isInstanceOf(Action.Wait.class);
        assertThat(wait.reason()).contains("demo-dc2-r1-0").contains("to be up and normal");
    }

    /** dc2's r1 pod does not run (its machine is lost); status knows its node; the ring still has it. */
    private static Action planWithR1Down(
            Map<String, Map<String, String>> keyspaces, UnaryOperator<ObservedCluster.Builder> more) {
        String lost = "demo-dc2-r1-0";
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS)) {
            nodes.add(node(slot, UnaryOperator.identity()));
        }
        List<ObservedNode> surplus = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc2", 2, RACKS)) {
            NodeSlot leaving = new NodeSlot(slot.datacenter(), slot.rack(), slot.ordinal(), slot.pod(), -1);
            surplus.add(
                    slot.pod().equals(lost)
                            ? new ObservedNode(leaving, Optional.empty(), Optional.empty())
                            : node(leaving, UnaryOperator.identity()));
        }
        return Planner.next(more.apply(ObservedCluster.builder()
                        .nodes(nodes)
                        .desiredSeeds(SEEDS)
                        .authInitialized(true)
                        .surplus(surplus)
                        .known(Map.of(lost, new KnownNode(lost, "h-" + lost, "10.0.2.1")))
                        .replicationByDatacenter(Map.of("dc1", 3, "dc2", 1))
                        .keyspaceReplication(keyspaces))
                .build());
    }

    @Test
    void aPodOfTheLeavingDatacenterThatDoesNotRunHoldsTheLeaveAndSaysWhatToDo() {
        Action wait = planWithR1Down(
                bothDatacenters(1),
                b -> b.ringHostIds(ringWith("demo-dc2-r1-0", "demo-dc2-r2-0"))
                        .peersDown(List.of("demo-dc1-r1-0 sees 10.0.2.1 down")));
        assertThat(wait).isInstanceOf(Action.Wait.class);
        assertThat(wait.reason())
                .contains("demo-dc2-r1-0 (host ID h-demo-dc2-r1-0)")
                .contains("cannot decommission")
                .contains("cassini.dev/force-leave: \"true\"")
                .contains("removenode");
    }

    @Test
    void forcedItsNodeIsRemovedThroughANodeThatStaysBeforeAnyKeyspaceIsAltered() {
        Action remove = planWithR1Down(
                bothDatacenters(1),
                b -> b.ringHostIds(ringWith("demo-dc2-r1-0", "demo-dc2-r2-0"))
                        .peersDown(List.of("demo-dc1-r1-0 sees 10.0.2.1 down", "demo-dc1-r2-0 sees 10.0.2.1 down"))
                        .forceLeave(true));
        assertThat(remove)
                .isEqualTo(new Action.RemoveDeadNode("demo-dc1-r1-0", "h-demo-dc2-r1-0", "10.0.2.1", remove.reason()));
        assertThat(remove.reason()).contains("whose pod does not run").contains("forced leave");
    }

    @Test
    void anotherNodeDownHoldsTheRemovalAndIsNamed() {
        Action wait = planWithR1Down(
                bothDatacenters(1),
                b -> b.ringHostIds(ringWith("demo-dc2-r1-0", "demo-dc2-r2-0"))
                        .peersDown(List.of("demo-dc1-r1-0 sees 10.0.2.1 down", "demo-dc1-r1-0 sees 10.0.1.9 down"))
                        .forceLeave(true));
        assertThat(wait).isInstanceOf(Action.Wait.class);
        assertThat(wait.reason()).contains("every other node is up").contains("10.0.1.9");
    }

    @Test
    void aKeyspaceOnlyTheLeavingDatacenterHoldsRefusesTheRemovalEvenForced() {
        Map<String, Map<String, String>> keyspaces = bothDatacenters(1);
        keyspaces.put("dc2_only", Map.of("class", NTS, "dc2", "2"));
        Action refused = planWithR1Down(
                keyspaces,
                b -> b.ringHostIds(ringWith("demo-dc2-r1-0", "demo-dc2-r2-0")).forceLeave(true));
        assertThat(refused).isInstanceOf(Action.Refuse.class);
        assertThat(refused.reason()).contains("keyspace dc2_only has replicas only in dc2");
    }

    @Test
    void onceRemovedFromTheRingItsPodAndVolumeGoThenTheOthersLeaveAsBefore() {
        Action remove = planWithR1Down(
                bothDatacenters(1),
                b -> b.ringHostIds(ringWith("demo-dc2-r2-0")).forceLeave(true));
        assertThat(remove).isEqualTo(new Action.RemoveNode("demo-dc2-r1-0", "demo-dc2-r1", 0, remove.reason()));
    }

    @Test
    void withoutARingViewNothingIsRemovedAndTheLeaveWaits() {
        Action wait = planWithR1Down(bothDatacenters(1), b -> b.forceLeave(true));
        assertThat(wait).isInstanceOf(Action.Wait.class);
        assertThat(wait.reason()).contains("demo-dc2-r1-0").contains("to be up and normal");
    }

    @Test
    void aResourceHandingItsRingOverRunsTheRemovalOnOneOfItsOwnLeavingNodes() {
        // No datacenter of its own stays (dc1 plays the external one that takes over): removenode runs on the
        // dc2 node that still serves, which leaves later.
        Action remove = planWithR1Down(
                bothDatacenters(1),
                b -> b.nodes(List.of())
                        .externalDatacenters(List.of("dc1"))
                        .ringHostIds(ringWith("demo-dc2-r1-0", "demo-dc2-r2-0"))
                        .forceLeave(true));
        assertThat(remove)
                .isEqualTo(new Action.RemoveDeadNode("demo-dc2-r2-0", "h-demo-dc2-r1-0", "10.0.2.1", remove.reason()));
    }
}
