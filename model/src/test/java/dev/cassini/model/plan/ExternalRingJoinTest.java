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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * This resource's only datacenter joins a ring of datacenters it does not manage (VMs): its nodes
 * join that ring (never a new one of their own), with tokens none of its nodes own, and the ring's
 * roles stay as they are.
 */
class ExternalRingJoinTest {
    private static final List<NodeSlot> K8S = DatacenterLayout.slots(
            new ClusterNames("moved"),
            "k8s",
            3,
            List.of(new RackShape("r1", null, null), new RackShape("r2", null, null)));
    /** The legacy ring's tokens: what a ring of 3 built like ours would have, so every collision would show. */
    private static final Set<Long> LEGACY_TOKENS = new HashSet<>();

    static {
        dev.cassini.model.TokenAllocator.allocate(3, ClusterShape.TOKENS_PER_NODE, 0, 1)
                .forEach(LEGACY_TOKENS::addAll);
    }

    private static Action next(NodeState state, boolean joined, UnaryOperator<ObservedCluster.Builder> more) {
        List<ObservedNode> nodes = new ArrayList<>();
        int i = 0;
        for (NodeSlot slot : K8S) {
            nodes.add(new ObservedNode(
                    slot,
                    Optional.of("10.1.0." + ++i),
                    Optional.of(new AgentView(state, joined ? "h" + i : null, joined, List.of("192.168.0.10"), null))));
        }
        DatacenterJoin join = new DatacenterJoin(
                "k8s",
                "legacy",
                0,
                3,
                Optional.of(3),
                Map.of(),
                false,
                K8S.stream()
                        .map(s -> new RebuildPlan.Node(
                                s.pod(), s.rack(), RebuildPlan.State.NOT_STARTED, null, 1L << 30, 0))
                        .toList(),
                Map.of("legacy", Integer.MAX_VALUE),
                List.of());
        return Planner.next(more.apply(ObservedCluster.builder()
                        .nodes(nodes)
                        .desiredSeeds(List.of("192.168.0.10"))
                        .externalDatacenters(List.of("legacy"))
                        .ringTokens(LEGACY_TOKENS)
                        .newClusterTokens(ClusterHistory.newClusterTokens(shapeOfThreeNodes()))
                        .joins(List.of(join)))
                .build());
    }

    /** What a brand-new ring of these nodes would get: the tokens they must not start with here. */
    private static ClusterShape shapeOfThreeNodes() {
        var cluster = new dev.cassini.api.v1alpha1.CassandraCluster();
        cluster.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName("moved")
                .withNamespace("ns")
                .build());
        var spec = new dev.cassini.api.v1alpha1.CassandraClusterSpec();
        var dc = new dev.cassini.api.v1alpha1.DatacenterSpec();
        dc.setName("k8s");
        dc.setSize(3);
        spec.setDatacenters(List.of(dc));
        cluster.setSpec(spec);
        return ClusterShape.of(cluster);
    }

    @Test
    void itsNodesStartAtOnceWithoutBootstrapOnTokensTheRingDoesNotHave() {
        Action action = next(NodeState.NOT_STARTED, false, UnaryOperator.identity());

        assertThat(action).isInstanceOf(Action.StartNodes.class);
        List<StartNode> starts = ((Action.StartNodes) action).nodes();
        assertThat(starts)
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.autoBootstrap()).isFalse());
        Set<Long> chosen = new HashSet<>();
        starts.forEach(s -> chosen.addAll(s.initialTokens()));
        assertThat(chosen).hasSize(3 * ClusterShape.TOKENS_PER_NODE).doesNotContainAnyElementsOf(LEGACY_TOKENS);
        assertThat(action.reason()).contains("rebuild from legacy");
    }

    @Test
    void whatTheSeedSaysIsWrongRefusesBeforeAnyNodeStarts() {
        Action action = next(
                NodeState.NOT_STARTED,
                false,
                b -> b.externalJoinRefusals(List.of("the ring's cluster name is 'prod' but this cluster's nodes would"
                        + " start with 'moved', and Cassandra refuses nodes of another cluster: set spec.clusterName to"
                        + " 'prod'")));

        assertThat(action).isInstanceOf(Action.Refuse.class);
        assertThat(((Action.Refuse) action).kind()).isEqualTo(Action.Refuse.JOIN);
        assertThat(action.reason())
                .startsWith("datacenter k8s cannot join the ring of legacy: the ring's cluster name is 'prod'")
                .contains("set spec.clusterName to 'prod'")
                .endsWith("No node of it starts until then");
    }

    @Test
    void onceItsNodesServeTheRingsRolesStayAndTheJoinGivesItReplicas() {
        // Auth is enabled and was never set up here, yet no InitializeAuth: the roles are the ring's.
        Action action = next(NodeState.NORMAL, true, UnaryOperator.identity());

        assertThat(action).isInstanceOf(Action.ExtendReplication.class);
    }

    @Test
    void withoutExternalDatacentersTheSameNodesWouldFormANewRing() {
        Action action = next(
                NodeState.NOT_STARTED,
                false,
                b -> b.externalDatacenters(List.of()).joins(List.of()));

        assertThat(action).isInstanceOf(Action.StartNodes.class);
        assertThat(action.reason()).startsWith("new cluster");
    }
}
