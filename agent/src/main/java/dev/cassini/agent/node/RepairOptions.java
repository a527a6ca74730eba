package dev.cassini.agent.node;

import dev.cassini.contract.RepairParallelism;
import dev.cassini.contract.RepairRequest;
import dev.cassini.contract.TokenRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A repair request turned into the options of Cassandra's {@code repairAsync}, under the keys of
 * Cassandra's {@code RepairOption}. Every option is spelled out, so Cassandra's defaults (which
 * change between versions) decide nothing: this node's ranges, not only its primary ones, and one
 * job thread, so a session loads the replicas no more than a {@code nodetool repair} would.
 */
public final class RepairOptions {
    private RepairOptions() {}

    /**
     * @throws IllegalArgumentException when a range is not two distinct Murmur3 tokens, or a table
     *     or datacenter name is blank; the message says which and what to give instead
     */
    public static Map<String, String> of(RepairRequest request) {
        Map<String, String> options = new LinkedHashMap<>();
        RepairParallelism parallelism =
                request.parallelism() == null ? RepairParallelism.PARALLEL : request.parallelism();
        options.put("parallelism", parallelism.option());
        options.put("incremental", String.valueOf(Boolean.TRUE.equals(request.incremental())));
        options.put("primaryRange", "false");
        List<TokenRange> ranges = request.ranges() == null ? List.of() : request.ranges();
        for (int i = 0; i < ranges.size(); i++) {
            checkRange(i, ranges.get(i));
        }
        if (!ranges.isEmpty()) {
            options.put(
                    "ranges", ranges.stream().map(TokenRange::asRepairOption).collect(Collectors.joining(",")));
        }
        names(request.tables(), "tables", "table names of the keyspace, e.g. [\"kv\"]")
                .ifPresent(tables -> options.put("columnFamilies", tables));
        names(request.datacenters(), "datacenters", "datacenter names, e.g. [\"dc1\"]")
                .ifPresent(datacenters -> options.put("dataCenters", datacenters));
        options.put("jobThreads", "1");
        options.put("trace", "false");
        return options;
    }

    private static void checkRange(int index, TokenRange range) {
        String which = "ranges[" + index + "]";
        if (range == null || range.start() == null || range.end() == null) {
            throw new IllegalArgumentException(
                    which + " needs a start and an end: {\"start\": \"<token>\", \"end\": \"<token>\"}");
        }
        long start = token(which + ".start", range.start());
        long end = token(which + ".end", range.end());
        if (start == end) {
            // Cassandra reads (t, t] as the whole ring and refuses it as a repair range.
            throw new IllegalArgumentException(
                    which + " starts and ends at token " + start + "; give a range whose start and end differ");
        }
    }

    private static long token(String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + value
                    + "' is not a Murmur3 token: give a signed 64-bit integer as a decimal string, e.g. \"-42\"");
        }
    }

    /** The names comma-joined, as Cassandra's options list them; empty when none are given. */
    private static java.util.Optional<String> names(List<String> names, String field, String example) {
        if (names == null || names.isEmpty()) {
            return java.util.Optional.empty();
        }
        for (String name : names) {
            if (name == null || name.isBlank() || name.contains(",")) {
                throw new IllegalArgumentException(
                        field + " holds '" + name + "', which is not a name; give " + example);
            }
        }
        return java.util.Optional.of(String.join(",", names));
    }
}
