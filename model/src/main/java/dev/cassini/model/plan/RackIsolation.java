package dev.cassini.model.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether each rack of a datacenter holds at most one replica of every range, so that all of a
 * rack's nodes may be down at once and every range keeps the rest of its replicas: as one node down
 * would leave it, and LOCAL_QUORUM holds wherever it holds with one node down.
 *
 * <p>NetworkTopologyStrategy puts a datacenter's replicas of a range on distinct racks until it has
 * used every rack, so it does that when the datacenter's replication factor is at most its number of
 * racks. SimpleStrategy ignores racks, and a strategy this build does not know could do anything.
 * Node-local keyspaces ({@code system}, {@code system_schema}) have no replicas elsewhere to lose.
 */
public final class RackIsolation {
    private RackIsolation() {}

    /**
     * The keyspaces that may keep two replicas of a range in one rack of {@code datacenter}, each
     * with why; empty when a whole rack may go down at once.
     *
     * @param racks how many racks of the datacenter have nodes
     * @param keyspaces each keyspace's replication as {@code system_schema.keyspaces} holds it
     */
    public static List<String> violations(String datacenter, int racks, Map<String, Map<String, String>> keyspaces) {
        List<String> violations = new ArrayList<>();
        new TreeMap<>(keyspaces).forEach((keyspace, replication) -> {
            String strategy = replication.getOrDefault("class", "");
            String simpleName = strategy.substring(strategy.lastIndexOf('.') + 1);
            switch (simpleName) {
                case "LocalStrategy" -> {}
                case "NetworkTopologyStrategy" -> {
                    int copies = copies(replication.get(datacenter));
                    if (copies > racks) {
                        violations.add(keyspace + " has " + copies + " replicas in " + datacenter + ", more than its "
                                + racks + (racks == 1 ? " rack" : " racks"));
                    }
                }
                case "SimpleStrategy" -> {
                    if (copies(replication.get("replication_factor")) > 1) {
                        violations.add(keyspace + " uses SimpleStrategy, which ignores racks");
                    }
                }
                default -> violations.add(keyspace + " uses " + simpleName + ", whose placement is not known here");
            }
        });
        return violations;
    }

    /** A replication factor as stored ({@code "3"}, or {@code "3/1"} with transient replicas); 0 when absent. */
    private static int copies(String factor) {
        if (factor == null || factor.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(factor.replaceAll("/.*", "").trim());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // unreadable: the safe reading is "more than any number of racks"
        }
    }
}
