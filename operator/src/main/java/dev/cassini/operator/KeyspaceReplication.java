package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
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

    /** Per datacenter: the highest replication factor, and the keyspaces (sorted) that replicate there. */
    record ByDatacenter(Map<String, Integer> highest, Map<String, List<String>> keyspaces) {}

    static ByDatacenter read(CqlSession session, List<String> datacenters) {
        Map<String, Integer> highest = new HashMap<>();
        Map<String, List<String>> keyspaces = new HashMap<>();
        for (Row row : session.execute("SELECT keyspace_name, replication FROM system_schema.keyspaces")) {
            Map<String, String> replication = row.getMap("replication", String.class, String.class);
            highestByDatacenter(replication, datacenters).forEach((dc, rf) -> {
                if (rf > 0) {
                    highest.merge(dc, rf, Math::max);
                    keyspaces
                            .computeIfAbsent(dc, k -> new java.util.ArrayList<>())
                            .add(row.getString("keyspace_name"));
                }
            });
        }
        keyspaces.values().forEach(java.util.Collections::sort);
        return new ByDatacenter(highest, keyspaces);
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
