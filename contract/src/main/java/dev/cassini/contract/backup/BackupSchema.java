package dev.cassini.contract.backup;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema of the user keyspaces when a backup started, as the store keeps it next to the
 * manifests. A restore creates from it what the target cluster lacks (a new cluster, a dropped
 * table) and refuses a table whose columns differ from the backup's. A keyspace's replication is
 * kept as data rather than as its CREATE statement, so a restore can name other datacenters.
 *
 * @param format the document's format version ({@link NodeManifest#FORMAT})
 * @param backupId the backup it belongs to
 * @param keyspaces every user keyspace, in Cassandra's order
 */
public record BackupSchema(int format, String backupId, List<Keyspace> keyspaces) {
    public BackupSchema {
        BackupLayout.requireBackupId(backupId);
        keyspaces = List.copyOf(keyspaces);
    }

    /**
     * One keyspace.
     *
     * @param name its name
     * @param replication its replication map as {@code system_schema.keyspaces} holds it
     * @param durableWrites whether writes go through the commit log
     * @param statements what creates everything in it but the keyspace itself (types, tables,
     *     indexes, views, functions), in an order that can be run as is
     * @param tables its tables and their columns
     */
    public record Keyspace(
            String name,
            Map<String, String> replication,
            boolean durableWrites,
            List<Statement> statements,
            List<Table> tables) {
        public Keyspace {
            replication = byName(replication);
            statements = List.copyOf(statements);
            tables = List.copyOf(tables);
        }
    }

    /**
     * One element of the schema as {@code DESCRIBE SCHEMA} prints it.
     *
     * @param type what it creates: {@code type}, {@code table}, {@code index}, {@code materialized_view},
     *     {@code function} or {@code aggregate}
     * @param name the element's name
     * @param cql the statement, without a trailing semicolon
     */
    public record Statement(String type, String name, String cql) {}

    /**
     * One table.
     *
     * @param name its name
     * @param id its table ID
     * @param columns each column's CQL type by column name
     */
    public record Table(String name, String id, Map<String, String> columns) {
        public Table {
            columns = byName(columns);
        }
    }

    /**
     * A map in name order, so the same schema is always written as the same bytes and reads back
     * in the order it was written (a hash map's order changes between JVMs).
     */
    private static Map<String, String> byName(Map<String, String> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
