package dev.cassini.api.v1alpha1;

/**
 * How the replicas of a repair session build their Merkle trees: all at once ({@code Parallel},
 * the shortest sessions), one at a time from a snapshot ({@code Sequential}, one replica busy at
 * a time), or one datacenter at a time ({@code DatacenterAware}).
 */
public enum Parallelism {
    Parallel,
    Sequential,
    DatacenterAware
}
