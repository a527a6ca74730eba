package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRepair;
import java.util.List;
import java.util.Map;

/**
 * What continuous repair asks of Kubernetes and of the cluster: the CassandraRepairs of a cluster,
 * creating, suspending and deleting its runs, and the tables it keeps repaired.
 * {@link KubernetesRepairRuns} does it; tests use a hand-written fake.
 */
interface RepairRuns {
    /** Every CassandraRepair of the cluster's namespace whose spec names the cluster. */
    List<CassandraRepair> repairsOf(CassandraCluster cluster);

    void create(CassandraRepair repair);

    void setSuspend(String namespace, String name, boolean suspend);

    void delete(String namespace, String name);

    /** Every table of the non-system keyspaces with its gc_grace_seconds, by keyspace.table, read over CQL. */
    Map<String, Long> tables(CassandraCluster cluster);
}
