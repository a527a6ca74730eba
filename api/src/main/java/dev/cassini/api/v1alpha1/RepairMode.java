package dev.cassini.api.v1alpha1;

/**
 * Who schedules a cluster's continuous repair: the operator ({@code Cassini}: CassandraRepair runs
 * paced by each table's gc_grace_seconds) or Cassandra's own auto-repair scheduler ({@code
 * Cassandra}, 5.0.8 and later: each node repairs its primary ranges every min_repair_interval,
 * taking turns through system_distributed.auto_repair_history).
 */
public enum RepairMode {
    Cassini,
    Cassandra
}
