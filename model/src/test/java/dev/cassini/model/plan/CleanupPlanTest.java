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

/** Cleanup after a scale-up: recorded before the bootstrap, run node by node once all are up. */
class CleanupPlanTest {
    private static final List<String> SEEDS = List.of("10.0.0.1");
    private static final List<RackShape> RACKS =
            List.of(new RackShape("r1", null, null), new RackShape("r2", null, null), new RackShape("r3", null, null));

    /** Two datacenters of 3 joined nodes, plus a 4th, empty node in dc1 when {@code withNewNode}. */
    private static List<ObservedNode> nodes(boolean withNewNode) {
        List<ObservedNode> nodes = new ArrayList<>();
        ClusterNames names = new ClusterNames("demo");
        for (NodeSlot slot : DatacenterLayout.slots(names, "dc1", withNewNode ? 4 : 3, RACKS)) {
            boolean isNew = slot.ordinal() == 1;
            nodes.add(node(slot, isNew ? NodeState.NOT_STARTED : NodeState.NORMAL, !isNew));
        }
        for (NodeSlot slot : DatacenterLayout.slots(names, "dc2", 3, RACKS)) {
            nodes.add(node(slot, NodeState.NORMAL, true));
        }
        return nodes;
    }

    private static ObservedNode node(NodeSlot slot, NodeState state, boolean joined) {
        return new ObservedNode(
                slot,
                Optional.of("10.0.1." + slot.interleavedIndex()),
                Optional.of(new AgentView(state, joined ? "h-" + slot.pod() : null, joined, SEEDS)));
    }

    private static ObservedCluster cluster(
            List<ObservedNode> nodes, List<CleanupTask> cleanup, List<String> peersDown) {
        return ObservedCluster.builder()
                .nodes(nodes)
                .known(Map.of("demo-dc1-r1-0", new KnownNode("demo-dc1-r1-0", "h", "10.0.1.0")))
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .peersDown(peersDown)
                .cleanup(cleanup)
                .build();
    }

    @Test
    void beforeANodeBootstrapsTheJoinedNodesOfItsDatacenterOnlyAreRecorded() {
        Action action = Planner.next(cluster(nodes(true), List.of(), List.of()));
        assertThat(action).isInstanceOf(Action.MarkForCleanup.class);
        assertThat(((Action.MarkForCleanup) action).pods())
                .containsExactlyInAnyOrder("demo-dc1-r1-0", "demo-dc1-r2-0", "demo-dc1-r3-0");
        assertThat(action.reason()).contains("before demo-dc1-r1-1 bootstraps");
    }

    @Test
    void onlyNodesNotYetRecordedAreRecordedAndACompletedCleanupIsRecordedAgain() {
        List<CleanupTask> tasks = List.of(
                CleanupTask.pending("demo-dc1-r1-0"),
                new CleanupTask("demo-dc1-r2-0", CleanupTask.State.SUCCEEDED, null));
        Action action = Planner.next(cluster(nodes(true), tasks, List.of()));
        assertThat(((Action.MarkForCleanup) action).pods()).containsExactlyInAnyOrder("demo-dc1-r2-0", "demo-dc1-r3-0");
    }

    @Test
    void whenEveryHolderIsRecordedTheNodeBootstraps() {
        List<CleanupTask> tasks = List.of(
                CleanupTask.pending("demo-dc1-r1-0"),
                CleanupTask.pending("demo-dc1-r2-0"),
                CleanupTask.pending("demo-dc1-r3-0"));
        Action action = Planner.next(cluster(nodes(true), tasks, List.of()));
        assertThat(action).isInstanceOf(Action.StartNodes.class);
        assertThat(((Action.StartNodes) action).nodes())
                .extracting(StartNode::pod)
                .containsExactly("demo-dc1-r1-1");
    }

    @Test
    void recordedCleanupsRunOneAtATimeOnceEveryNodeIsUp() {
        List<CleanupTask> tasks =
                new ArrayList<>(List.of(CleanupTask.pending("demo-dc1-r1-0"), CleanupTask.pending("demo-dc1-r2-0")));
        Action first = Planner.next(cluster(nodes(false), tasks, List.of()));
        assertThat(first).isEqualTo(new Action.Cleanup("demo-dc1-r1-0", first.reason()));
        assertThat(first.reason()).contains("2 node(s) to clean");

        tasks.set(0, new CleanupTask("demo-dc1-r1-0", CleanupTask.State.RUNNING, "1/2 keyspaces"));
        Action running = Planner.next(cluster(nodes(false), tasks, List.of()));
        assertThat(running).isInstanceOf(Action.Wait.class);
        assertThat(running.reason()).contains("cleanup running on demo-dc1-r1-0 (1/2 keyspaces)");

        tasks.set(0, new CleanupTask("demo-dc1-r1-0", CleanupTask.State.SUCCEEDED, null));
        assertThat(Planner.next(cluster(nodes(false), tasks, List.of())))
                .isEqualTo(new Action.Cleanup(
                        "demo-dc1-r2-0",
                        Planner.next(cluster(nodes(false), tasks, List.of())).reason()));

        tasks.set(1, new CleanupTask("demo-dc1-r2-0", CleanupTask.State.SUCCEEDED, null));
        assertThat(Planner.next(cluster(nodes(false), tasks, List.of()))).isInstanceOf(Action.Converged.class);
    }

    @Test
    void aFailedCleanupIsRetriedWithItsErrorInTheReason() {
        List<CleanupTask> tasks = List.of(new CleanupTask("demo-dc1-r3-0", CleanupTask.State.FAILED, "status 2"));
        Action action = Planner.next(cluster(nodes(false), tasks, List.of()));
        assertThat(action).isInstanceOf(Action.Cleanup.class);
        assertThat(action.reason()).contains("again").contains("status 2");
    }

    @Test
    void cleanupWaitsWhileANodeSeesAnotherDownAndIgnoresPodsNoLongerDesired() {
        List<CleanupTask> tasks = List.of(CleanupTask.pending("demo-dc1-r1-0"));
        assertThat(Planner.next(cluster(nodes(false), tasks, List.of("demo-dc1-r2-0 sees 10.0.1.0 down"))))
                .isInstanceOf(Action.Wait.class);
        assertThat(Planner.next(cluster(nodes(false), List.of(CleanupTask.pending("demo-dc1-r1-7")), List.of())))
                .isInstanceOf(Action.Converged.class);
    }

    @Test
    void cleanupComesBeforeARollingRestart() {
        List<ObservedNode> nodes = new ArrayList<>(nodes(false));
        ObservedNode first = nodes.get(0);
        nodes.set(0, new ObservedNode(first.slot(), first.address(), first.agent(), true));
        Action action = Planner.next(cluster(nodes, List.of(CleanupTask.pending("demo-dc1-r2-0")), List.of()));
        assertThat(action).isInstanceOf(Action.Cleanup.class);
    }
}
