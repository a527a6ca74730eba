package dev.cassini.model.plan;

import dev.cassini.contract.NodeState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The next step of a scale-down, one surplus node at a time: a decommissioned one leaves (its
 * StatefulSet shrinks), else the next one decommissions — the highest ordinal of the fullest rack,
 * keeping racks balanced — provided every node is up, the datacenter keeps at least as many nodes
 * as its largest replication factor, and the nodes that take over its data have the room for it.
 * Nodes of a datacenter gone from the spec leave as {@link LeavePlan} says.
 */
final class ScaleDownPlan {
    /**
     * A receiving node needs twice its share free: once for the streamed SSTables and once more for
     * compacting them with what it holds (size-tiered compaction can rewrite that much at once).
     */
    static final int DISK_HEADROOM_FACTOR = 2;

    private ScaleDownPlan() {}

    static Action next(ObservedCluster cluster) {
        for (ObservedNode node : cluster.surplus()) {
            if (hasLeft(cluster, node)) {
                Optional<Action> auth = LeavePlan.beforeTheLastPodGoes(cluster, node);
                if (auth.isPresent()) {
                    return auth.get();
                }
                String statefulSet = PodObservation.statefulSetOf(node.pod());
                return new Action.RemoveNode(
                        node.pod(),
                        statefulSet,
                        node.slot().ordinal(),
                        node.pod() + " has left the ring; removing its pod and volume");
            }
        }
        Optional<ObservedNode> restarted = cluster.surplus().stream()
                .filter(n -> n.reachable()
                        && n.agent().get().idle()
                        && n.agent().get().joined())
                .filter(n -> stillInRing(cluster, n))
                .findFirst();
        if (restarted.isPresent()) {
            // Its container restarted (the agent starts no node by itself): a node decommissions only
            // while it runs, so it starts again, with its data and without bootstrap, and then leaves.
            String pod = restarted.get().pod();
            return new Action.StartNodes(
                    List.of(StartNode.restart(pod)),
                    pod + " is to leave the ring but is not running (its container restarted): starting it again"
                            + " with its data so it can decommission");
        }
        Optional<Action> down = LeavePlan.downManagedNode(cluster);
        if (down.isPresent()) {
            return down.get();
        }
        List<ObservedNode> unreachable = cluster.surplus().stream()
                .filter(n -> !n.reachable() || !n.agent().get().normal())
                .toList();
        if (!unreachable.isEmpty()) {
            return new Action.Wait("scale-down waits for "
                    + String.join(
                            ", ", unreachable.stream().map(ObservedNode::pod).toList())
                    + " to be up and normal before it decommissions");
        }
        if (!cluster.peersDown().isEmpty()) {
            return new Action.Wait("scale-down paused until every node sees every other up: "
                    + String.join(", ", cluster.peersDown()));
        }
        Optional<Action> leave = LeavePlan.next(cluster);
        if (leave.isPresent()) {
            return leave.get();
        }
        ObservedNode next = cluster.surplus().stream()
                .max(Comparator.comparingLong((ObservedNode n) -> rackSize(cluster, n))
                        .thenComparingInt(n -> n.slot().ordinal())
                        .thenComparing(n -> n.slot().rack(), Comparator.reverseOrder()))
                .orElseThrow();
        String dc = next.slot().datacenter();
        long remaining =
                everyNode(cluster).filter(n -> n.slot().datacenter().equals(dc)).count() - 1;
        int rf = cluster.replicationByDatacenter().getOrDefault(dc, 0);
        if (remaining < rf) {
            return new Action.Refuse(
                    Action.Refuse.SCALE_DOWN,
                    "scale-down of datacenter " + dc + " refused: a keyspace replicates " + rf + " copies to " + dc
                            + " and only " + remaining
                            + " nodes would remain. Lower that keyspace's replication first (ALTER KEYSPACE ... "
                            + "WITH replication = {'class': 'NetworkTopologyStrategy', '" + dc + "': " + remaining
                            + "}) or keep at least "
                            + rf + " nodes; every node keeps running");
        }
        Action diskRefusal = diskRefusal(cluster, next);
        if (diskRefusal != null) {
            return diskRefusal;
        }
        return new Action.Decommission(
                next.pod(),
                "scale-down: decommissioning " + next.pod() + " ("
                        + cluster.surplus().size() + " to remove); its data streams to the other nodes first");
    }

