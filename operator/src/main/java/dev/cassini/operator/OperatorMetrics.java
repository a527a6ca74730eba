package dev.cassini.operator;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The operator's own metrics: how often it reconciles, how long that takes, which steps it takes,
 * how often a step fails, and each cluster's ready and desired nodes. Labels stay bounded: one
 * series per cluster (and per step kind, a fixed set).
 */
public final class OperatorMetrics {
    private final PrometheusRegistry registry;
    private final Counter reconciliations;
    private final Counter failures;
    private final Counter applyFailures;
    private final Histogram duration;
    private final Gauge readyNodes;
    private final Gauge desiredNodes;
    private final Gauge ready;
    private final Gauge backupLastSuccess;
    private final Gauge backupLastDuration;
    private final Counter backups;
    private final Counter backupUploadedBytes;
    private final Counter backupReusedBytes;
    private final Counter repairSegments;
    private final Counter repairSegmentFailures;
    private final Counter repairBytes;
    private final Counter repairs;
    private final Gauge repairLastSuccess;
    private final Gauge tableLastRepaired;
    private final Gauge tableGcGrace;

    public OperatorMetrics(PrometheusRegistry registry) {
        this.registry = registry;
        reconciliations = Counter.builder()
                .name("cassini_operator_reconciliations_total")
                .help("Reconciliations of a CassandraCluster, by the step taken")
                .labelNames("namespace", "cluster", "step")
                .register(registry);
        failures = Counter.builder()
                .name("cassini_operator_step_failures_total")
                .help("Steps that failed (the operator retries them)")
                .labelNames("namespace", "cluster", "step")
                .register(registry);
        applyFailures = Counter.builder()
                .name("cassini_operator_apply_failures_total")
                .help("Desired objects the API server refused to apply, by kind (status says which and why)")
                .labelNames("namespace", "cluster", "kind")
                .register(registry);
        duration = Histogram.builder()
                .name("cassini_operator_reconcile_duration_seconds")
                .help("Time of one reconciliation: apply, observe, plan, execute one step, record")
                .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
                .labelNames("namespace", "cluster")
                .register(registry);
        readyNodes = Gauge.builder()
                .name("cassini_cluster_ready_nodes")
                .help("Nodes up and normal")
                .labelNames("namespace", "cluster")
                .register(registry);
        desiredNodes = Gauge.builder()
                .name("cassini_cluster_desired_nodes")
                .help("Nodes the spec asks for")
                .labelNames("namespace", "cluster")
                .register(registry);
        ready = Gauge.builder()
                .name("cassini_cluster_ready")
                .help("1 when the cluster's Ready condition is True")
                .labelNames("namespace", "cluster")
                .register(registry);
        backupLastSuccess = Gauge.builder()
                .name("cassini_backup_last_success_timestamp_seconds")
                .help("When the newest backup of the cluster that Succeeded completed (Unix time)")
                .labelNames("namespace", "cluster")
                .register(registry);
        backupLastDuration = Gauge.builder()
                .name("cassini_backup_last_duration_seconds")
                .help("How long the newest backup of the cluster that Succeeded took")
                .labelNames("namespace", "cluster")
                .register(registry);
        backups = Counter.builder()
                .name("cassini_backups_total")
                .help("Backups that finished, by result (Succeeded or Failed)")
                .labelNames("namespace", "cluster", "result")
                .register(registry);
        backupUploadedBytes = Counter.builder()
                .name("cassini_backup_uploaded_bytes_total")
                .help("Bytes backups wrote to the object store: new content, manifests, indexes")
                .labelNames("namespace", "cluster")
                .register(registry);
        backupReusedBytes = Counter.builder()
                .name("cassini_backup_reused_bytes_total")
                .help("Bytes backups did not write because the store held the content already")
                .labelNames("namespace", "cluster")
                .register(registry);
        repairSegments = Counter.builder()
                .name("cassini_repair_segments_total")
                .help("Repair segments whose session completed")
                .labelNames("namespace", "cluster")
                .register(registry);
        repairSegmentFailures = Counter.builder()
                .name("cassini_repair_segment_failures_total")
                .help("Repair sessions that failed, timed out or were lost (each is tried again up to 3 times)")
                .labelNames("namespace", "cluster")
                .register(registry);
        repairBytes = Counter.builder()
                .name("cassini_repair_streamed_bytes_total")
                .help("Bytes replicas sent each other in completed repair sessions: what differed")
                .labelNames("namespace", "cluster")
                .register(registry);
        repairs = Counter.builder()
                .name("cassini_repairs_total")
                .help("Repairs that finished, by result (Succeeded or Failed)")
                .labelNames("namespace", "cluster", "result")
                .register(registry);
        repairLastSuccess = Gauge.builder()
                .name("cassini_repair_last_success_timestamp_seconds")
                .help("When the newest repair of the cluster that Succeeded completed (Unix time)")
                .labelNames("namespace", "cluster")
                .register(registry);
        tableLastRepaired = Gauge.builder()
                .name("cassini_table_last_repaired_timestamp_seconds")
                .help("When a repair of the table in every datacenter last completed, or, if none has, when the"
                        + " operator first saw the table (Unix time)")
                .labelNames("namespace", "cluster", "table")
                .register(registry);
        tableGcGrace = Gauge.builder()
                .name("cassini_table_gc_grace_seconds")
                .help("The table's gc_grace_seconds: it must be repaired at least this often")
                .labelNames("namespace", "cluster", "table")
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    void reconciled(
            String namespace,
            String cluster,
            String step,
            boolean failed,
            double seconds,
            int readyCount,
            int desiredCount,
            boolean isReady) {
        reconciliations.labelValues(namespace, cluster, step).inc();
        if (failed) {
            failures.labelValues(namespace, cluster, step).inc();
        }
        duration.labelValues(namespace, cluster).observe(seconds);
        readyNodes.labelValues(namespace, cluster).set(readyCount);
        desiredNodes.labelValues(namespace, cluster).set(desiredCount);
        ready.labelValues(namespace, cluster).set(isReady ? 1 : 0);
    }

    void applyFailed(String namespace, String cluster, String kind) {
        applyFailures.labelValues(namespace, cluster, kind).inc();
    }

    /** A deleted cluster's series go with it, keeping cardinality bounded over time. */
    void forget(String namespace, String cluster) {
        tablesRepaired(namespace, cluster, java.util.Map.of(), java.util.Map.of());
        readyNodes.remove(namespace, cluster);
        desiredNodes.remove(namespace, cluster);
        ready.remove(namespace, cluster);
        duration.remove(namespace, cluster);
    }

    /**
     * A backup seen in a final phase. {@code justFinished} counts it (once, when it finishes); the
     * last-success gauges take the newest success also from backups seen again after an operator
     * restart, so an alert on their age does not fire because the operator restarted.
     */
    void backupFinished(
            String namespace,
            String cluster,
            boolean succeeded,
            boolean justFinished,
            java.time.Instant started,
            java.time.Instant completed,
            long uploadedBytes,
            long reusedBytes) {
        if (justFinished) {
            backups.labelValues(namespace, cluster, succeeded ? "Succeeded" : "Failed")
                    .inc();
            backupUploadedBytes.labelValues(namespace, cluster).inc(uploadedBytes);
            backupReusedBytes.labelValues(namespace, cluster).inc(reusedBytes);
        }
        if (succeeded && completed != null) {
            double at = completed.toEpochMilli() / 1000.0;
            if (at > backupLastSuccess.labelValues(namespace, cluster).get()) {
                backupLastSuccess.labelValues(namespace, cluster).set(at);
                if (started != null) {
                    backupLastDuration
                            .labelValues(namespace, cluster)
                            .set(java.time.Duration.between(started, completed).toMillis() / 1000.0);
                }
            }
        }
    }

    /** A repair session that completed, and what its replicas sent each other. */
    void repairSegmentDone(String namespace, String cluster, long streamedBytes) {
        repairSegments.labelValues(namespace, cluster).inc();
        repairBytes.labelValues(namespace, cluster).inc(streamedBytes);
    }

    void repairSegmentFailed(String namespace, String cluster) {
        repairSegmentFailures.labelValues(namespace, cluster).inc();
    }

    /** A repair seen in a final phase; counted once, when it finishes; the last success also after a restart. */
    void repairFinished(
            String namespace, String cluster, boolean succeeded, boolean justFinished, java.time.Instant completed) {
        if (justFinished) {
            repairs.labelValues(namespace, cluster, succeeded ? "Succeeded" : "Failed")
                    .inc();
        }
        if (succeeded && completed != null) {
            double at = completed.toEpochMilli() / 1000.0;
            if (at > repairLastSuccess.labelValues(namespace, cluster).get()) {
                repairLastSuccess.labelValues(namespace, cluster).set(at);
            }
        }
    }

    /**
     * The tables continuous repair tracks, each with its last repair (or first sighting) and its
     * grace; a table no longer listed loses its series.
     */
    void tablesRepaired(
            String namespace,
            String cluster,
            java.util.Map<String, java.time.Instant> repairedAt,
            java.util.Map<String, Long> gcGrace) {
        java.util.Set<String> known =
                tablesByCluster.computeIfAbsent(namespace + "/" + cluster, k -> new java.util.HashSet<>());
        for (String gone : new java.util.ArrayList<>(known)) {
            if (!repairedAt.containsKey(gone)) {
                tableLastRepaired.remove(namespace, cluster, gone);
                tableGcGrace.remove(namespace, cluster, gone);
                known.remove(gone);
            }
        }
        repairedAt.forEach((table, at) -> {
            tableLastRepaired.labelValues(namespace, cluster, table).set(at.toEpochMilli() / 1000.0);
            tableGcGrace.labelValues(namespace, cluster, table).set(gcGrace.getOrDefault(table, 0L));
            known.add(table);
        });
    }

    private final java.util.Map<String, java.util.Set<String>> tablesByCluster =
            new java.util.concurrent.ConcurrentHashMap<>();
}
