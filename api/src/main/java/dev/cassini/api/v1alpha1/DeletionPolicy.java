package dev.cassini.api.v1alpha1;

/** What happens to the data a resource stands for (a cluster's volumes, a backup's objects) when it is deleted. */
public enum DeletionPolicy {
    /** Keep the data: a cluster's volumes (a new cluster of the same name finds them), a backup's objects. */
    Retain,
    /** Delete the data with the resource. */
    Delete
}
