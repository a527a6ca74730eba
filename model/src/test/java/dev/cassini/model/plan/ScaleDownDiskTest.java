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

/** A decommission is refused when the nodes that take over the leaving node's data lack the room. */
class ScaleDownDiskTest {
    private static final long GIB = 1L << 30;
    private static final List<String> SEEDS = List.of("10.0.0.1");
    private static final List<RackShape> RACKS =
            List.of(new RackShape("r1", null, null), new RackShape("r2", null, null), new RackShape("r3", null, null));

    /** Desired: {@code size} nodes over 3 racks, each with {@code free} free; surplus: demo-dc1-r1-9 with {@code leavingLoad}. */
    private static Action plan(int size, long leavingLoad, long free, String starved) {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", size, RACKS)) {
            long nodeFree = slot.pod().equals(starved) ? GIB : free;
            nodes.add(new ObservedNode(
                    slot,
                    Optional.of("10.0.1." + slot.interleavedIndex()),
                    Optional.of(new AgentView(
                            NodeState.NORMAL,
                            "h-" + slot.pod(),
                            true,
                            SEEDS,
                            new DiskUsage(GIB, nodeFree, 500 * GIB)))));
        }
        ObservedNode leaving = new ObservedNode(
                new NodeSlot("dc1", "r1", 9, "demo-dc1-r1-9", -1),
                Optional.of("10.0.2.9"),
                Optional.of(new AgentView(
                        NodeState.NORMAL, "h-9", true, SEEDS, new DiskUsage(leavingLoad, 100 * GIB, 500 * GIB))));
        return Planner.next(ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .surplus(List.of(leaving))
                .replicationByDatacenter(Map.of("dc1", 3))
                .build());
    }

    @Test
    void theRackMatesOfTheLeavingNodeTakeItsDataAndNeedTwiceTheirShareFree() {
        // 6 desired: r1 keeps r1-0 and r1-1, which take 100 GiB between them: 50 GiB each, 100 GiB free needed.
        assertThat(plan(6, 100 * GIB, 100 * GIB, null)).isInstanceOf(Action.Decommission.class);
        Action refused = plan(6, 100 * GIB, 99 * GIB, null);
        assertThat(refused).isInstanceOf(Action.Refuse.class);
        assertThat(refused.reason())
                .contains("moves its 100.0 GiB of data to demo-dc1-r1-0, demo-dc1-r1-1")
                .contains("about 50.0 GiB each")
                .contains("demo-dc1-r1-0 has 99.0 GiB free of 500.0 GiB")
                .contains("larger volumes")
                .contains("every node keeps running");
    }

    @Test
    void onlyTheReceiversMatter() {
        // A starved node in another rack does not receive r1's data.
        assertThat(plan(6, 100 * GIB, 100 * GIB, "demo-dc1-r2-0")).isInstanceOf(Action.Decommission.class);
        Action refused = plan(6, 100 * GIB, 100 * GIB, "demo-dc1-r1-1");
        assertThat(refused).isInstanceOf(Action.Refuse.class);
        assertThat(refused.reason()).contains("demo-dc1-r1-1 has 1.0 GiB free").doesNotContain("demo-dc1-r1-0 has");
    }

    @Test
    void aSingleRackMateTakesEverything() {
        // 3 desired over 3 racks: r1-0 is the only node left in r1 and takes all 100 GiB.
        assertThat(plan(3, 100 * GIB, 199 * GIB, null)).isInstanceOf(Action.Refuse.class);
        assertThat(plan(3, 100 * GIB, 200 * GIB, null)).isInstanceOf(Action.Decommission.class);
    }

    @Test
    void withNoRackMateLeftTheWholeDatacenterShares() {
        // The leaving node's rack r4 has no desired node: the 3 staying nodes take 33.3 GiB each and need 66.7 GiB
        // free.
        assertThat(planFromRackWithoutMates(66 * GIB)).isInstanceOf(Action.Refuse.class);
        assertThat(planFromRackWithoutMates(66 * GIB).reason()).contains("about 33.3 GiB each");
        assertThat(planFromRackWithoutMates(67 * GIB)).isInstanceOf(Action.Decommission.class);
    }

    private static Action planFromRackWithoutMates(long free) {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS)) {
            nodes.add(new ObservedNode(
                    slot,
                    Optional.of("10.0.1." + slot.interleavedIndex()),
                    Optional.of(new AgentView(
                            NodeState.NORMAL, "h-" + slot.pod(), true, SEEDS, new DiskUsage(GIB, free, 500 * GIB)))));
        }
        ObservedNode leaving = new ObservedNode(
                new NodeSlot("dc1", "r4", 0, "demo-dc1-r4-0", -1),
                Optional.of("10.0.2.9"),
                Optional.of(
                        new AgentView(NodeState.NORMAL, "h-9", true, SEEDS, new DiskUsage(100 * GIB, GIB, 500 * GIB))));
        return Planner.next(ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .surplus(List.of(leaving))
                .replicationByDatacenter(Map.of("dc1", 3))
                .build());
    }

    @Test
    void aMissingDiskFigureMeansWaitNotDecommissionBlind() {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS)) {
            nodes.add(new ObservedNode(
                    slot,
                    Optional.of("10.0.1." + slot.interleavedIndex()),
                    Optional.of(new AgentView(NodeState.NORMAL, "h-" + slot.pod(), true, SEEDS, null))));
        }
        ObservedNode leaving = new ObservedNode(
                new NodeSlot("dc1", "r1", 9, "demo-dc1-r1-9", -1),
                Optional.of("10.0.2.9"),
                Optional.of(new AgentView(NodeState.NORMAL, "h-9", true, SEEDS, new DiskUsage(GIB, GIB, 2 * GIB))));
        Action action = Planner.next(ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .surplus(List.of(leaving))
                .replicationByDatacenter(Map.of("dc1", 3))
                .build());
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("disk usage of demo-dc1-r1-0");
    }

    @Test
    void sizesAreShownInBinaryUnits() {
        assertThat(DiskUsage.format(512)).isEqualTo("512 bytes");
        assertThat(DiskUsage.format(1536)).isEqualTo("1.5 KiB");
        assertThat(DiskUsage.format(3 * GIB)).isEqualTo("3.0 GiB");
    }
}
