package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRepair;
import dev.cassini.model.repair.RepairSelection;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link RepairRuns} on the API server, and the tables over CQL as the superuser. */
final class KubernetesRepairRuns implements RepairRuns {
    private final KubernetesClient client;

    KubernetesRepairRuns(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public List<CassandraRepair> repairsOf(CassandraCluster cluster) {
        String name = cluster.getMetadata().getName();
        return client
                .resources(CassandraRepair.class)
                .inNamespace(cluster.getMetadata().getNamespace())
                .list()
                .getItems()
                .stream()
                .filter(r -> r.getSpec() != null && name.equals(r.getSpec().getCluster()))
                .toList();
    }

    @Override
    public void create(CassandraRepair repair) {
        client.resource(repair).create();
    }

    @Override
    public void setSuspend(String namespace, String name, boolean suspend) {
        client.resources(CassandraRepair.class)
                .inNamespace(namespace)
                .withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspend + "}}");
    }

    @Override
    public void delete(String namespace, String name) {
        client.resources(CassandraRepair.class)
                .inNamespace(namespace)
                .withName(name)
                .delete();
    }

    @Override
    public Map<String, Long> tables(CassandraCluster cluster) {
        Map<String, Long> tables = new TreeMap<>();
        try (CqlSession session = ClusterSchema.connect(client, cluster)) {
            for (Row row :
                    session.execute("SELECT keyspace_name, table_name, gc_grace_seconds FROM system_schema.tables")) {
                String keyspace = row.getString("keyspace_name");
                if (!RepairSelection.SYSTEM_KEYSPACES.contains(keyspace)) {
                    tables.put(keyspace + "." + row.getString("table_name"), (long) row.getInt("gc_grace_seconds"));
                }
            }
        }
        return tables;
    }
}
