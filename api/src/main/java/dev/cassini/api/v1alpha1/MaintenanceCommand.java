package dev.cassini.api.v1alpha1;

/** What a CassandraTask runs on each of its nodes, as the nodetool command of the same name does. */
public enum MaintenanceCommand {
    Cleanup,
    Compact,
    UpgradeSSTables,
    Scrub,
    GarbageCollect,
    Flush,
    ClearSnapshot,
    Rebuild,
    Restart
}
