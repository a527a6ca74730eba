package dev.cassini.contract;

/**
 * How the replicas of one repair session build their Merkle trees, as Cassandra's {@code
 * parallelism} repair option has it: all at once ({@code PARALLEL}, the most load, the shortest
 * session), one after another from snapshots ({@code SEQUENTIAL}, one replica busy at a time),
 * or one per datacenter at a time ({@code DATACENTER_AWARE}).
 */
public enum RepairParallelism {
    SEQUENTIAL("sequential"),
    PARALLEL("parallel"),
    DATACENTER_AWARE("dc_parallel");

    private final String option;

    RepairParallelism(String option) {
        this.option = option;
    }

    /** The value of Cassandra's {@code parallelism} repair option. */
    public String option() {
        return option;
    }
}
