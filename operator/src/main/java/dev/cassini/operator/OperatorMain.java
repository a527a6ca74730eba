package dev.cassini.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
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

    public static void main(String[] args) throws IOException {
        OperatorMetrics metrics = new OperatorMetrics(PrometheusRegistry.defaultRegistry);
        String port = System.getenv().getOrDefault(ENV_METRICS_PORT, String.valueOf(DEFAULT_METRICS_PORT));
        // In a pod, serve on the pod's address (under devkube every pod shares this machine's ports).
        String address = System.getenv().getOrDefault("POD_IP", "0.0.0.0");
        HTTPServer server = HTTPServer.builder().hostname(address).port(Integer.parseInt(port)).registry(metrics.registry()).buildAndStart();
        LOG.info("operator metrics on http://{}:{}/metrics", address, server.getPort());
        start(new KubernetesClientBuilder().build(), metrics);
    }

    /** Starts the operator on this client; stop it with {@link Operator#stop()}. */
    public static Operator start(KubernetesClient client, OperatorMetrics metrics) {
        Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
        operator.register(new CassandraClusterReconciler(client, metrics));
        operator.start();
        LOG.info("cassini operator watching CassandraClusters on {}", client.getMasterUrl());
        return operator;
    }
}
