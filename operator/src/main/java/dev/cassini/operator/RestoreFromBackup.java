package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreSpec;
import dev.cassini.api.v1alpha1.RestoreFromSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;

/**
 * The CassandraRestore that fills a cluster created with {@code spec.restoreFrom}: the cluster's
 * nodes started with the backed-up tokens, so the restore matches each node to its backed-up node
 * by tokens, creates the backup's schema, and imports every node's files. Owned by the cluster.
 */
final class RestoreFromBackup {
    private RestoreFromBackup() {}

    /** What the cluster's status records once the restore is created, so it is created once only. */
    static String name(CassandraCluster cluster) {
        return cluster.getMetadata().getName() + "-restore";
    }

    static CassandraRestore restore(CassandraCluster cluster) {
        RestoreFromSpec from = cluster.getSpec().getRestoreFrom();
        CassandraRestoreSpec spec = new CassandraRestoreSpec();
        spec.setCluster(cluster.getMetadata().getName());
        spec.setBackup(from.getBackup());
        spec.setSource(from.getSource());
        spec.setKeyspaces(from.getKeyspaces());
        spec.setTables(from.getTables());
        spec.setDatacenterMapping(from.getDatacenterMapping());
        CassandraRestore restore = new CassandraRestore();
        restore.setMetadata(new ObjectMetaBuilder()
                .withName(name(cluster))
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(Map.of(
                        dev.cassini.model.ClusterNames.LABEL_CLUSTER,
                        cluster.getMetadata().getName()))
                .withOwnerReferences(List.of(Owner.of(cluster)))
                .build());
        restore.setSpec(spec);
        return restore;
    }
}
