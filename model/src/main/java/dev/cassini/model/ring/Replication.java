package dev.cassini.model.ring;

import java.util.Map;
import java.util.TreeMap;

/**
 * A keyspace's replication as {@code system_schema.keyspaces} holds it: SimpleStrategy with one
 * factor, or NetworkTopologyStrategy with a factor per datacenter.
 *
 * @param perDatacenter replicas per datacenter; for SimpleStrategy one entry under {@link #ANY}
 */
public record Replication(Map<String, Integer> perDatacenter) {
    /** The key of SimpleStrategy's one factor: it places replicas whatever their datacenter. */
    public static final String ANY = "*";

    public Replication {
        perDatacenter = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(perDatacenter));
    }

    /**
     * From the replication map of {@code system_schema.keyspaces}. A transient factor such as
     * {@code 3/1} counts all its replicas: each holds data a restore must place.
     *
     * @throws IllegalArgumentException for a strategy a restore cannot place data for
     */
    public static Replication of(Map<String, String> replication) {
        String strategy = replication.getOrDefault("class", "");
        String simpleName = strategy.substring(strategy.lastIndexOf('.') + 1);
        Map<String, Integer> factors = new TreeMap<>();
        switch (simpleName) {
            case "SimpleStrategy" -> factors.put(ANY, factor(replication.get("replication_factor")));
            case "NetworkTopologyStrategy" ->
                replication.forEach((key, value) -> {
                    if (!key.equals("class")) {
                        factors.put(key, factor(value));
                    }
                });
            default ->
                throw new IllegalArgumentException("replication class " + strategy
                        + " is not one a restore can place data for (SimpleStrategy or NetworkTopologyStrategy)");
        }
        return new Replication(factors);
    }

    private static int factor(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a replication factor is missing");
        }
        String all = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
        return Integer.parseInt(all.trim());
    }

    public boolean isSimple() {
        return perDatacenter.containsKey(ANY);
    }

    /** Replicas in all datacenters together. */
    public int total() {
        return perDatacenter.values().stream().mapToInt(Integer::intValue).sum();
    }
}
