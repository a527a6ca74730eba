package dev.cassini.model.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Murmur3 token ring: which node owns which token, where each node is, and which nodes hold the
 * replicas of a token under a keyspace's replication. The placement follows Cassandra's own
 * strategies, so it can be worked out for a ring that no longer runs (a backed-up cluster) as well
 * as for one that does.
 */
public final class TokenRing {
    /**
     * One node of the ring.
     *
     * @param id what names it to the caller (a manifest key, a pod)
     * @param datacenter its datacenter
     * @param rack its rack
     * @param tokens the tokens it owns
     */
    public record Node(String id, String datacenter, String rack, List<Long> tokens) {
        public Node {
            tokens = List.copyOf(tokens);
        }
    }

    private final List<Node> nodes;
    private final long[] tokens;
    private final int[] owners;
    /** Per datacenter, its nodes that own tokens and how many racks they are in: counted once, used per walk. */
    private final Map<String, Integer> nodesByDatacenter = new java.util.HashMap<>();

    private final Map<String, Integer> racksByDatacenter = new java.util.HashMap<>();

    private TokenRing(List<Node> nodes, long[] tokens, int[] owners) {
        this.nodes = nodes;
        this.tokens = tokens;
        this.owners = owners;
        Map<String, Set<String>> racks = new java.util.HashMap<>();
        for (Node node : nodes) {
            if (!node.tokens().isEmpty()) {
                nodesByDatacenter.merge(node.datacenter(), 1, Integer::sum);
                racks.computeIfAbsent(node.datacenter(), dc -> new HashSet<>()).add(node.rack());
            }
        }
        racks.forEach((dc, names) -> racksByDatacenter.put(dc, names.size()));
    }

    /**
     * @throws IllegalArgumentException when two nodes claim the same token or no node has one
     */
    public static TokenRing of(List<Node> nodes) {
        Map<Long, Integer> ownerByToken = new java.util.TreeMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (long token : nodes.get(i).tokens()) {
                Integer before = ownerByToken.put(token, i);
                if (before != null && before != i) {
                    throw new IllegalArgumentException("token " + token + " is owned by both "
                            + nodes.get(before).id() + " and " + nodes.get(i).id());
                }
            }
        }
        if (ownerByToken.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one node with a token");
        }
        long[] tokens = new long[ownerByToken.size()];
        int[] owners = new int[ownerByToken.size()];
        int k = 0;
        for (Map.Entry<Long, Integer> entry : ownerByToken.entrySet()) {
            tokens[k] = entry.getKey();
            owners[k++] = entry.getValue();
        }
        return new TokenRing(List.copyOf(nodes), tokens, owners);
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Every token of the ring, in ring order. */
    public long[] tokens() {
        return tokens.clone();
    }

    /**
     * The nodes holding a replica of {@code token}, in the order a walk of the ring from it meets
     * them (the first is the one whose range holds the token).
     */
    public List<Node> replicas(long token, Replication replication) {
        int start = Arrays.binarySearch(tokens, token);
        if (start < 0) {
            start = -start - 1;
        }
        return replication.isSimple() ? simple(start, replication.total()) : networkTopology(start, replication);
    }

    /** SimpleStrategy: the next distinct nodes clockwise, whatever their datacenter or rack. */
    private List<Node> simple(int start, int factor) {
        List<Node> replicas = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int step = 0; step < tokens.length && replicas.size() < factor; step++) {
            int owner = owners[(start + step) % tokens.length];
            if (seen.add(owner)) {
                replicas.add(nodes.get(owner));
            }
        }
        return replicas;
    }

    /**
     * NetworkTopologyStrategy: per datacenter, the next nodes clockwise in racks not yet holding a
     * replica; a node in a rack that already holds one is taken only while the datacenter has fewer
     * racks than replicas to place, and only as many such nodes as that shortfall.
     */
    private List<Node> networkTopology(int start, Replication replication) {
        Map<String, Placing> placing = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : replication.perDatacenter().entrySet()) {
            String dc = entry.getKey();
            int inDc = nodesByDatacenter.getOrDefault(dc, 0);
            if (entry.getValue() > 0 && inDc > 0) {
                placing.put(
                        dc,
                        new Placing(Math.min(entry.getValue(), inDc), entry.getValue() - racksByDatacenter.get(dc)));
            }
        }
        List<Node> replicas = new ArrayList<>();
        long open = placing.size();
        for (int step = 0; step < tokens.length && open > 0; step++) {
            Node node = nodes.get(owners[(start + step) % tokens.length]);
            Placing dc = placing.get(node.datacenter());
            if (dc != null && dc.left > 0 && !replicas.contains(node) && dc.take(node.rack())) {
                replicas.add(node);
                if (dc.left == 0) {
                    open--;
                }
            }
        }
        return replicas;
    }

    /** What is left to place in one datacenter during a walk. */
    private static final class Placing {
        private final Set<String> racks = new HashSet<>();
        private int left;
        private int rackRepeats;

        Placing(int left, int rackRepeats) {
            this.left = left;
            this.rackRepeats = rackRepeats;
        }

        boolean take(String rack) {
            if (racks.add(rack)) {
                left--;
                return true;
            }
            if (rackRepeats <= 0) {
                return false;
            }
            rackRepeats--;
            left--;
            return true;
        }
    }
}
