package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;

/** Looks at a cluster as it is now ({@link ClusterObserver}; a fake in tests). */
interface ClusterObservations {
    ClusterObserver.Observation observe(CassandraCluster resource);
}
