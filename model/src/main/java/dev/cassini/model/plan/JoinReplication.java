package dev.cassini.model.plan;

import dev.cassini.model.SystemKeyspaceReplication;
import dev.cassini.model.migration.DatacenterReplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replication changes a joining datacenter needs, from the keyspaces' replication as
 * {@code system_schema.keyspaces} holds it. Pure: the executor reads, this decides, the executor
 * runs the statements.
 */
public final class JoinReplication {
    private JoinReplication() {}

    /**
     * Application keyspaces on SimpleStrategy, each with the statement that moves it to
     * NetworkTopologyStrategy unchanged. SimpleStrategy walks the whole ring, so the joining nodes
     * would become replicas the moment they start, before they hold any data, and reads served
     * by them would miss rows: the join waits for these to change.
     *
     * @param otherDatacenters the node count of each datacenter already in the ring
     */
    public static List<String> simpleStrategyKeyspaces(
            Map<String, Map<String, String>> replication, Map<String, Integer> otherDatacenters) {
        List<String> found = new ArrayList<>();
        new TreeMap<>(replication).forEach((keyspace, current) -> {
            if (!keyspace.startsWith("system") && isSimple(current)) {
                found.add(keyspace + " (run: "
                        + DatacenterReplication.alter(keyspace, asTopology(current, otherDatacenters)) + ")");
            }
        });
        return found;
    }

    /**
     * The ALTER statements that give the joining datacenter its replicas, keyspaces in name order;
     * a keyspace that already has them, or that the join leaves out, gets none.
     */
    public static List<String> alterations(DatacenterJoin join, Map<String, Map<String, String>> replication) {
        List<String> statements = new ArrayList<>();
        new TreeMap<>(replication).forEach((keyspace, current) -> {
            Optional<Integer> factor = SystemKeyspaceReplication.KEYSPACES.contains(keyspace)
                    ? Optional.of(join.systemFactor())
                    : keyspace.startsWith("system") ? Optional.empty() : join.factorOf(keyspace);
            if (factor.isEmpty()) {
                return;
            }
            Map<String, String> topology = isSimple(current) ? asTopology(current, join.otherDatacenters()) : current;
            if (!DatacenterReplication.isTopology(topology)) {
                return; // LocalStrategy and the like: nothing to place per datacenter
            }
            if (topology.containsKey(join.datacenter()) && !isSimple(current)) {
                return; // merged already (an earlier run of this step got this far)
            }
            statements.add(DatacenterReplication.alter(
                    keyspace, DatacenterReplication.joined(topology, Map.of(join.datacenter(), factor.get()))));
        });
        return statements;
    }

    private static boolean isSimple(Map<String, String> replication) {
        return replication.getOrDefault("class", "").endsWith("SimpleStrategy");
    }

    /** SimpleStrategy's factor in each datacenter of the ring (as many as it has nodes at most). */
    private static Map<String, String> asTopology(Map<String, String> simple, Map<String, Integer> datacenters) {
        int factor = Integer.parseInt(simple.getOrDefault("replication_factor", "1"));
        Map<String, String> topology = new LinkedHashMap<>();
        topology.put("class", "org.apache.cassandra.locator.NetworkTopologyStrategy");
        datacenters.forEach((dc, size) -> topology.put(dc, Integer.toString(Math.min(factor, size))));
        return topology;
    }
}
