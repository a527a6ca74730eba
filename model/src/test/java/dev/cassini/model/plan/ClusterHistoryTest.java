package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.NodeSlot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterHistoryTest {
    private static ClusterShape shape(int size) {
        return TestShapes.oneDatacenter(size);
    }

    private static List<ObservedNode> nodes(ClusterShape shape, boolean joinedFirst) {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : shape.slots()) {
            boolean joined = joinedFirst && slot.interleavedIndex() == 0;
            nodes.add(new ObservedNode(
                    slot,
                    Optional.of("10.0.0." + slot.interleavedIndex()),
                    Optional.of(
                            new AgentView(joined ? NodeState.NORMAL : NodeState.STARTING, null, joined, List.of()))));
        }
        return nodes;
    }

    @Test
    void aRingFormsWhenANodeJoinsOrStatusRemembersOne() {
        ClusterShape shape = shape(3);
        assertThat(ClusterHistory.ringFormed(Map.of(), nodes(shape, false))).isFalse();
        assertThat(ClusterHistory.ringFormed(Map.of(), nodes(shape, true))).isTrue();
        assertThat(ClusterHistory.ringFormed(
                        Map.of("demo-dc1-r1-0", new KnownNode("demo-dc1-r1-0", "h", "10.0.0.9")), nodes(shape, false)))
                .isTrue();
    }

    @Test
    void everyNodeOfANewRingMaySeedButOnlyMembersOfAnExistingOne() {
        ClusterShape shape = shape(3);
        assertThat(ClusterHistory.seeds(shape, nodes(shape, false), false))
                .containsExactly("10.0.0.0", "10.0.0.1", "10.0.0.2");
        assertThat(ClusterHistory.seeds(shape, nodes(shape, true), true)).containsExactly("10.0.0.0");
    }

    @Test
    void newClusterTokensGiveEveryNodeItsOwnDistinctTokens() {
        ClusterShape shape = shape(6);
        Map<String, List<Long>> tokens = ClusterHistory.newClusterTokens(shape);
        assertThat(tokens).hasSize(6);
        Set<Long> all = new HashSet<>();
        tokens.values().forEach(t -> {
            assertThat(t).hasSize(ClusterShape.TOKENS_PER_NODE);
            all.addAll(t);
        });
        assertThat(all).hasSize(6 * ClusterShape.TOKENS_PER_NODE);
    }
}
