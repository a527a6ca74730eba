package dev.cassini.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How a datacenter's nodes spread over its racks: as evenly as possible, earlier racks taking
 * the remainder, so racks never differ by more than one node. Scaling changes the highest
 * ordinals first, which keeps that balance at every step.
 */
public final class DatacenterLayout {
    private DatacenterLayout() {}

    /** Replicas per rack, in rack order. */
    public static List<Integer> replicasPerRack(int size, int racks) {
        if (racks < 1) {
            throw new IllegalArgumentException("a datacenter needs at least one rack");
        }
        List<Integer> replicas = new ArrayList<>();
        for (int r = 0; r < racks; r++) {
            replicas.add(size / racks + (r < size % racks ? 1 : 0));
        }
        return replicas;
    }

    /**
     * Every node slot of the datacenter in rack-interleaved order: ordinal 0 of each rack, then
     * ordinal 1 of each rack, ... A node's position in this order is its token index, so
     * neighbouring token ranges land on different racks.
     */
    public static List<NodeSlot> slots(ClusterNames names, String datacenter, int size, List<RackShape> racks) {
        List<Integer> replicas = replicasPerRack(size, racks.size());
        int maxPerRack = replicas.isEmpty() ? 0 : replicas.get(0);
        List<NodeSlot> slots = new ArrayList<>();
        for (int ordinal = 0; ordinal < maxPerRack; ordinal++) {
            for (int r = 0; r < racks.size(); r++) {
                if (ordinal < replicas.get(r)) {
                    String rack = racks.get(r).name();
                    slots.add(new NodeSlot(
                            datacenter, rack, ordinal, names.pod(datacenter, rack, ordinal), slots.size()));
                }
            }
        }
        return slots;
    }
}
