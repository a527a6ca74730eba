package dev.cassini.model.plan;

/** How the nodes of a brand-new cluster are started. */
public enum NewClusterStart {
    /**
     * Every node at once with precomputed, rack-interleaved tokens and no bootstrap: nothing to
     * stream, so a datacenter is ready in about one node's start time. Cassini's way.
     */
    CONCURRENT,
    /**
     * The conventional way, kept to benchmark the two against each other: the first node starts
     * alone as a new ring, then every other node bootstraps into it, one at a time (as when the
     * cluster is scaled up), with Cassandra allocating its tokens.
     */
    ONE_AT_A_TIME
}
