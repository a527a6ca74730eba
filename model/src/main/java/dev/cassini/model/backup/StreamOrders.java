package dev.cassini.model.backup;

import dev.cassini.contract.RestoreStreams;
import dev.cassini.contract.backup.BackupSchema;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.model.ring.Replication;
import dev.cassini.model.ring.TokenRing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each backed-up node's stream step sends where, when a backup is restored into a cluster of
 * another shape: per keyspace, the ranges each node of the cluster receives ({@link RangeStreams}),
 * and each table with its ID in the cluster and the statement that reads its backed-up files.
 */
public final class StreamOrders {
    private StreamOrders() {}

    /**
     * A node of the cluster restored into.
     *
     * @param address its internode address
     * @param datacenter its datacenter
     * @param rack its rack
     * @param tokens its tokens as decimal strings
     */
    public record TargetNode(String address, String datacenter, String rack, List<String> tokens) {
        public TargetNode {
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * @param byManifest each backed-up node's stream order, by the key of its manifest
     * @param repairAdvised whether some range's replicas received different backed-up copies
     * @param receivedBytes the bytes each node of the cluster (by address) receives, estimated from
     *     the share of each backed-up node's ranges it receives (Cassandra's partitioner spreads data
     *     evenly over the ring)
     * @param refusal why the backup cannot be streamed into this cluster, when it cannot
     */
    public record Orders(
            Map<String, RestoreStreams> byManifest,
            boolean repairAdvised,
            Map<String, Long> receivedBytes,
            Optional<String> refusal) {
        public Orders {
            byManifest = Map.copyOf(byManifest);
            receivedBytes = Map.copyOf(receivedBytes);
        }

        static Orders refused(String reason) {
            return new Orders(Map.of(), false, Map.of(), Optional.of(reason));
        }
    }

