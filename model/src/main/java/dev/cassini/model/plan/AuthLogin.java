package dev.cassini.model.plan;

/**
 * Which login works on a cluster whose authentication is not set up yet: an observed fact, so the
 * planner (not the code that sets auth up) decides to wait while Cassandra has not created its
 * default role.
 */
public enum AuthLogin {
    /** Not looked at: authentication is off or already set up, or not every node is serving yet. */
    NOT_CHECKED,
    /** The managed superuser exists (an earlier setup got that far). */
    SUPERUSER,
    /** Only Cassandra's default role logs in: the superuser is still to be created. */
    DEFAULT_ROLE,
    /** Neither: Cassandra creates its default role once a quorum of nodes serves (each node tries every second). */
    NONE
}
