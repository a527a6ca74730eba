package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.DatacenterLayout;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.RackShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A datacenter taken out of the spec leaves only once no keyspace replicates to it. */
class DatacenterRemovalTest {
    private static final List<String> SEEDS = List.of("10.0.0.1");
    private static final DiskUsage DISK = new DiskUsage(1L << 30, 100L << 30, 200L << 30);
    private static final List<RackShape> RACKS =
            List.of(new RackShape("r1", null, null), new RackShape("r2", null, null));

    /** dc1 stays with 3 nodes; dc2 (2 nodes, racks r1 and r2) is gone from the spec. */
    private static Action plan(Map<String, Integer> replication, Map<String, List<String>> keyspaces) {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS)) {
            nodes.add(node(slot));
        }
        List<ObservedNode> surplus = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc2", 2, RACKS)) {
            surplus.add(node(new NodeSlot(slot.datacenter(), slot.rack(), slot.ordinal(), slot.pod(), -1)));
        }
        return Planner.next(ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .surplus(surplus)
                .replicationByDatacenter(replication)
                .keyspacesByDatacenter(keyspaces)
                .build());
    }

    private static ObservedNode node(NodeSlot slot) {
        return new ObservedNode(
                slot,
                Optional.of("10.0.1." + slot.pod().hashCode() % 200),
                Optional.of(new AgentView(NodeState.NORMAL, "h-" + slot.pod(), true, SEEDS, DISK)));
    }

    @Test
    void removingADatacenterThatKeyspacesReplicateToIsRefusedNamingThem() {
        Action action = plan(
                Map.of("dc1", 3, "dc2", 2),
                Map.of("dc1", List.of("app", "system_auth"), "dc2", List.of("app", "system_auth")));
        assertThat(action).isInstanceOf(Action.Refuse.class);
        assertThat(action.reason())
                .startsWith("removal of datacenter dc2 refused: keyspaces app, system_auth still replicate to dc2")
                .contains("ALTER KEYSPACE")
                .contains("put dc2 back in spec.datacenters")
                .contains("every node keeps running");
    }

    @Test
    void onceNoKeyspaceReplicatesThereItsNodesLeaveOneAtATimeTheLastOneToo() {
        Action first = plan(Map.of("dc1", 3), Map.of("dc1", List.of("app")));
        assertThat(first).isInstanceOf(Action.Decommission.class);
        assertThat(((Action.Decommission) first).pod()).startsWith("demo-dc2-");
    }

    @Test
    void shrinkingTheRemainingDatacenterIsNotMistakenForARemoval() {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS)) {
            nodes.add(node(slot));
        }
        ObservedNode extra = node(new NodeSlot("dc1", "r2", 1, "demo-dc1-r2-1", -1));
        Action action = Planner.next(ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .surplus(List.of(extra))
                .replicationByDatacenter(Map.of("dc1", 3))
                .keyspacesByDatacenter(Map.of("dc1", List.of("app")))
                .build());
        assertThat(action).isEqualTo(new Action.Decommission("demo-dc1-r2-1", action.reason()));
    }
}
