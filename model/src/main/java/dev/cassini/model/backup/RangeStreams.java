package dev.cassini.model.backup;

import dev.cassini.model.ring.Replication;
import dev.cassini.model.ring.TokenRing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each backed-up node's data goes when a backup is restored into a ring of another shape
 * (other node count, racks or tokens), for one keyspace.
 *
 * <p>Each backed-up replica of a range holds its own copy of that range, and the copies may differ
 * (a write that missed one replica, a delete not yet repaired). So every backed-up copy of a range
 * is sent on, to exactly one of the target's replicas of it, and every target replica receives at
 * least one copy: replica {@code j} of the target gets the copy of backed-up replica {@code j},
 * round robin when the counts differ. That streams {@code max(backed-up, target)} copies of each
 * range, not the square that loading every backed-up file into every replica would, and the
 * restored ring holds every write the backup held, spread over its replicas as the backed-up ring
 * had it. Where a target replica received a copy others did not, a repair makes them agree.
 *
 * <p>Replicas are paired within a datacenter: a target datacenter takes the copies of the
 * backed-up datacenter mapped to it and those of every backed-up datacenter mapped to none that
 * holds the range; one that takes none that way takes every copy.
 */
public final class RangeStreams {
    private RangeStreams() {}

    /**
     * Tokens {@code (start, end]}; {@code start >= end} wraps past the ring's end, and
     * {@code start == end} is the whole ring, as Cassandra's ranges read.
     */
    public record TokenRange(long start, long end) {
        /** How much of the ring it covers, from 0 (exclusive) to 1 (the whole ring). */
        public double share() {
            if (start == end) {
                return 1.0;
            }
            // end - start wraps as an unsigned 64-bit count of tokens, which is what a range spans.
            return unsigned(end - start) / 0x1p64;
        }

        /** The share of the ring that at least one of these ranges covers. */
        public static double union(java.util.Collection<TokenRange> ranges) {
            // Spans [from, to) as unsigned offsets from the ring's lowest token (exact: doubles would merge
            // nearby tokens), a range that wraps becoming two; the ring's end is written as its last token.
            List<long[]> spans = new ArrayList<>();
            for (TokenRange r : ranges) {
                if (r.start() == r.end()) {
                    return 1.0;
                }
                long from = r.start() ^ Long.MIN_VALUE;
                long to = r.end() ^ Long.MIN_VALUE;
                if (Long.compareUnsigned(from, to) < 0) {
                    spans.add(new long[] {from, to});
                } else {
                    spans.add(new long[] {from, -1L});
                    spans.add(new long[] {0, to});
                }
            }
            spans.sort((x, y) -> Long.compareUnsigned(x[0], y[0]));
            double covered = 0;
            long reached = 0;
            for (long[] span : spans) {
                long from = Long.compareUnsigned(span[0], reached) > 0 ? span[0] : reached;
                if (Long.compareUnsigned(span[1], from) > 0) {
                    covered += unsigned(span[1] - from);
                    reached = span[1];
                }
            }
            return covered / 0x1p64;
        }

        private static double unsigned(long value) {
            return value >= 0 ? value : value + 0x1p64;
        }

        @Override
        public String toString() {
            return "(" + start + "," + end + "]";
        }
    }

    /**
     * The streams of one keyspace.
     *
     * @param ranges for each backed-up node (by its ID in the source ring), the ranges each target
     *     node (by its ID in the target ring) receives from its files, merged where adjacent
     * @param repairAdvised whether some range reaches several target replicas from different
     *     backed-up replicas, which may hold different copies: a repair then makes them agree
     * @param placesEverything false when some backed-up range has no replica in the target (its
     *     replication names no datacenter the target has nodes in): a restore must refuse
     */
    public record Plan(
            Map<String, Map<String, List<TokenRange>>> ranges, boolean repairAdvised, boolean placesEverything) {
        public Plan {
            Map<String, Map<String, List<TokenRange>>> copy = new TreeMap<>();
            ranges.forEach((from, to) -> {
                Map<String, List<TokenRange>> inner = new TreeMap<>();
                to.forEach((target, list) -> inner.put(target, List.copyOf(list)));
                copy.put(from, java.util.Collections.unmodifiableMap(inner));
            });
            ranges = java.util.Collections.unmodifiableMap(copy);
        }

        /** The ranges one backed-up node's files send to each target node; empty when none. */
        public Map<String, List<TokenRange>> from(String backedUp) {
            return ranges.getOrDefault(backedUp, Map.of());
        }
    }