    /**
     * @param manifests every backed-up node's manifest, by its key
     * @param schema the backup's schema (replication and each table's statement)
     * @param tables the tables to restore, as {@code keyspace.table}
     * @param targets the cluster's nodes with their tokens
     * @param targetReplication each keyspace's replication in the cluster, as system_schema holds it
     * @param targetTableIds each table's ID in the cluster, by {@code keyspace.table}
     * @param datacenterMapping backed-up datacenter to the cluster's, for those renamed
     * @param keyspaceMapping backed-up keyspace to the cluster's, for those restored under another
     *     name: a table's ID and replication are those of its new name, while its files and the
     *     orders keep the backed-up names (the receiving nodes file the data by table ID)
     * @param storagePort the port the cluster's nodes accept streams on
     */
    public static Orders plan(
            Map<String, NodeManifest> manifests,
            BackupSchema schema,
            List<String> tables,
            List<TargetNode> targets,
            Map<String, Map<String, String>> targetReplication,
            Map<String, String> targetTableIds,
            Map<String, String> datacenterMapping,
            KeyspaceMapping keyspaceMapping,
            int storagePort) {
        List<TokenRing.Node> backedUp = new ArrayList<>();
        manifests.forEach((key, manifest) -> backedUp.add(
                new TokenRing.Node(key, manifest.datacenter(), manifest.rack(), longs(manifest.tokens()))));
        List<TokenRing.Node> restoredInto = targets.stream()
                .filter(t -> !t.tokens().isEmpty())
                .map(t -> new TokenRing.Node(t.address(), t.datacenter(), t.rack(), longs(t.tokens())))
                .toList();
        if (restoredInto.isEmpty()) {
            return Orders.refused("no node of the cluster owns tokens yet");
        }
        TokenRing source = TokenRing.of(backedUp);
        TokenRing target = TokenRing.of(restoredInto);

        Map<String, BackupSchema.Keyspace> keyspaces = new LinkedHashMap<>();
        schema.keyspaces().forEach(k -> keyspaces.put(k.name(), k));
        List<RestoreStreams.Table> streamTables = new ArrayList<>();
        Set<String> keyspacesToStream = new LinkedHashSet<>();
        for (String qualified : tables) {
            String[] parts = qualified.split("\\.", 2);
            BackupSchema.Keyspace keyspace = keyspaces.get(parts[0]);
            Optional<BackupSchema.Statement> create = keyspace == null
                    ? Optional.empty()
                    : keyspace.statements().stream()
                            .filter(s -> s.type().equals("table") && s.name().equals(parts[1]))
                            .findFirst();
            if (create.isEmpty()) {
                return Orders.refused("the backup's schema has no CREATE TABLE statement for " + qualified
                        + ", which streaming its files needs");
            }
            String id = targetTableIds.get(keyspaceMapping.table(qualified));
            if (id == null) {
                return Orders.refused("table " + keyspaceMapping.table(qualified) + " does not exist in the cluster");
            }
            List<String> types = keyspace.statements().stream()
                    .filter(s -> s.type().equals("type"))
                    .map(BackupSchema.Statement::cql)
                    .toList();
            streamTables.add(new RestoreStreams.Table(
                    parts[0], parts[1], id, create.get().cql(), types));
            keyspacesToStream.add(parts[0]);
        }

        Map<String, Map<String, List<RestoreStreams.Target>>> byManifest = new LinkedHashMap<>();
        manifests.keySet().forEach(key -> byManifest.put(key, new LinkedHashMap<>()));
        boolean repairAdvised = false;
        Map<String, Double> received = new java.util.TreeMap<>();
        for (String keyspace : keyspacesToStream) {
            String there = keyspaceMapping.keyspace(keyspace);
            Map<String, String> replicationThere = targetReplication.get(there);
            if (replicationThere == null) {
                return Orders.refused("keyspace " + there + " does not exist in the cluster");
            }
            Replication sourceReplication;
            Replication targetReplicationOf;
            try {
                sourceReplication = Replication.of(keyspaces.get(keyspace).replication());
                targetReplicationOf = Replication.of(replicationThere);
            } catch (IllegalArgumentException e) {
                return Orders.refused("keyspace " + keyspace + ": " + e.getMessage());
            }
            RangeStreams.Plan plan =
                    RangeStreams.plan(source, sourceReplication, target, targetReplicationOf, datacenterMapping);
            if (!plan.placesEverything()) {
                return Orders.refused("keyspace " + there + " replicates " + replicationThere
                        + " in the cluster, which places some of its ranges on no node; give it replicas in a"
                        + " datacenter of the cluster (ALTER KEYSPACE) and restore again");
            }
            repairAdvised |= plan.repairAdvised();
            for (String key : manifests.keySet()) {
                long bytes = manifests.get(key).files().stream()
                        .filter(f -> f.keyspace().equals(keyspace) && tables.contains(keyspace + "." + f.table()))
                        .mapToLong(dev.cassini.contract.backup.BackupFile::size)
                        .sum();
                Map<String, List<RangeStreams.TokenRange>> sent = plan.from(key);
                double held = RangeStreams.TokenRange.union(
                        sent.values().stream().flatMap(List::stream).toList());
                sent.forEach((address, ranges) -> received.merge(
                        address, held == 0 ? 0 : bytes * RangeStreams.TokenRange.union(ranges) / held, Double::sum));
                List<RestoreStreams.Target> list = new ArrayList<>();
                plan.from(key)
                        .forEach((address, ranges) -> list.add(new RestoreStreams.Target(
                                address,
                                ranges.stream()
                                        .map(r -> List.of(Long.toString(r.start()), Long.toString(r.end())))
                                        .toList())));
                if (!list.isEmpty()) {
                    byManifest.get(key).put(keyspace, list);
                }
            }
        }
        Map<String, RestoreStreams> orders = new LinkedHashMap<>();
        byManifest.forEach((key, targetsByKeyspace) ->
                orders.put(key, new RestoreStreams(streamTables, targetsByKeyspace, storagePort)));
        Map<String, Long> receivedBytes = new java.util.TreeMap<>();
        received.forEach((address, bytes) -> receivedBytes.put(address, (long) Math.ceil(bytes)));
        return new Orders(orders, repairAdvised, receivedBytes, Optional.empty());
    }

    private static List<Long> longs(List<String> tokens) {
        return tokens.stream().map(Long::parseLong).toList();
    }
}
