package dev.cassini.operator;

import dev.cassini.model.plan.NewClusterStart;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: watches CassandraClusters in every namespace of the cluster its
 * kubeconfig (or in-cluster service account) points at.
 */
public final class OperatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {}

    /** Port of the operator's Prometheus endpoint, /metrics. */
    public static final String ENV_METRICS_PORT = "CASSINI_OPERATOR_METRICS_PORT";

    public static final int DEFAULT_METRICS_PORT = 8081;

    /**
     * How the nodes of a brand-new cluster start: {@code concurrent} (the default) or
     * {@code one-at-a-time}, the latter only to benchmark the two against each other.
     */
    public static final String ENV_NEW_CLUSTER_START = "CASSINI_OPERATOR_NEW_CLUSTER_START";

    public static void main(String[] args) throws IOException {
        NewClusterStart newClusterStart;
        try {
            newClusterStart = newClusterStart(System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("the operator does not start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        OperatorMetrics metrics = new OperatorMetrics(PrometheusRegistry.defaultRegistry);
        String port = System.getenv().getOrDefault(ENV_METRICS_PORT, String.valueOf(DEFAULT_METRICS_PORT));
        // In a pod, serve on the pod's address (under devkube every pod shares this machine's ports).
        String address = System.getenv().getOrDefault("POD_IP", "0.0.0.0");
        HTTPServer server = HTTPServer.builder()
                .hostname(address)
                .port(Integer.parseInt(port))
                .registry(metrics.registry())
                .buildAndStart();
        LOG.info("operator metrics on http://{}:{}/metrics", address, server.getPort());
        start(new KubernetesClientBuilder().build(), metrics, newClusterStart);
    }

    /** The {@link #ENV_NEW_CLUSTER_START} setting; a value other than the two allowed ones stops the operator from starting. */
    static NewClusterStart newClusterStart(Map<String, String> env) {
        String value = env.getOrDefault(ENV_NEW_CLUSTER_START, "concurrent").trim();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "concurrent" -> NewClusterStart.CONCURRENT;
            case "one-at-a-time" -> NewClusterStart.ONE_AT_A_TIME;
            default ->
                throw new IllegalArgumentException(ENV_NEW_CLUSTER_START + "=" + value
                        + " is not a known value; use concurrent (the default) or one-at-a-time");
        };
    }

    /** Starts the operator on this client; stop it with {@link Operator#stop()}. */
    public static Operator start(KubernetesClient client, OperatorMetrics metrics) {
        return start(client, metrics, NewClusterStart.CONCURRENT);
    }

    /** As {@link #start(KubernetesClient, OperatorMetrics)}, starting new clusters' nodes as {@code newClusterStart} says. */
    public static Operator start(KubernetesClient client, OperatorMetrics metrics, NewClusterStart newClusterStart) {
        Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
        operator.register(new CassandraClusterReconciler(client, metrics, newClusterStart));
        operator.register(new CassandraBackupReconciler(client, metrics));
        operator.register(new CassandraRestoreReconciler(client));
        operator.register(new CassandraBackupScheduleReconciler(client));
        operator.register(new CassandraRepairReconciler(client, metrics));
        operator.register(new CassandraTaskReconciler(client));
        operator.start();
        LOG.info(
                "cassini operator watching CassandraClusters, CassandraBackups, CassandraBackupSchedules, CassandraRestores, CassandraRepairs and CassandraTasks on {}; new clusters start {}",
                client.getMasterUrl(),
                newClusterStart == NewClusterStart.CONCURRENT ? "every node at once" : "one node at a time");
        return operator;
    }
}