    /**
     * @param source the backed-up ring, its datacenters as the backup names them
     * @param sourceReplication the keyspace's replication in the backup
     * @param target the ring restored into
     * @param targetReplication the keyspace's replication in the target
     * @param datacenterMapping backed-up datacenter to target datacenter, for those renamed
     */
    public static Plan plan(
            TokenRing source,
            Replication sourceReplication,
            TokenRing target,
            Replication targetReplication,
            Map<String, String> datacenterMapping) {
        long[] boundaries = java.util.stream.LongStream.concat(
                        java.util.Arrays.stream(source.tokens()), java.util.Arrays.stream(target.tokens()))
                .distinct()
                .sorted()
                .toArray();
        Map<String, Map<String, List<TokenRange>>> ranges = new TreeMap<>();
        boolean repairAdvised = false;
        boolean placesEverything = true;
        for (int k = 0; k < boundaries.length; k++) {
            long end = boundaries[k];
            TokenRange range = new TokenRange(boundaries[(k - 1 + boundaries.length) % boundaries.length], end);
            List<TokenRing.Node> backedUp = source.replicas(end, sourceReplication);
            if (backedUp.isEmpty()) {
                continue;
            }
            Map<String, List<TokenRing.Node>> receiving =
                    byDatacenter(target.replicas(end, targetReplication), targetReplication);
            placesEverything &= !receiving.isEmpty();
            for (Map.Entry<String, List<TokenRing.Node>> group : receiving.entrySet()) {
                List<TokenRing.Node> receivers = group.getValue();
                List<TokenRing.Node> senders =
                        sendersFor(group.getKey(), receiving.keySet(), backedUp, targetReplication, datacenterMapping);
                int pairs = Math.max(senders.size(), receivers.size());
                for (int j = 0; j < pairs; j++) {
                    add(
                            ranges,
                            senders.get(j % senders.size()).id(),
                            receivers.get(j % receivers.size()).id(),
                            range);
                }
                repairAdvised |= senders.size() > 1 && receivers.size() > 1;
            }
        }
        ranges.values().forEach(to -> to.replaceAll((node, list) -> merged(list)));
        return new Plan(ranges, repairAdvised, placesEverything);
    }

    private static Map<String, List<TokenRing.Node>> byDatacenter(
            List<TokenRing.Node> replicas, Replication replication) {
        Map<String, List<TokenRing.Node>> groups = new LinkedHashMap<>();
        for (TokenRing.Node node : replicas) {
            String group = replication.isSimple() ? Replication.ANY : node.datacenter();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(node);
        }
        return groups;
    }

    /**
     * The backed-up replicas whose copies a target datacenter takes: those of the backed-up
     * datacenter mapped to it, and those of a backed-up datacenter no target replica of the range is
     * in (so no backed-up copy is left out); every backed-up replica when that leaves none.
     */
    private static List<TokenRing.Node> sendersFor(
            String datacenter,
            java.util.Set<String> receivingDatacenters,
            List<TokenRing.Node> backedUp,
            Replication targetReplication,
            Map<String, String> datacenterMapping) {
        if (targetReplication.isSimple()) {
            return backedUp;
        }
        List<TokenRing.Node> senders = backedUp.stream()
                .filter(n -> {
                    String mapped = datacenterMapping.getOrDefault(n.datacenter(), n.datacenter());
                    return mapped.equals(datacenter) || !receivingDatacenters.contains(mapped);
                })
                .toList();
        return senders.isEmpty() ? backedUp : senders;
    }

    private static void add(
            Map<String, Map<String, List<TokenRange>>> ranges, String from, String to, TokenRange range) {
        ranges.computeIfAbsent(from, f -> new TreeMap<>())
                .computeIfAbsent(to, t -> new ArrayList<>())
                .add(range);
    }

    /** Adjacent ranges as one, including across the ring's end. */
    static List<TokenRange> merged(List<TokenRange> inRingOrder) {
        List<TokenRange> merged = new ArrayList<>();
        for (TokenRange range : inRingOrder) {
            TokenRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.end() == range.start()) {
                merged.set(merged.size() - 1, new TokenRange(last.start(), range.end()));
            } else {
                merged.add(range);
            }
        }
        if (merged.size() > 1) {
            TokenRange first = merged.get(0);
            TokenRange last = merged.get(merged.size() - 1);
            if (last.end() == first.start()) {
                merged.set(0, new TokenRange(last.start(), first.end()));
                merged.remove(merged.size() - 1);
            }
        }
        return merged;
    }
}
