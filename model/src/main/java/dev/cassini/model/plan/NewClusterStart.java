package dev.cassini.model.plan;

/**
 * How the nodes of a brand-new cluster are started. Both give every node its precomputed,
 * rack-interleaved tokens and no bootstrap; they differ only in how many start at a time.
 */
public enum NewClusterStart {
    /** Every node at once: nothing to stream, so a datacenter is ready in about one node's start time. Cassini's way. */
    CONCURRENT,
    /**
     * One node at a time, each only after the one before is NORMAL, until the first bring-up is
     * done (as cass-operator starts nodes). For benchmarks that compare the two, not for production:
     * later nodes do not bootstrap, so a row the first nodes wrote meanwhile (Cassandra's default
     * role) can land on a node that never received it.
     */
    ONE_AT_A_TIME
}
