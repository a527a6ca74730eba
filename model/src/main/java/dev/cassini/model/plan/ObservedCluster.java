package dev.cassini.model.plan;

import java.util.List;
import java.util.Map;

/**
 * Everything the planner decides from: each desired node as observed, what status remembers of
 * earlier incarnations, the seeds the nodes should have, the tokens of each node if the cluster
 * is brand new, and the user's wishes.
 *
 * @param nodes desired nodes, datacenter by datacenter, each in rack-interleaved order
 * @param known earlier identities by pod name
 * @param newClusterTokens precomputed tokens by pod name, used only while no node was ever bootstrapped
 */
public record ObservedCluster(
        List<ObservedNode> nodes,
        Map<String, KnownNode> known,
        List<String> desiredSeeds,
        Map<String, List<Long>> newClusterTokens,
        boolean stopped,
        boolean authEnabled,
        boolean authInitialized) {

    public ObservedCluster {
        nodes = List.copyOf(nodes);
        known = Map.copyOf(known);
        desiredSeeds = List.copyOf(desiredSeeds);
        newClusterTokens = Map.copyOf(newClusterTokens);
    }
}
