package dev.cassini.model.repair;

import dev.cassini.model.ring.Replication;
import dev.cassini.model.ring.TokenRing;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts a keyspace's token ring into repair segments. Each range of the ring is split so a segment
 * holds about {@code 1 / (nodes × segmentsPerNode)} of the ring, and the pieces whose replicas are
 * the same are packed together up to that size: with many small vnode ranges a session repairs
 * several at once instead of paying a session's fixed cost for each. A range with fewer than two
 * replicas in the datacenters taking part has nothing to compare and is left out.
 */
public final class RepairSegments {
    private RepairSegments() {}

    /**
     * The segments per node a table is cut into: {@code segmentsPerNode}, or, for a table smaller
     * than {@code segmentsPerNode} times {@code minSegmentBytes}, one per {@code minSegmentBytes}
     * of it (at least one). A session costs about a second whatever it compares, so cutting a
     * small table finely buys nothing but that cost.
     *
     * @param sizeBytes the table's size on a node; null when not known, which cuts it as asked
     * @param minSegmentBytes the least data a segment is cut to hold on a node; 0 cuts as asked
     */
    public static int segmentsPerNodeFor(Long sizeBytes, int segmentsPerNode, long minSegmentBytes) {
        if (sizeBytes == null || minSegmentBytes <= 0) {
            return segmentsPerNode;
        }
        long bySize = Math.max(1, sizeBytes / minSegmentBytes + (sizeBytes % minSegmentBytes == 0 ? 0 : 1));
        return (int) Math.min(segmentsPerNode, bySize);
    }

    /** A piece of one range and that range's replicas, the first replica first. */
    private record Piece(TokenSpan span, List<String> replicas) {}

    /**
     * @param ring the ring, its nodes named by pod
     * @param replication the keyspace's replication
     * @param datacenters the datacenters whose replicas take part; every one when empty
     * @param segmentsPerNode how many segments per node taking part the ring is cut into, at least 1
     */
    public static List<RepairSegment> of(
            TokenRing ring, Replication replication, Set<String> datacenters, int segmentsPerNode) {
        if (segmentsPerNode < 1) {
            throw new IllegalArgumentException("segmentsPerNode must be at least 1, got " + segmentsPerNode);
        }
        long taking = ring.nodes().stream()
                .filter(n -> !n.tokens().isEmpty() && (datacenters.isEmpty() || datacenters.contains(n.datacenter())))
                .count();
        if (taking == 0) {
            return List.of();
        }
        BigInteger target = TokenSpan.WHOLE_RING
                .width()
                .add(BigInteger.ONE)
                .divide(BigInteger.valueOf(taking * segmentsPerNode))
                .max(BigInteger.ONE);
        long[] tokens = ring.tokens();
        // Pieces of every range, grouped by the set of their replicas, each group in ring order. A
        // segment lists its replicas in the order of its first piece's range, so the coordinator is
        // that range's first replica and the sessions of a ring spread over its nodes.
        Map<Set<String>, List<Piece>> byReplicas = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            long end = tokens[i];
            long start = tokens[(i + tokens.length - 1) % tokens.length];
            List<String> replicas = ring.replicas(end, replication).stream()
                    .filter(n -> datacenters.isEmpty() || datacenters.contains(n.datacenter()))
                    .map(TokenRing.Node::id)
                    .toList();
            if (replicas.size() < 2) {
                continue;
            }
            for (TokenSpan span : TokenSpan.ofRange(start, end)) {
                int pieces = span.width()
                        .add(target)
                        .subtract(BigInteger.ONE)
                        .divide(target)
                        .min(BigInteger.valueOf(1 << 20))
                        .intValue();
                List<Piece> group = byReplicas.computeIfAbsent(Set.copyOf(replicas), r -> new ArrayList<>());
                span.split(pieces).forEach(p -> group.add(new Piece(p, replicas)));
            }
        }
        List<RepairSegment> segments = new ArrayList<>();
        byReplicas.values().forEach(pieces -> {
            List<TokenSpan> packed = new ArrayList<>();
            List<String> order = null;
            BigInteger width = BigInteger.ZERO;
            for (Piece piece : pieces) {
                if (!packed.isEmpty() && width.add(piece.span().width()).compareTo(target) > 0) {
                    segments.add(new RepairSegment(packed, order));
                    packed = new ArrayList<>();
                    width = BigInteger.ZERO;
                }
                if (packed.isEmpty()) {
                    order = piece.replicas();
                }
                packed.add(piece.span());
                width = width.add(piece.span().width());
            }
            if (!packed.isEmpty()) {
                segments.add(new RepairSegment(packed, order));
            }
        });
        segments.sort(java.util.Comparator.comparing(s -> s.spans().get(0)));
        return segments;
    }

    /**
     * Segments for an incremental repair: one per node, holding the ranges the node is the first
     * replica of, with every replica of any of them taking part. An incremental session
     * anticompacts each SSTable it touches, so fewer, larger sessions cost far less than many
     * small ones, and a node's first-replica ranges cover the ring exactly once.
     */
    public static List<RepairSegment> perNode(TokenRing ring, Replication replication, Set<String> datacenters) {
        long[] tokens = ring.tokens();
        Map<String, List<TokenSpan>> spans = new LinkedHashMap<>();
        Map<String, java.util.LinkedHashSet<String>> replicas = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            long end = tokens[i];
            long start = tokens[(i + tokens.length - 1) % tokens.length];
            List<String> taking = ring.replicas(end, replication).stream()
                    .filter(n -> datacenters.isEmpty() || datacenters.contains(n.datacenter()))
                    .map(TokenRing.Node::id)
                    .toList();
            if (taking.size() < 2) {
                continue;
            }
            spans.computeIfAbsent(taking.get(0), n -> new ArrayList<>()).addAll(TokenSpan.ofRange(start, end));
            java.util.LinkedHashSet<String> all =
                    replicas.computeIfAbsent(taking.get(0), n -> new java.util.LinkedHashSet<>(List.of(n)));
            all.addAll(taking);
        }
        List<RepairSegment> segments = new ArrayList<>();
        spans.forEach((node, own) ->
                segments.add(new RepairSegment(own.stream().sorted().toList(), List.copyOf(replicas.get(node)))));
        segments.sort(java.util.Comparator.comparing(s -> s.spans().get(0)));
        return segments;
    }
}
