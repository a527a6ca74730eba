package dev.cassini.model.repair;

import dev.cassini.model.ring.Replication;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tables a repair covers, in the order it repairs them (smallest first, so many small tables
 * are safe early and a large one does not hold them up), or why it cannot run: a keyspace or table
 * that does not exist, a datacenter the cluster does not have, or a keyspace with replicas in a
 * datacenter the operator does not manage (its nodes' agents are not the operator's to drive)
 * while no {@code datacenters} narrows the repair to managed ones.
 */
public final class RepairSelection {
    private RepairSelection() {}

    /** Keyspaces a repair of "everything" leaves out: Cassandra's own, as a backup's selection has them. */
    public static final Set<String> SYSTEM_KEYSPACES = dev.cassini.contract.backup.TableSelection.SYSTEM_KEYSPACES;

    /**
     * A table to repair.
     *
     * @param sizeBytes its size on disk as one node reports it
     */
    public record Table(String keyspace, String table, long sizeBytes) {
        public String name() {
            return keyspace + "." + table;
        }
    }

    /** Either the tables in order with their keyspaces' replication, or a refusal. */
    public record Result(List<Table> tables, Map<String, Replication> replication, Optional<String> refusal) {
        static Result refused(String reason) {
            return new Result(List.of(), Map.of(), Optional.of(reason));
        }
    }

    /**
     * @param keyspaces the keyspaces asked for; with {@code tables} empty too, every non-system keyspace
     * @param tables single tables asked for, as keyspace.table
     * @param datacenters the datacenters asked for; empty for all
     * @param schema every keyspace's tables, by keyspace
     * @param replication every keyspace's replication map, as the schema holds it
     * @param sizes tables' sizes on disk by keyspace.table; a table missing counts as 0
     * @param managed the datacenters the cluster's operator manages
     */
    public static Result select(
            List<String> keyspaces,
            List<String> tables,
            List<String> datacenters,
            Map<String, List<String>> schema,
            Map<String, Map<String, String>> replication,
            Map<String, Long> sizes,
            Set<String> managed) {
        List<String> unknownDcs =
                datacenters.stream().filter(dc -> !managed.contains(dc)).toList();
        if (!unknownDcs.isEmpty()) {
            return Result.refused("datacenter " + String.join(", ", unknownDcs)
                    + " is not one of the cluster's (" + String.join(", ", new TreeSet<>(managed))
                    + "); fix spec.datacenters");
        }
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        if (keyspaces.isEmpty() && tables.isEmpty()) {
            schema.keySet().stream()
                    .filter(ks -> !SYSTEM_KEYSPACES.contains(ks))
                    .sorted()
                    .forEach(ks -> chosen.put(ks, new ArrayList<>(schema.get(ks))));
        }
        for (String ks : keyspaces) {
            if (!schema.containsKey(ks)) {
                return Result.refused("keyspace " + ks + " does not exist; fix spec.keyspaces (keyspaces: "
                        + String.join(", ", new TreeSet<>(schema.keySet())) + ")");
            }
            chosen.put(ks, new ArrayList<>(schema.get(ks)));
        }
        for (String name : tables) {
            int dot = name.indexOf('.');
            String ks = name.substring(0, dot);
            String table = name.substring(dot + 1);
            if (!schema.getOrDefault(ks, List.of()).contains(table)) {
                return Result.refused("table " + name + " does not exist; fix spec.tables");
            }
            List<String> list = chosen.computeIfAbsent(ks, k -> new ArrayList<>());
            if (!list.contains(table)) {
                list.add(table);
            }
        }
        Map<String, Replication> replicationOf = new LinkedHashMap<>();
        for (String ks : chosen.keySet()) {
            Replication r;
            try {
                r = Replication.of(replication.getOrDefault(ks, Map.of()));
            } catch (IllegalArgumentException e) {
                return Result.refused("keyspace " + ks + ": " + e.getMessage().replace("a restore", "a repair"));
            }
            if (!r.isSimple()) {
                List<String> outside = r.perDatacenter().entrySet().stream()
                        .filter(e -> e.getValue() > 0 && !managed.contains(e.getKey()))
                        .filter(e -> datacenters.isEmpty())
                        .map(Map.Entry::getKey)
                        .toList();
                if (!outside.isEmpty()) {
                    return Result.refused("keyspace " + ks + " has replicas in datacenter " + String.join(", ", outside)
                            + ", which this cluster does not manage; set spec.datacenters to the cluster's own ("
                            + String.join(", ", new TreeSet<>(managed)) + ") to repair among those");
                }
            }
            replicationOf.put(ks, r);
        }
        List<Table> result = new ArrayList<>();
        chosen.forEach((ks, list) ->
                list.forEach(t -> result.add(new Table(ks, t, sizes.getOrDefault(ks + "." + t, 0L)))));
        result.sort(Comparator.comparingLong(Table::sizeBytes).thenComparing(Table::name));
        return new Result(result, replicationOf, Optional.empty());
    }
}
