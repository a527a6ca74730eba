package dev.cassini.operator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The highest replication factor any keyspace asks of each datacenter, read from the schema. A
 * datacenter must keep at least that many nodes. SimpleStrategy counts against every datacenter,
 * which is the safe reading; node-local keyspaces do not count.
 */
final class KeyspaceReplication {
    private KeyspaceReplication() {}

    /** Per datacenter, the highest replication factor any of these keyspaces (name to replication) asks there. */
    static Map<String, Integer> highest(Map<String, Map<String, String>> keyspaces, List<String> datacenters) {
        Map<String, Integer> highest = new HashMap<>();
        keyspaces
                .values()
                .forEach(replication -> highestByDatacenter(replication, datacenters)
                        .forEach((dc, rf) -> {
                            if (rf > 0) {
                                highest.merge(dc, rf, Math::max);
                            }
                        }));
        return highest;
    }

    /** One keyspace's replication map (as system_schema stores it) as copies per datacenter. */
    static Map<String, Integer> highestByDatacenter(Map<String, String> replication, List<String> datacenters) {
        String strategy = replication.getOrDefault("class", "");
        Map<String, Integer> copies = new HashMap<>();
        if (strategy.endsWith("NetworkTopologyStrategy")) {
            replication.forEach((key, value) -> {
                if (!key.equals("class")) {
                    copies.put(key, Integer.parseInt(value.replaceAll("/.*", "")));
                }
            });
        } else if (strategy.endsWith("SimpleStrategy")) {
            int rf = Integer.parseInt(
                    replication.getOrDefault("replication_factor", "1").replaceAll("/.*", ""));
            datacenters.forEach(dc -> copies.put(dc, rf));
        }
        return copies;
    }
}
