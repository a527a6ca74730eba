package dev.cassini.model.backup;

import dev.cassini.model.NodeSlot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which node of a cluster takes which backed-up node's files. A node's files hold the data of the
 * tokens it owned, so they go to the node that owns those tokens now: the same node (same host ID)
 * for a restore in place, or the node of a new cluster that was started with those tokens. A new
 * cluster restored from a backup therefore starts each node with the tokens of the backed-up node
 * in the same datacenter (after mapping), rack and position, and nothing needs to stream.
 */
public final class RestoreTargets {
    private RestoreTargets() {}

    /**
     * One backed-up node.
     *
     * @param manifest the key of its manifest
     * @param datacenter its datacenter in the backup
     * @param rack its rack
     * @param pod the pod it ran in (orders the nodes of a rack)
     * @param hostId its host ID
     * @param tokens its tokens as decimal strings
     */
    public record Backed(
            String manifest, String datacenter, String rack, String pod, String hostId, List<String> tokens) {
        public Backed {
            tokens = List.copyOf(tokens);
        }
    }

    /** A node of the target cluster as it is in the ring now. */
    public record Member(String pod, String hostId, List<String> tokens) {
        public Member {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    /**
     * The tokens for each pod of a new ring; or why the nodes cannot start yet ({@code refusal});
     * or, for a cluster of another shape than the backup's, why the nodes start with tokens of their
     * own and the restore streams the files to them ({@code streamed}).
     */
    public record NewRing(Map<String, List<Long>> tokens, Optional<String> refusal, Optional<String> streamed) {
        public NewRing {
            tokens = Map.copyOf(tokens);
        }

        /** The nodes cannot start yet, for this reason. */
        public static NewRing blocked(String reason) {
            return new NewRing(Map.of(), Optional.of(reason), Optional.empty());
        }
    }

    /**
     * The backed-up node's tokens for each slot: the i-th node of a rack (by ordinal) takes those of
     * the i-th backed-up node of the same rack (by pod name) in the mapped datacenter.
     */
    public static NewRing newRing(List<NodeSlot> slots, List<Backed> backed, Map<String, String> datacenterMapping) {
        Map<String, List<Backed>> backedByRack = new TreeMap<>();
        for (Backed node : backed) {
            String dc = datacenterMapping.getOrDefault(node.datacenter(), node.datacenter());
            backedByRack
                    .computeIfAbsent(dc + "/" + node.rack(), k -> new ArrayList<>())
                    .add(node);
        }
        backedByRack.values().forEach(list -> list.sort(Comparator.comparing(Backed::pod, RestoreTargets::byOrdinal)));
        Map<String, List<NodeSlot>> slotsByRack = new TreeMap<>();
        for (NodeSlot slot : slots) {
            slotsByRack
                    .computeIfAbsent(slot.datacenter() + "/" + slot.rack(), k -> new ArrayList<>())
                    .add(slot);
        }
        slotsByRack.values().forEach(list -> list.sort(Comparator.comparingInt(NodeSlot::ordinal)));
        Map<String, Integer> want = counts(backedByRack);
        Map<String, Integer> have = counts(slotsByRack);
        if (!want.equals(have)) {
            return new NewRing(
                    Map.of(),
                    Optional.empty(),
                    Optional.of("the backup's nodes per rack (" + shape(want) + ") are not this cluster's ("
                            + shape(have) + (datacenterMapping.isEmpty() ? "" : " after datacenterMapping")
                            + "): the nodes start with tokens of their own, and the restore streams each backed-up"
                            + " node's files to the nodes that replicate them"));
        }
        Map<String, List<Long>> tokens = new HashMap<>();
        slotsByRack.forEach((rack, rackSlots) -> {
            List<Backed> rackBacked = backedByRack.get(rack);
            for (int i = 0; i < rackSlots.size(); i++) {
                tokens.put(
                        rackSlots.get(i).pod(),
                        rackBacked.get(i).tokens().stream().map(Long::parseLong).toList());
            }
        });
        return new NewRing(tokens, Optional.empty(), Optional.empty());
    }

    /** Which manifest each member restores, and what could not be matched. */
    public record Matching(
            Map<String, String> manifestByPod, List<String> unmatchedPods, List<String> unmatchedBacked) {
        public Matching {
            manifestByPod = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(manifestByPod));
            unmatchedPods = List.copyOf(unmatchedPods);
            unmatchedBacked = List.copyOf(unmatchedBacked);
        }

        public boolean complete() {
            return unmatchedPods.isEmpty() && unmatchedBacked.isEmpty();
        }
    }

    /** Matches every member to a backed-up node: by host ID first, else by owning exactly its tokens. */
    public static Matching match(List<Member> members, List<Backed> backed) {
        Map<String, Backed> byHostId = new HashMap<>();
        Map<Set<String>, Backed> byTokens = new HashMap<>();
        for (Backed node : backed) {
            byHostId.put(node.hostId(), node);
            byTokens.put(new HashSet<>(node.tokens()), node);
        }
        Map<String, String> manifestByPod = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        List<String> unmatchedPods = new ArrayList<>();
        for (Member member : members) {
            Backed same = member.hostId() == null ? null : byHostId.get(member.hostId());
            if (same == null && !member.tokens().isEmpty()) {
                same = byTokens.get(new HashSet<>(member.tokens()));
            }
            if (same == null || !used.add(same.manifest())) {
                unmatchedPods.add(member.pod() + " (host ID " + member.hostId() + ", "
                        + member.tokens().size() + " tokens"
                        + (member.tokens().isEmpty()
                                ? ""
                                : " from " + member.tokens().get(0)) + ")");
            } else {
                manifestByPod.put(member.pod(), same.manifest());
            }
        }
        List<String> unmatchedBacked = backed.stream()
                .filter(b -> !used.contains(b.manifest()))
                .map(b -> b.pod() + " (" + b.datacenter() + "/" + b.rack() + ", host ID " + b.hostId() + ", "
                        + b.tokens().size() + " tokens"
                        + (b.tokens().isEmpty() ? "" : " from " + b.tokens().get(0))
                        + ")")
                .toList();
        return new Matching(manifestByPod, unmatchedPods, unmatchedBacked);
    }

    private static Map<String, Integer> counts(Map<String, ? extends List<?>> byRack) {
        Map<String, Integer> counts = new TreeMap<>();
        byRack.forEach((rack, list) -> counts.put(rack, list.size()));
        return counts;
    }

    private static String shape(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Pod names by their trailing ordinal, so that node-10 follows node-9. */
    private static int byOrdinal(String a, String b) {
        int c = Long.compare(ordinal(a), ordinal(b));
        return c != 0 ? c : a.compareTo(b);
    }

    private static long ordinal(String pod) {
        int i = pod.length();
        while (i > 0 && Character.isDigit(pod.charAt(i - 1))) {
            i--;
        }
        return i == pod.length() || pod.length() - i > 9 ? -1 : Long.parseLong(pod.substring(i));
    }
}