    /**
     * Whether this node has left the ring: its agent says DECOMMISSIONED, or it is not running (its
     * container restarted after the decommission, or its pod does not run and the node was removed)
     * and the ring no longer has its host ID.
     */
    static boolean hasLeft(ObservedCluster cluster, ObservedNode node) {
        if (node.agent().map(a -> a.state() == NodeState.DECOMMISSIONED).orElse(false)) {
            return true;
        }
        return node.agent().map(AgentView::idle).orElse(true)
                && hostId(cluster, node) != null
                && !cluster.ringHostIds().isEmpty()
                && !cluster.ringHostIds().contains(hostId(cluster, node));
    }

    /**
     * Whether the ring still has this node (by the host ID its agent or status knows): one that has
     * decommissioned must never start again, and Cassandra would refuse it anyway.
     */
    static boolean stillInRing(ObservedCluster cluster, ObservedNode node) {
        String hostId = hostId(cluster, node);
        return hostId != null && cluster.ringHostIds().contains(hostId);
    }

    /** The node's host ID as its agent or, when it does not say, status knows it; null when neither does. */
    static String hostId(ObservedCluster cluster, ObservedNode node) {
        String hostId = node.agent().map(AgentView::hostId).orElse(null);
        if (hostId == null && cluster.known().containsKey(node.pod())) {
            hostId = cluster.known().get(node.pod()).hostId();
        }
        return hostId;
    }

    /**
     * The leaving node's data goes to the nodes that stay: to the others of its rack when there are
     * any (NetworkTopologyStrategy keeps a range's replicas on distinct racks, so the rack's copy
     * stays in the rack), else to every staying node of its datacenter, spread evenly by vnodes.
     * Null when each receiver has room; a Wait when a figure is missing, so nothing leaves blind.
     */
    private static Action diskRefusal(ObservedCluster cluster, ObservedNode leaving) {
        String dc = leaving.slot().datacenter();
        List<ObservedNode> staying = cluster.nodes().stream()
                .filter(n -> n.slot().datacenter().equals(dc))
                .toList();
        List<ObservedNode> sameRack = staying.stream()
                .filter(n -> n.slot().rack().equals(leaving.slot().rack()))
                .toList();
        List<ObservedNode> receivers = sameRack.isEmpty() ? staying : sameRack;
        List<String> unknown = Stream.concat(Stream.of(leaving), receivers.stream())
                .filter(n -> n.agent().map(AgentView::disk).isEmpty())
                .map(ObservedNode::pod)
                .toList();
        if (!unknown.isEmpty()) {
            return new Action.Wait("scale-down waits for the disk usage of " + String.join(", ", unknown)
                    + " to check the remaining nodes can take " + leaving.pod() + "'s data");
        }
        if (receivers.isEmpty()) {
            return null; // only a leaving datacenter has no staying node, and LeavePlan decides for it
        }
        long load = leaving.agent().get().disk().loadBytes();
        long share = (load + receivers.size() - 1) / receivers.size();
        List<ObservedNode> short_ = receivers.stream()
                .filter(n -> n.agent().get().disk().freeBytes() < DISK_HEADROOM_FACTOR * share)
                .toList();
        if (short_.isEmpty()) {
            return null;
        }
        String lacking = String.join(
                ", ",
                short_.stream()
                        .map(n -> n.pod() + " has "
                                + DiskUsage.format(n.agent().get().disk().freeBytes()) + " free of "
                                + DiskUsage.format(n.agent().get().disk().totalBytes()))
                        .toList());
        return new Action.Refuse(
                Action.Refuse.SCALE_DOWN,
                "scale-down of datacenter " + dc + " refused: decommissioning " + leaving.pod() + " moves its "
                        + DiskUsage.format(load) + " of data to "
                        + String.join(
                                ", ", receivers.stream().map(ObservedNode::pod).toList())
                        + ", about " + DiskUsage.format(share) + " each, and each needs " + DISK_HEADROOM_FACTOR
                        + " times that free to stream and compact it, but " + lacking
                        + ". Give the nodes larger volumes or free space (e.g. clear snapshots) first, or keep the node; every node keeps running");
    }

    private static long rackSize(ObservedCluster cluster, ObservedNode node) {
        return everyNode(cluster)
                .filter(n -> n.slot().datacenter().equals(node.slot().datacenter())
                        && n.slot().rack().equals(node.slot().rack()))
                .count();
    }

    private static Stream<ObservedNode> everyNode(ObservedCluster cluster) {
        return Stream.concat(cluster.nodes().stream(), cluster.surplus().stream());
    }
}
