package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * A node's state as its agent reports it: the agent's own view of the Cassandra process while it
 * is not running ({@link #NOT_STARTED}, {@link #STOPPING}, {@link #STOPPED}), else Cassandra's
 * operation mode ({@code StorageService.getOperationMode()}).
 */
public enum NodeState {
    /** The agent has not started Cassandra since it started itself. */
    NOT_STARTED,
    /** The JVM runs but Cassandra's storage service is not up yet. */
    STARTING,
    JOINING,
    /** Cassandra gave up joining the ring; it runs but owns nothing. */
    JOINING_FAILED,
    NORMAL,
    LEAVING,
    DECOMMISSIONED,
    /** A decommission failed part way; the node still owns its ranges. */
    DECOMMISSION_FAILED,
    MOVING,
    DRAINING,
    DRAINED,
    /** A stop was asked for and is under way. */
    STOPPING,
    /** Cassandra's process has ended. */
    STOPPED,
    /** A mode this version of the contract does not know (a newer Cassandra, or a newer agent). */
    @JsonEnumDefaultValue
    UNKNOWN;

    /** Cassandra's operation mode as a state; a mode this contract does not know is {@link #UNKNOWN}. */
    public static NodeState ofCassandraMode(String mode) {
        if (mode == null) {
            return UNKNOWN;
        }
        for (NodeState state : values()) {
            if (state.name().equals(mode)) {
                return state;
            }
        }
        return UNKNOWN;
    }

    /** Cassandra is not running and nothing is under way: the node waits to be started. */
    public boolean idle() {
        return this == NOT_STARTED || this == STOPPED;
    }

    /** A state that resolves by itself, so whoever waits on the node only has to wait. */
    public boolean transitioning() {
        return switch (this) {
            case STARTING, JOINING, STOPPING, DRAINING, LEAVING, MOVING -> true;
            default -> false;
        };
    }

    /** Cassandra runs with its storage service in a state that drain can flush (serving or moving ranges). */
    public boolean drainable() {
        return this == NORMAL || this == JOINING || this == LEAVING;
    }
}
