package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.DatacenterLayout;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.RackShape;
import dev.cassini.model.migration.RebuildPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A datacenter added to a running cluster: join without bootstrap, replicas, rebuild. */
class DatacenterJoinPlanTest {
    private static final List<RackShape> RACKS =
            List.of(new RackShape("r1", null, null), new RackShape("r2", null, null));
    private static final List<NodeSlot> DC1 = DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 3, RACKS);
    private static final List<NodeSlot> DC2 = DatacenterLayout.slots(new ClusterNames("demo"), "dc2", 4, RACKS);
    private static final long GIB = 1L << 30;
    private static final DiskUsage ROOMY = new DiskUsage(GIB, 50 * GIB, 60 * GIB);

    private final Map<String, AgentView> agents = new HashMap<>();
    private final Set<String> outdated = new HashSet<>();
    private final Set<Long> ringTokens = new HashSet<>();
    private boolean replicated;
    private final Map<String, RebuildPlan.State> rebuilds = new HashMap<>();
    private List<String> simple = List.of();
    private final Map<String, String> schema = new HashMap<>();

    DatacenterJoinPlanTest() {
        for (NodeSlot slot : DC1) {
            agents.put(slot.pod(), view(NodeState.NORMAL, true));
        }
        for (NodeSlot slot : DC2) {
            agents.put(slot.pod(), view(NodeState.NOT_STARTED, false));
        }
        concat(DC1, DC2).forEach(slot -> schema.put(slot.pod(), "v1"));
        // dc1 was born as a one-datacenter cluster: its tokens are TokenAllocator's grid at offset 0.
        dev.cassini.model.TokenAllocator.allocate(3, ClusterShape.TOKENS_PER_NODE, 0, 1)
                .forEach(ringTokens::addAll);
    }

    private static AgentView view(NodeState state, boolean joined) {
        return new AgentView(state, joined ? "h" : null, joined, List.of("10.0.0.1"), ROOMY);
    }

    private Action next() {
        List<ObservedNode> nodes = new ArrayList<>();
        int i = 0;
        for (NodeSlot slot : concat(DC1, DC2)) {
            nodes.add(new ObservedNode(
                    slot,
                    Optional.of("10.0.0." + ++i),
                    Optional.ofNullable(agents.get(slot.pod())),
                    outdated.contains(slot.pod())));
        }
        List<RebuildPlan.Node> rebuildNodes = DC2.stream()
                .map(s -> new RebuildPlan.Node(
                        s.pod(),
                        s.rack(),
                        rebuilds.getOrDefault(s.pod(), RebuildPlan.State.NOT_STARTED),
                        "boom",
                        50 * GIB,
                        GIB))
                .toList();
        DatacenterJoin join = new DatacenterJoin(
                "dc2",
                "dc1",
                0,
                3,
                Optional.empty(),
                Map.of("shop", 2),
                replicated,
                rebuildNodes,
                Map.of("dc1", DC1.size()),
                simple);
        return Planner.next(ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(List.of("10.0.0.1"))
                .authInitialized(true)
                .joins(List.of(join))
                .ringTokens(ringTokens)
                .schemaVersions(schema)
                .build());
    }

    private static List<NodeSlot> concat(List<NodeSlot> a, List<NodeSlot> b) {
        List<NodeSlot> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void theJoiningNodesStartAtOnceWithoutBootstrapOnTokensNoNodeOfTheRingHas() {
        Action action = next();
        assertThat(action).isInstanceOf(Action.StartNodes.class);
        List<StartNode> starts = ((Action.StartNodes) action).nodes();
        assertThat(starts)
                .extracting(StartNode::pod)
                .containsExactlyElementsOf(DC2.stream().map(NodeSlot::pod).toList());
        Set<Long> all = new HashSet<>(ringTokens);
        for (StartNode start : starts) {
            assertThat(start.autoBootstrap()).isFalse();
            assertThat(start.replaceAddress()).isEmpty();
            assertThat(start.systemKeyspaceReplicas())
                    .as("only a new ring sets them at birth")
                    .isZero();
            assertThat(start.initialTokens()).hasSize(ClusterShape.TOKENS_PER_NODE);
            for (long token : start.initialTokens()) {
                assertThat(all.add(token))
                        .as("token %d is unique in the ring", token)
                        .isTrue();
            }
        }
        assertThat(action.reason()).contains("dc2 joins", "without bootstrap", "rebuild from dc1");
    }

    @Test
    void aJoiningNodeStartedAlreadyKeepsItsPlaceAndTheOthersGetTheSameTokensAsBefore() {
        List<StartNode> first = ((Action.StartNodes) next()).nodes();
        // The first start reached only one node; it runs now and its tokens are in the ring.
        String started = DC2.get(0).pod();
        agents.put(started, view(NodeState.NORMAL, true));
        ringTokens.addAll(first.get(0).initialTokens());
        List<StartNode> second = ((Action.StartNodes) next()).nodes();
        assertThat(second).extracting(StartNode::pod).doesNotContain(started).hasSize(DC2.size() - 1);
        assertThat(second).containsExactlyElementsOf(first.subList(1, first.size()));
    }

    @Test
    void theJoiningNodesWaitWhileANodeOfTheRingIsNotServingBecauseItsTokensAreUnknown() {
        agents.put(DC1.get(1).pod(), view(NodeState.STOPPED, true));
        Action action = next();
        assertThat(action).isInstanceOf(Action.StartNodes.class);
        // The stopped dc1 node has data: it starts first, on its own.
        assertThat(((Action.StartNodes) action).nodes())
                .extracting(StartNode::pod)
                .containsExactly(DC1.get(1).pod());
        // A node in no state that resolves by itself (here: drained, not restarted).
        agents.put(DC1.get(1).pod(), view(NodeState.DRAINED, true));
        Action waiting = next();
        assertThat(waiting).isInstanceOf(Action.Wait.class);
        assertThat(waiting.reason())
                .isEqualTo("datacenter dc2 joins once every other node serves: "
                        + DC1.get(1).pod());
    }

    @Test
    void onceEveryJoiningNodeServesTheKeyspacesGetReplicasThereBeforeAnyRebuild() {
        DC2.forEach(s -> agents.put(s.pod(), view(NodeState.NORMAL, true)));
        Action action = next();
        assertThat(action).isInstanceOf(Action.ExtendReplication.class);
        DatacenterJoin join = ((Action.ExtendReplication) action).join();
        assertThat(join.factorOf("shop")).contains(2);
        assertThat(join.factorOf("other"))
                .as("not named, no default: stays out")
                .isEmpty();
    }

    @Test
    void rebuildsRunOneNodePerRackThenTheClusterConverges() {
        DC2.forEach(s -> agents.put(s.pod(), view(NodeState.NORMAL, true)));
        replicated = true;
        Action action = next();
        assertThat(action)
                .isEqualTo(
                        new Action.Rebuild(List.of(DC2.get(0).pod(), DC2.get(1).pod()), "dc1", action.reason()));
        assertThat(DC2.get(0).rack()).isNotEqualTo(DC2.get(1).rack());

        rebuilds.put(DC2.get(0).pod(), RebuildPlan.State.RUNNING);
        rebuilds.put(DC2.get(1).pod(), RebuildPlan.State.SUCCEEDED);
        action = next();
        assertThat(action).isEqualTo(new Action.Rebuild(List.of(DC2.get(3).pod()), "dc1", action.reason()));

        DC2.forEach(s -> rebuilds.put(s.pod(), RebuildPlan.State.SUCCEEDED));
        assertThat(next()).isInstanceOf(Action.Converged.class);
    }

    @Test
    void aRollingRestartWaitsUntilTheRebuildsAreDoneSoNoStreamIsCutShort() {
        DC2.forEach(s -> agents.put(s.pod(), view(NodeState.NORMAL, true)));
        replicated = true;
        DC2.forEach(s -> rebuilds.put(s.pod(), RebuildPlan.State.RUNNING));
        outdated.add(DC1.get(0).pod());
        Action action = next();
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).startsWith("datacenter dc2 joins: rebuild from dc1");

        DC2.forEach(s -> rebuilds.put(s.pod(), RebuildPlan.State.SUCCEEDED));
        assertThat(next()).isInstanceOf(Action.RestartNodes.class);
    }

    @Test
    void aFailedRebuildIsRefusedInStatusWithItsCause() {
        DC2.forEach(s -> agents.put(s.pod(), view(NodeState.NORMAL, true)));
        replicated = true;
        rebuilds.put(DC2.get(2).pod(), RebuildPlan.State.FAILED);
        Action action = next();
        assertThat(action).isInstanceOf(Action.Refuse.class);
        assertThat(((Action.Refuse) action).kind()).isEqualTo(Action.Refuse.REBUILD);
        assertThat(action.reason()).contains(DC2.get(2).pod() + " (boom)", "keep clients off it");
    }

    @Test
    void aKeyspaceOnSimpleStrategyHoldsTheJoinBackWithTheStatementThatFixesIt() {
        simple = List.of(
                "legacy (run: ALTER KEYSPACE legacy WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2})");
        Action action = next();
        assertThat(action).isInstanceOf(Action.Refuse.class);
        assertThat(((Action.Refuse) action).kind()).isEqualTo(Action.Refuse.JOIN);
        assertThat(action.reason()).contains("dc2 cannot join yet", simple.get(0));
    }

    @Test
    void theRebuildWaitsUntilEveryNodeHasTheSchemaBecauseAStreamToANodeWithoutTheTableFails() {
        DC2.forEach(s -> agents.put(s.pod(), view(NodeState.NORMAL, true)));
        replicated = true;
        schema.put(DC2.get(1).pod(), "v0");
        schema.remove(DC2.get(2).pod());
        Action action = next();
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason())
                .isEqualTo("datacenter dc2 joins: waiting for every node to agree on the schema before the rebuild: "
                        + DC2.get(1).pod() + ", " + DC2.get(2).pod() + " not on v1 yet");
        schema.put(DC2.get(1).pod(), "v1");
        schema.put(DC2.get(2).pod(), "v1");
        assertThat(next()).isInstanceOf(Action.Rebuild.class);
    }
}
