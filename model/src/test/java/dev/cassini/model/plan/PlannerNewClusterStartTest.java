package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/** The planner's policy for starting a brand-new cluster: every node at once (Cassini's way) or one at a time (for benchmarks). */
class PlannerNewClusterStartTest {
    private static final List<String> SEEDS = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3");
    private static final List<NodeSlot> SLOTS = DatacenterLayout.slots(
            new ClusterNames("demo"),
            "dc1",
            6,
            List.of(new RackShape("r1", null, null), new RackShape("r2", null, null), new RackShape("r3", null, null)));

    /** A brand-new cluster: every agent answers, seeds are in place, nothing started, status not yet Initialized. */
    private static Scenario brandNew() {
        Scenario s = new Scenario();
        for (NodeSlot slot : SLOTS) {
            s.agents.put(slot.pod(), new AgentView(NodeState.NOT_STARTED, null, false, SEEDS));
        }
        return s;
    }

    static final class Scenario {
        final Map<String, AgentView> agents = new HashMap<>();
        final Map<String, KnownNode> known = new HashMap<>();
        boolean initialized;
        final List<CleanupTask> cleanup = new ArrayList<>();

        Scenario set(String pod, AgentView view) {
            agents.put(pod, view);
            return this;
        }

        /** The node ran and became NORMAL; status now knows it, as the operator records it. */
        Scenario normal(String pod) {
            known.put(pod, new KnownNode(pod, "host-" + pod, "10.0.1.9"));
            return set(pod, new AgentView(NodeState.NORMAL, "host-" + pod, true, SEEDS));
        }

        ObservedCluster observed() {
            List<ObservedNode> nodes = new ArrayList<>();
            Map<String, List<Long>> tokens = new HashMap<>();
            for (NodeSlot slot : SLOTS) {
                nodes.add(new ObservedNode(
                        slot, Optional.of("10.0.1." + slot.interleavedIndex()), Optional.of(agents.get(slot.pod()))));
                tokens.put(slot.pod(), List.of((long) slot.interleavedIndex()));
            }
            return ObservedCluster.builder()
                    .nodes(nodes)
                    .known(known)
                    .desiredSeeds(SEEDS)
                    .newClusterTokens(tokens)
                    .authInitialized(initialized)
                    .cleanup(cleanup)
                    .build();
        }

        Action next(NewClusterStart policy) {
            return Planner.next(observed(), policy);
        }
    }

    private static List<StartNode> starts(Action action) {
        assertThat(action).isInstanceOf(Action.StartNodes.class);
        return ((Action.StartNodes) action).nodes();
    }

    @Test
    void concurrentIsTheDefaultAndStartsEveryNodeOfABrandNewClusterAtOnce() {
        Scenario s = brandNew();
        assertThat(Planner.next(s.observed())).isEqualTo(s.next(NewClusterStart.CONCURRENT));
        assertThat(starts(s.next(NewClusterStart.CONCURRENT))).hasSize(6);
    }

