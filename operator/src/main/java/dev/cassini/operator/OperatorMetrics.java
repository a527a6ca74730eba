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
        readyNodes.remove(namespace, cluster);
        desiredNodes.remove(namespace, cluster);
        ready.remove(namespace, cluster);
        duration.remove(namespace, cluster);
    }
}
