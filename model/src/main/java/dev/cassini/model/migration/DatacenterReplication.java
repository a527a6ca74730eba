package dev.cassini.model.migration;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a keyspace's replication becomes when datacenters join or leave a ring. The operator only
 * ever merges datacenters in and takes leaving ones out: a datacenter it does not manage keeps its
 * entry however the spec changes, so a migration never drops another side's replicas (or its
 * logins from {@code system_auth}) by accident.
 */
public final class DatacenterReplication {
    /** Three copies per datacenter survive one node down at LOCAL_QUORUM; more only slows auth writes. */
    public static final int SYSTEM_REPLICAS = 3;

    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";

    private DatacenterReplication() {}

    /** The replicas a system keyspace gets in a joining datacenter of {@code size} nodes. */
    public static int systemFactor(int size) {
        return Math.max(1, Math.min(SYSTEM_REPLICAS, size));
    }

    /**
     * The replication with the joining datacenters merged in: every datacenter it names stays as it
     * is, and each joining one gets its factor.
     *
     * @param current the keyspace's replication as {@code system_schema.keyspaces} holds it
     * @param joining each joining datacenter and the replicas it gets
     * @throws IllegalArgumentException for a keyspace not on NetworkTopologyStrategy, which cannot
     *     name datacenters (the join preflight refuses those first)
     */
    public static Map<String, String> joined(Map<String, String> current, Map<String, Integer> joining) {
        requireTopology(current);
        Map<String, String> merged = factors(current);
        joining.forEach((dc, factor) -> merged.put(dc, Integer.toString(factor)));
        merged.put("class", NTS);
        return merged;
    }

    /**
     * The replication with the leaving datacenters taken out; empty when none would be left, which
     * would leave the keyspace's data on no node.
     */
    public static Optional<Map<String, String>> left(Map<String, String> current, Set<String> leaving) {
        requireTopology(current);
        Map<String, String> kept = factors(current);
        kept.keySet().removeAll(leaving);
        if (kept.values().stream().allMatch(f -> f.equals("0"))) {
            return Optional.empty();
        }
        kept.put("class", NTS);
        return Optional.of(kept);
    }

    /** Whether the replication names this datacenter with at least one replica. */
    public static boolean replicatesTo(Map<String, String> replication, String datacenter) {
        String factor = replication.get(datacenter);
        return factor != null
                && !factor.equals("0")
                && !replication.getOrDefault("class", "").endsWith("SimpleStrategy");
    }

    /** The statement that sets a keyspace's replication, datacenters in name order. */
    public static String alter(String keyspace, Map<String, String> replication) {
        Map<String, String> ordered = new TreeMap<>(replication);
        String clazz = ordered.remove("class");
        String datacenters = ordered.entrySet().stream()
                .map(e -> "'" + e.getKey().replace("'", "''") + "': " + e.getValue())
                .collect(Collectors.joining(", "));
        String shortClass = clazz.substring(clazz.lastIndexOf('.') + 1);
        return "ALTER KEYSPACE " + cqlName(keyspace) + " WITH replication = {'class': '" + shortClass + "'"
                + (datacenters.isEmpty() ? "" : ", " + datacenters) + "}";
    }

    public static boolean isTopology(Map<String, String> replication) {
        return replication.getOrDefault("class", "").endsWith("NetworkTopologyStrategy");
    }

    private static void requireTopology(Map<String, String> replication) {
        if (!isTopology(replication)) {
            throw new IllegalArgumentException(
                    "replication " + replication + " does not name datacenters; only NetworkTopologyStrategy does");
        }
    }

    private static Map<String, String> factors(Map<String, String> replication) {
        Map<String, String> factors = new TreeMap<>(replication);
        factors.remove("class");
        return factors;
    }

    private static String cqlName(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