    @Test
    void onlyTheNodesStartedTogetherAsANewRingCreateTheSystemKeyspacesWithThreeReplicas() {
        Scenario s = brandNew();
        assertThat(starts(s.next(NewClusterStart.CONCURRENT)))
                .extracting(StartNode::systemKeyspaceReplicas)
                .containsOnly(3);

        // Once the ring exists its keyspaces exist: restarts and joins never ask again.
        SLOTS.forEach(slot -> s.normal(slot.pod()));
        s.initialized = true;
        s.set("demo-dc1-r1-0", new AgentView(NodeState.NOT_STARTED, "host-demo-dc1-r1-0", true, SEEDS));
        assertThat(starts(s.next(NewClusterStart.CONCURRENT)))
                .extracting(StartNode::systemKeyspaceReplicas)
                .containsOnly(0);
        s.normal("demo-dc1-r1-0");
        s.set("demo-dc1-r3-1", new AgentView(NodeState.NOT_STARTED, null, false, SEEDS));
        s.known.remove("demo-dc1-r3-1");
        Action join = s.next(NewClusterStart.CONCURRENT);
        if (join instanceof Action.MarkForCleanup mark) {
            mark.pods().forEach(p -> s.cleanup.add(CleanupTask.pending(p)));
            join = s.next(NewClusterStart.CONCURRENT);
        }
        assertThat(starts(join))
                .extracting(StartNode::autoBootstrap, StartNode::systemKeyspaceReplicas)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, 0));
    }

    @Test
    void oneAtATimeStartsOnlyTheFirstNodeWithItsPrecomputedTokensAndNoBootstrap() {
        Action action = brandNew().next(NewClusterStart.ONE_AT_A_TIME);
        assertThat(starts(action))
                .containsExactly(new StartNode("demo-dc1-r1-0", List.of(0L), false, Optional.empty()));
        assertThat(action.reason()).contains("the others bootstrap one at a time");
    }

    @Test
    void oneAtATimeBootstrapsEachNextNodeOnlyOnceThePreviousIsNormal() {
        Scenario s = brandNew();
        List<String> started = new ArrayList<>();
        for (int i = 0; i < SLOTS.size(); i++) {
            Action action = s.next(NewClusterStart.ONE_AT_A_TIME);
            if (action instanceof Action.MarkForCleanup mark) {
                mark.pods().forEach(p -> s.cleanup.add(CleanupTask.pending(p)));
                action = s.next(NewClusterStart.ONE_AT_A_TIME);
            }
            List<StartNode> starts = starts(action);
            assertThat(starts).hasSize(1);
            StartNode start = starts.get(0);
            // After the first node the ring exists: the next ones stream their data in, as a scale-up does.
            assertThat(start.autoBootstrap()).as(start.pod()).isEqualTo(i > 0);
            assertThat(start.initialTokens()).as(start.pod()).isEqualTo(i == 0 ? List.of(0L) : List.of());
            started.add(start.pod());

            s.set(start.pod(), new AgentView(i == 0 ? NodeState.STARTING : NodeState.JOINING, null, false, SEEDS));
            Action waiting = s.next(NewClusterStart.ONE_AT_A_TIME);
            assertThat(waiting).isInstanceOf(Action.Wait.class);
            assertThat(waiting.reason()).contains(start.pod());
            s.normal(start.pod());
        }
        assertThat(started)
                .containsExactly(
                        "demo-dc1-r1-0",
                        "demo-dc1-r2-0",
                        "demo-dc1-r3-0",
                        "demo-dc1-r1-1",
                        "demo-dc1-r2-1",
                        "demo-dc1-r3-1");
        assertThat(s.next(NewClusterStart.ONE_AT_A_TIME)).isInstanceOf(Action.InitializeAuth.class);
    }

    @Test
    void afterTheFirstBringUpOneAtATimeHandlesANewEmptyNodeAsTheDefaultDoes() {
        Scenario s = brandNew();
        SLOTS.forEach(slot -> s.normal(slot.pod()));
        s.initialized = true;
        s.set("demo-dc1-r3-1", new AgentView(NodeState.NOT_STARTED, null, false, SEEDS));
        s.known.remove("demo-dc1-r3-1");
        // A scale-up of a ring that holds data: the node must bootstrap, never take precomputed tokens.
        assertThat(s.next(NewClusterStart.ONE_AT_A_TIME)).isEqualTo(Planner.next(s.observed()));
    }

    @Test
    void oneAtATimeReplacesAKnownNodeThatLostItsVolumeDuringTheBringUp() {
        Scenario s = brandNew().normal("demo-dc1-r1-0");
        s.set("demo-dc1-r1-0", new AgentView(NodeState.NOT_STARTED, null, false, SEEDS));
        StartNode start = starts(s.next(NewClusterStart.ONE_AT_A_TIME)).get(0);
        assertThat(start.pod()).isEqualTo("demo-dc1-r1-0");
        assertThat(start.replaceAddress()).contains("10.0.1.9");
    }

    @Test
    void aNewRingWhoseTokensAreNotKnownYetDoesNotStartAndSaysWhy() {
        for (NewClusterStart policy : NewClusterStart.values()) {
            ObservedCluster blocked = ObservedCluster.builder()
                    .nodes(brandNew().observed().nodes())
                    .desiredSeeds(SEEDS)
                    .newRingBlocked(Optional.of("backup nightly is Running; the nodes start once it has Succeeded"))
                    .build();

            assertThat(Planner.next(blocked, policy))
                    .isEqualTo(new Action.Wait("backup nightly is Running; the nodes start once it has Succeeded"));
        }
    }

    @Test
    void aBlockedNewRingDoesNotHoldBackARingThatFormed() {
        Scenario s = brandNew().normal(SLOTS.get(0).pod());
        ObservedCluster observed = s.observed();
        ObservedCluster formed = ObservedCluster.builder()
                .nodes(observed.nodes())
                .known(observed.known())
                .desiredSeeds(SEEDS)
                .newRingBlocked(Optional.of("cannot read the backup"))
                .build();

        assertThat(Planner.next(formed, NewClusterStart.CONCURRENT)).isNotInstanceOf(Action.Wait.class);
    }
}
