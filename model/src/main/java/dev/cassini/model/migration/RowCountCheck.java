package dev.cassini.model.migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How {@code cassini migrate verify} compares two datacenters before clients switch: every table
 * replicated to both is counted per token range in each, at LOCAL_QUORUM, and any range whose
 * counts differ is named. A datacenter that was never rebuilt, or a rebuild that failed part way,
 * shows as ranges with fewer rows. Pure: the command counts, this splits and compares.
 */
public final class RowCountCheck {
    private RowCountCheck() {}

    /** A range of Murmur3 tokens, {@code (start, end]}. */
    public record Range(long start, long end) {}

    /**
     * The Murmur3 token space in {@code n} ranges of about equal width, in order. The first starts at
     * {@code Long.MIN_VALUE}, which no partition ever hashes to, so together they hold every row.
     */
    public static List<Range> split(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one range, not " + n);
        }
        BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger width = BigInteger.valueOf(Long.MAX_VALUE).subtract(min);
        List<Range> ranges = new ArrayList<>();
        long start = Long.MIN_VALUE;
        for (int i = 1; i <= n; i++) {
            long end = i == n
                    ? Long.MAX_VALUE
                    : min.add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n)))
                            .longValueExact();
            ranges.add(new Range(start, end));
            start = end;
        }
        return ranges;
    }

    /** The keyspaces to compare: application ones that replicate to both datacenters, in name order. */
    public static List<String> comparable(Map<String, Map<String, String>> keyspaces, String a, String b) {
        List<String> both = new ArrayList<>();
        new TreeMap<>(keyspaces).forEach((keyspace, replication) -> {
            if (!keyspace.startsWith("system")
                    && DatacenterReplication.replicatesTo(replication, a)
                    && DatacenterReplication.replicatesTo(replication, b)) {
                both.add(keyspace);
            }
        });
        return both;
    }

    /**
     * One table's counts.
     *
     * @param countsA rows per range in the first datacenter, in the order of the ranges
     * @param countsB the same in the second
     */
    public record TableCounts(String table, List<Range> ranges, List<Long> countsA, List<Long> countsB) {
        public TableCounts {
            ranges = List.copyOf(ranges);
            countsA = List.copyOf(countsA);
            countsB = List.copyOf(countsB);
        }

        public long totalA() {
            return countsA.stream().mapToLong(Long::longValue).sum();
        }

        public long totalB() {
            return countsB.stream().mapToLong(Long::longValue).sum();
        }

        /** The ranges whose counts differ. */
        public List<Range> differing() {
            List<Range> differing = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i++) {
                if (!countsA.get(i).equals(countsB.get(i))) {
                    differing.add(ranges.get(i));
                }
            }
            return differing;
        }
    }
}
