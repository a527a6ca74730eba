package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.contract.backup.BackupSchema;
import dev.cassini.contract.backup.TableSelection;
import dev.cassini.model.backup.BackupSchemas;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What backups and restores read of a cluster's schema and ring over CQL, as the superuser: the
 * schema a backup keeps, the tables a restore compares it with, and each node's tokens.
 */
final class ClusterSchema {
    private ClusterSchema() {}

    /** A session to the cluster's nodes that have an address, in its first datacenter. */
    static CqlSession connect(KubernetesClient client, CassandraCluster cluster) {
        List<String> addresses =
                cluster.getStatus() == null || cluster.getStatus().getNodes() == null
                        ? List.of()
                        : cluster.getStatus().getNodes().stream()
                                .map(NodeStatus::getIp)
                                .filter(ip -> ip != null && !ip.isBlank())
                                .toList();
        if (addresses.isEmpty()) {
            throw new IllegalStateException(
                    "cluster " + cluster.getMetadata().getName() + " has no node with an address");
        }
        return connect(
                client,
                cluster,
                addresses,
                dev.cassini.model.ClusterShape.of(cluster).sessionDatacenter());
    }

    /** A session as the superuser (no login when auth is off) through these addresses, local to {@code localDc}. */
    static CqlSession connect(
            KubernetesClient client, CassandraCluster cluster, java.util.Collection<String> addresses, String localDc) {
        Optional<SuperuserSecret.Credentials> credentials =
                dev.cassini.model.ClusterShape.of(cluster).authEnabled()
                        ? SuperuserSecret.read(client, cluster)
                        : Optional.empty();
        return AuthInitializer.connect(
                CqlTransport.of(client, cluster),
                addresses,
                localDc,
                credentials.map(SuperuserSecret.Credentials::username).orElse(null),
                credentials.map(SuperuserSecret.Credentials::password).orElse(null));
    }

    /** The user keyspaces' schema now, as a backup keeps it. */
    static BackupSchema capture(CqlSession session, String backupId) {
        List<BackupSchemas.Described> described = new ArrayList<>();
        for (Row row : session.execute("DESCRIBE SCHEMA")) {
            described.add(new BackupSchemas.Described(
                    row.getString("keyspace_name"),
                    row.getString("type"),
                    row.getString("name"),
                    row.getString("create_statement")));
        }
        List<BackupSchemas.KeyspaceRow> keyspaces = new ArrayList<>();
        for (Row row :
                session.execute("SELECT keyspace_name, replication, durable_writes FROM system_schema.keyspaces")) {
            keyspaces.add(new BackupSchemas.KeyspaceRow(
                    row.getString("keyspace_name"),
                    row.getMap("replication", String.class, String.class),
                    row.getBoolean("durable_writes")));
        }
        Map<String, String> tableIds = tableIds(session);
        List<BackupSchemas.ColumnRow> columns = new ArrayList<>();
        for (Row row :
                session.execute("SELECT keyspace_name, table_name, column_name, type FROM system_schema.columns")) {
            String keyspace = row.getString("keyspace_name");
            if (TableSelection.SYSTEM_KEYSPACES.contains(keyspace)) {
                continue;
            }
            String table = row.getString("table_name");
            String id = tableIds.get(keyspace + "." + table);
            if (id == null) {
                continue; // a view's columns: views are rebuilt from their base tables, not restored
            }
            columns.add(new BackupSchemas.ColumnRow(
                    keyspace, table, id, row.getString("column_name"), row.getString("type")));
        }
        return BackupSchemas.capture(backupId, described, keyspaces, columns);
    }

    /** Every table's ID, by {@code keyspace.table}. */
    static Map<String, String> tableIds(CqlSession session) {
        Map<String, String> tableIds = new HashMap<>();
        for (Row row : session.execute("SELECT keyspace_name, table_name, id FROM system_schema.tables")) {
            UUID id = row.getUuid("id");
            tableIds.put(row.getString("keyspace_name") + "." + row.getString("table_name"), String.valueOf(id));
        }
        return tableIds;
    }

    /** Every keyspace's replication map, by keyspace. */
    static Map<String, Map<String, String>> replication(CqlSession session) {
        Map<String, Map<String, String>> replication = new HashMap<>();
        for (Row row : session.execute("SELECT keyspace_name, replication FROM system_schema.keyspaces")) {
            replication.put(row.getString("keyspace_name"), row.getMap("replication", String.class, String.class));
        }
        return replication;
    }

    /** Every keyspace's tables with their columns' types, as {@link BackupSchemas#changes} compares them. */
    static Map<String, Map<String, Map<String, String>>> tables(CqlSession session) {
        Map<String, Map<String, Map<String, String>>> result = new LinkedHashMap<>();
        for (Row row : session.execute("SELECT keyspace_name FROM system_schema.keyspaces")) {
            result.put(row.getString("keyspace_name"), new LinkedHashMap<>());
        }
        for (Row row :
                session.execute("SELECT keyspace_name, table_name, column_name, type FROM system_schema.columns")) {
            result.computeIfAbsent(row.getString("keyspace_name"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.getString("table_name"), t -> new LinkedHashMap<>())
                    .put(row.getString("column_name"), row.getString("type"));
        }
        return result;
    }

    /**
     * Every node's tokens as decimal strings, by host ID, as one node sees the ring: both queries go
     * to the same node, since its system.local and system.peers together are the whole ring.
     */
    static Map<String, List<String>> tokensByHostId(CqlSession session) {
        com.datastax.oss.driver.api.core.metadata.Node node = session.getMetadata().getNodes().values().stream()
                .filter(n -> n.getState() == com.datastax.oss.driver.api.core.metadata.NodeState.UP)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node is up to read the ring from"));
        Map<String, List<String>> tokens = new HashMap<>();
        for (String query :
                List.of("SELECT host_id, tokens FROM system.local", "SELECT host_id, tokens FROM system.peers")) {
            for (Row row : session.execute(SimpleStatement.newInstance(query).setNode(node))) {
                UUID hostId = row.getUuid("host_id");
                if (hostId != null) {
                    tokens.put(hostId.toString(), List.copyOf(row.getSet("tokens", String.class)));
                }
            }
        }
        return tokens;
    }
}
