package dev.cassini.api.v1alpha1;

/** What happens to a cluster's volumes (its data) when the CassandraCluster is deleted. */
public enum DeletionPolicy {
    /** Keep the PersistentVolumeClaims: the data survives and a new cluster of the same name finds it. */
    Retain,
    /** Delete the PersistentVolumeClaims with the cluster. */
    Delete
}
