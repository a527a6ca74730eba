package dev.cassini.model.plan;

import dev.cassini.model.ClusterShape;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.SeedSelector;
import dev.cassini.model.TokenAllocator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the cluster has ever formed a ring, and what follows from it: who may be a seed and
 * whether the new-ring tokens apply. One definition, used by the observer and the planner alike.
 */
public final class ClusterHistory {
    private ClusterHistory() {}

    /**
     * A ring exists once status remembers a node's identity or any node has been NORMAL. Until
     * then every node belongs to a brand-new ring and starts with its precomputed tokens.
     */
    public static boolean ringFormed(Map<String, KnownNode> known, List<ObservedNode> nodes) {
        return !known.isEmpty()
                || nodes.stream().anyMatch(n -> n.agent().map(AgentView::joined).orElse(false));
    }

    /**
     * The seeds for these nodes. Seeds do not bootstrap: a node that has not joined a ring that
     * exists (a new node, or a replacement, even while it starts) must never be one, or it would
     * join without its data. Joined nodes are members; so is every node of a brand-new ring.
     */
    public static List<String> seeds(ClusterShape shape, List<ObservedNode> nodes, boolean ringFormed) {
        return seeds(shape, nodes, ringFormed, shape.additionalSeeds());
    }

    /** As above, with these seeds outside the resource instead of the spec's (some may be leaving). */
    public static List<String> seeds(
            ClusterShape shape, List<ObservedNode> nodes, boolean ringFormed, List<String> additionalSeeds) {
        Map<String, String> candidates = new LinkedHashMap<>();
        for (ObservedNode n : nodes) {
            boolean member = n.agent().map(AgentView::joined).orElse(false);
            if (n.address().isPresent() && (!ringFormed || member)) {
                candidates.put(n.pod(), n.address().get());
            }
        }
        return SeedSelector.select(shape.slots(), candidates, additionalSeeds);
    }

    /** Precomputed tokens of every node, for the case that the whole cluster is new. */
    public static Map<String, List<Long>> newClusterTokens(ClusterShape shape) {
        Map<String, List<Long>> tokens = new HashMap<>();
        int dcCount = shape.datacenters().size();
        List<NodeSlot> slots = shape.slots();
        for (int d = 0; d < dcCount; d++) {
            ClusterShape.DatacenterShape dc = shape.datacenters().get(d);
            List<List<Long>> dcTokens = TokenAllocator.allocate(dc.size(), ClusterShape.TOKENS_PER_NODE, d, dcCount);
            for (NodeSlot slot : slots) {
                if (slot.datacenter().equals(dc.name())) {
                    tokens.put(slot.pod(), dcTokens.get(slot.interleavedIndex()));
                }
            }
        }
        return tokens;
    }
}
