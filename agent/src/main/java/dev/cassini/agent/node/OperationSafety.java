package dev.cassini.agent.node;

import dev.cassini.contract.NodeState;
import dev.cassini.contract.RingEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refuses node operations that would put data at risk, with a reason a person can act on. Pure:
 * decides from the node's own view of the ring.
 */
public final class OperationSafety {
    private OperationSafety() {}

    /**
     * Decommission streams this node's ranges to the remaining replicas. With another node of the
     * DC down, ranges lose a replica during the move; with another range movement under way the
     * token ring would change under both.
     */
    public static Optional<String> refuseDecommission(String localAddress, List<RingEndpoint> ring) {
        Optional<RingEndpoint> local =
                ring.stream().filter(e -> e.address().equals(localAddress)).findFirst();
        if (local.isEmpty()) {
            return Optional.of(
                    "this node (" + localAddress + ") is not in its own ring view; wait until it has joined");
        }
        if (local.get().state() != NodeState.NORMAL) {
            return Optional.of(
                    "this node is " + local.get().state() + ", not NORMAL; only a NORMAL node can be decommissioned");
        }
        String dc = local.get().datacenter();
        List<RingEndpoint> othersInDc = ring.stream()
                .filter(e -> e.datacenter().equals(dc) && !e.address().equals(localAddress))
                .toList();
        // The last node of a datacenter may leave: that is how a datacenter is removed once no keyspace
        // replicates to it. Cassandra itself refuses a decommission that would leave any keyspace with
        // fewer nodes in this datacenter than its replication factor, naming the keyspace.
        for (RingEndpoint other : othersInDc) {
            if (!other.up()) {
                return Optional.of(
                        "node " + other.address() + " in datacenter " + dc + " is down; decommissioning now could "
                                + "leave ranges without enough replicas. Bring it back up (or remove it) first");
            }
        }
        for (RingEndpoint other : ring) {
            if (!other.address().equals(localAddress) && other.state() != NodeState.NORMAL) {
                return Optional.of("node " + other.address() + " is " + other.state()
                        + "; wait until that range movement has finished");
            }
        }
        return Optional.empty();
    }

    /** removenode takes over a dead node's ranges; it must never target a live node or this one. */
    public static Optional<String> refuseRemoveNode(String hostId, String localAddress, List<RingEndpoint> ring) {
        try {
            UUID.fromString(hostId);
        } catch (IllegalArgumentException e) {
            return Optional.of(
                    "'" + hostId + "' is not a host ID; give the UUID shown for the dead node in the ring view");
        }
        Optional<RingEndpoint> target =
                ring.stream().filter(e -> e.hostId().equalsIgnoreCase(hostId)).findFirst();
        if (target.isEmpty()) {
            return Optional.of("no node with host ID " + hostId + " is in the ring");
        }
        if (target.get().address().equals(localAddress)) {
            return Optional.of("host ID " + hostId + " is this node; decommission it instead of removing it");
        }
        if (target.get().up()) {
            return Optional.of("node " + target.get().address() + " (" + hostId
                    + ") is up; removenode is only for dead nodes. " + "Decommission it from that node instead");
        }
        return Optional.empty();
    }

    /**
     * scrub may drop what it cannot read (with {@code skipCorrupted}), and what it dropped comes
     * back only by a repair from the other replicas: so it runs only while every node this one
     * knows is up to repair from.
     */
    public static Optional<String> refuseScrub(String localAddress, List<RingEndpoint> ring) {
        if (ring.stream().noneMatch(e -> e.address().equals(localAddress))) {
            return Optional.of(
                    "this node (" + localAddress + ") is not in its own ring view; wait until it has joined");
        }
        List<String> down = ring.stream()
                .filter(e -> !e.up())
                .map(e -> e.address() + " (" + e.datacenter() + ")")
                .toList();
        if (!down.isEmpty()) {
            return Optional.of((down.size() == 1 ? "node " + down.get(0) + " is" : "nodes " + down + " are")
                    + " down; a scrub that drops corrupt rows must be followed by a repair from healthy replicas,"
                    + " so every node must be up. Bring " + (down.size() == 1 ? "it" : "them")
                    + " back up (or remove " + (down.size() == 1 ? "it" : "them") + ") first");
        }
        return Optional.empty();
    }

    /** rebuild streams from another datacenter, which must exist and have a live node. */
    public static Optional<String> refuseRebuild(
            String sourceDatacenter, String localAddress, List<RingEndpoint> ring) {
        String localDc = ring.stream()
                .filter(e -> e.address().equals(localAddress))
                .map(RingEndpoint::datacenter)
                .findFirst()
                .orElse("");
        if (sourceDatacenter.equals(localDc)) {
            return Optional.of("source datacenter " + sourceDatacenter
                    + " is this node's own; rebuild streams from another datacenter");
        }
        List<RingEndpoint> sources = ring.stream()
                .filter(e -> e.datacenter().equals(sourceDatacenter))
                .toList();
        if (sources.isEmpty()) {
            return Optional.of("datacenter " + sourceDatacenter + " is not in the ring; known datacenters: "
                    + ring.stream()
                            .map(RingEndpoint::datacenter)
                            .distinct()
                            .sorted()
                            .toList());
        }
        if (sources.stream().noneMatch(RingEndpoint::up)) {
            return Optional.of("no node of datacenter " + sourceDatacenter + " is up to stream from");
        }
        return Optional.empty();
    }
}
