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
 * @param peersDown what the running nodes see down in their ring views, e.g. "demo-dc1-r1-0 sees 10.0.0.3 down"
 * @param surplus nodes that run beyond the desired layout (the spec's size went down), to decommission
 * @param replicationByDatacenter the highest replication factor any keyspace has in each datacenter
 * @param cleanup nodes recorded as holding data a bootstrapped node took over, and their cleanup's progress
 * @param keyspacesByDatacenter the keyspaces that replicate to each datacenter (read with the replication)
 */
public record ObservedCluster(
        List<ObservedNode> nodes,
        Map<String, KnownNode> known,
        List<String> desiredSeeds,
        Map<String, List<Long>> newClusterTokens,
        boolean stopped,
        boolean authEnabled,
        boolean authInitialized,
        List<String> peersDown,
        List<ObservedNode> surplus,
        Map<String, Integer> replicationByDatacenter,
        List<CleanupTask> cleanup,
        Map<String, List<String>> keyspacesByDatacenter) {

    public ObservedCluster(List<ObservedNode> nodes, Map<String, KnownNode> known, List<String> desiredSeeds,
            Map<String, List<Long>> newClusterTokens, boolean stopped, boolean authEnabled, boolean authInitialized,
            List<String> peersDown, List<ObservedNode> surplus, Map<String, Integer> replicationByDatacenter) {
        this(nodes, known, desiredSeeds, newClusterTokens, stopped, authEnabled, authInitialized, peersDown, surplus,
                replicationByDatacenter, List.of(), Map.of());
    }

    public ObservedCluster(List<ObservedNode> nodes, Map<String, KnownNode> known, List<String> desiredSeeds,
            Map<String, List<Long>> newClusterTokens, boolean stopped, boolean authEnabled, boolean authInitialized) {
        this(nodes, known, desiredSeeds, newClusterTokens, stopped, authEnabled, authInitialized, List.of());
    }

    public ObservedCluster(List<ObservedNode> nodes, Map<String, KnownNode> known, List<String> desiredSeeds,
            Map<String, List<Long>> newClusterTokens, boolean stopped, boolean authEnabled, boolean authInitialized,
            List<String> peersDown) {
        this(nodes, known, desiredSeeds, newClusterTokens, stopped, authEnabled, authInitialized, peersDown, List.of(), Map.of());
    }

    public ObservedCluster {
        cleanup = List.copyOf(cleanup);
        keyspacesByDatacenter = Map.copyOf(keyspacesByDatacenter);
        surplus = List.copyOf(surplus);
        replicationByDatacenter = Map.copyOf(replicationByDatacenter);
        peersDown = List.copyOf(peersDown);
        nodes = List.copyOf(nodes);
        known = Map.copyOf(known);
        desiredSeeds = List.copyOf(desiredSeeds);
        newClusterTokens = Map.copyOf(newClusterTokens);
    }

    public ObservedCluster withCleanup(List<CleanupTask> tasks) {
        return new ObservedCluster(nodes, known, desiredSeeds, newClusterTokens, stopped, authEnabled, authInitialized, peersDown,
                surplus, replicationByDatacenter, tasks, keyspacesByDatacenter);
    }

    public ObservedCluster withKeyspaces(Map<String, List<String>> byDatacenter) {
        return new ObservedCluster(nodes, known, desiredSeeds, newClusterTokens, stopped, authEnabled, authInitialized, peersDown,
                surplus, replicationByDatacenter, cleanup, byDatacenter);
    }
}
