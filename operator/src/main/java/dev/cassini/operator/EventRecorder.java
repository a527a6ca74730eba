package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;

/** Records a Kubernetes event on a CassandraCluster ({@link ClusterEvents}; a fake in tests). */
interface EventRecorder {
    String NORMAL = "Normal";
    String WARNING = "Warning";

    void record(CassandraCluster cluster, String type, String reason, String message);
}
