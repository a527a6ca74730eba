package dev.cassini.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses seeds: per datacenter up to three nodes, spread over racks (the lowest ordinals of each
 * rack in turn), from the nodes that have an address now; then the additional seeds of nodes
 * outside this Kubernetes cluster. With more than three racks every rack gives one seed, so losing
 * any one rack never loses all seeds; with fewer than three nodes, all nodes are seeds.
 */
public final class SeedSelector {
    public static final int SEEDS_PER_DATACENTER = 3;

    private SeedSelector() {}

    /**
     * @param slots every desired node, in rack-interleaved order per datacenter
     * @param addresses current address of each pod that has one
     */
    public static List<String> select(
            List<NodeSlot> slots, Map<String, String> addresses, List<String> additionalSeeds) {
        Map<String, List<NodeSlot>> byDatacenter = new LinkedHashMap<>();
        for (NodeSlot slot : slots) {
            byDatacenter
                    .computeIfAbsent(slot.datacenter(), dc -> new ArrayList<>())
                    .add(slot);
        }
        List<String> seeds = new ArrayList<>();
        for (List<NodeSlot> dcSlots : byDatacenter.values()) {
            long racks = dcSlots.stream().map(NodeSlot::rack).distinct().count();
            long wanted = Math.max(SEEDS_PER_DATACENTER, racks);
            int chosen = 0;
            // Interleaved order already alternates racks, ordinal 0 first: take the first addressed ones.
            for (NodeSlot slot : dcSlots) {
                if (chosen == wanted) {
                    break;
                }
                String address = addresses.get(slot.pod());
                if (address != null) {
                    seeds.add(address);
                    chosen++;
                }
            }
        }
        for (String extra : additionalSeeds) {
            if (!seeds.contains(extra)) {
                seeds.add(extra);
            }
        }
        return seeds;
    }
}
