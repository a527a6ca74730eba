package dev.cassini.api.v1alpha1;

/** What a backup schedule does when a run comes while its last backup still runs. */
public enum ScheduleConcurrencyPolicy {
    /** Skip the run. */
    Forbid,
    /** Start another backup anyway. */
    Allow
}
