package dev.cassini.contract.backup;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tables of a backup a restore takes. With neither keyspaces nor tables named it is every
 * user keyspace: Cassandra's own keyspaces (users and roles in {@code system_auth}, the schema,
 * node-local state) are restored only when named, since bringing them back over a running
 * cluster replaces its credentials and schema, not just data.
 *
 * @param keyspaces whole keyspaces
 * @param tables single tables, as {@code keyspace.table}
 */
public record TableSelection(List<String> keyspaces, List<String> tables) {
    /** Keyspaces Cassandra owns. */
    public static final Set<String> SYSTEM_KEYSPACES = Set.of(
            "system",
            "system_schema",
            "system_auth",
            "system_distributed",
            "system_traces",
            "system_views",
            "system_virtual_schema",
            "system_cluster_metadata");

    /** The table's schema, which Cassandra writes into every snapshot: not an SSTable to import. */
    private static final String SNAPSHOT_SCHEMA = "schema.cql";

    public TableSelection {
        keyspaces = keyspaces == null ? List.of() : List.copyOf(keyspaces);
        tables = tables == null ? List.of() : List.copyOf(tables);
        for (String table : tables) {
            int dot = table.indexOf('.');
            if (dot <= 0 || dot == table.length() - 1 || table.indexOf('.', dot + 1) >= 0) {
                throw new IllegalArgumentException("a table is named keyspace.table, e.g. shop.orders: " + table);
            }
        }
    }

    public boolean includes(String keyspace, String table) {
        if (keyspaces.isEmpty() && tables.isEmpty()) {
            return !SYSTEM_KEYSPACES.contains(keyspace);
        }
        return keyspaces.contains(keyspace) || tables.contains(keyspace + "." + table);
    }

    /** The SSTable components of the chosen tables, in the manifest's order. */
    public List<BackupFile> filesOf(NodeManifest manifest) {
        return manifest.files().stream()
                .filter(file -> includes(file.keyspace(), file.table()))
                .filter(file -> !file.name().equals(SNAPSHOT_SCHEMA))
                .toList();
    }

    /**
     * The chosen tables the manifest holds, as {@code keyspace.table}, in the manifest's order: also a
     * table that was empty when backed up, which has its snapshot schema and no SSTable (restoring
     * it means emptying it).
     */
    public List<String> tablesOf(NodeManifest manifest) {
        Set<String> chosen = new LinkedHashSet<>();
        manifest.files().stream()
                .filter(file -> includes(file.keyspace(), file.table()))
                .forEach(file -> chosen.add(file.keyspace() + "." + file.table()));
        return List.copyOf(chosen);
    }

    /** Named keyspaces and tables of which the manifest holds nothing: a restore of them would restore nothing. */
    public List<String> missingFrom(NodeManifest manifest) {
        Set<String> keyspacesHeld = new LinkedHashSet<>();
        Set<String> tablesHeld = new LinkedHashSet<>();
        manifest.files().forEach(file -> {
            keyspacesHeld.add(file.keyspace());
            tablesHeld.add(file.keyspace() + "." + file.table());
        });
        return java.util.stream.Stream.concat(
                        keyspaces.stream().filter(ks -> !keyspacesHeld.contains(ks)),
                        tables.stream().filter(t -> !tablesHeld.contains(t)))
                .toList();
    }
}
