package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraTask;
import dev.cassini.api.v1alpha1.KubeApiServer;
import dev.cassini.model.plan.NewClusterStart;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator watching a list of namespaces (CASSINI_WATCH_NAMESPACES, the Helm chart's
 * namespaced mode) against a real API server with RBAC on, on a ServiceAccount with the chart's
 * rules for that mode (a Role in each watched namespace, cluster-wide reads only): a resource in a
 * watched namespace gets a status, the same resource in another namespace is left alone, and no
 * request it makes is refused.
 */
class WatchedNamespacesIT {
    @Test
    void onlyTheWatchedNamespacesResourcesAreReconciled() throws Exception {
        try (KubeApiServer apiServer = KubeApiServer.startWithCrd(
                Path.of("target", "watched-namespaces-it").toAbsolutePath())) {
            KubernetesClient client = apiServer.client();
            for (String namespace : new String[] {"watched", "elsewhere"}) {
                apiServer.createNamespaces(namespace);
                client.resource(Serialization.unmarshal("""
                                apiVersion: cassini.dev/v1alpha1
                                kind: CassandraTask
                                metadata: {name: flush-all, namespace: %s}
                                spec: {cluster: nowhere, command: Flush}
                                """.formatted(namespace), CassandraTask.class))
                        .create();
            }
            // on the chart's namespaced-mode account: a Role in the watched namespace, cluster-wide reads only
            int refusedBefore = ApiRequests.SHARED.refused().size();
            KubernetesClient operatorClient = OperatorAccount.watching(client, Set.of("watched"));
            Operator operator = OperatorMain.start(
                    operatorClient,
                    new OperatorMetrics(new PrometheusRegistry()),
                    NewClusterStart.CONCURRENT,
                    Set.of("watched"));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (phase(client, "watched") == null && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(phase(client, "watched"))
                        .as("the watched namespace's task")
                        .isEqualTo("Pending");
                // the watched one's first reconcile is done; the other, were it watched, would be by now
                Thread.sleep(3_000);
                assertThat(phase(client, "elsewhere"))
                        .as("the other namespace's task")
                        .isNull();
                java.util.List<String> refused = ApiRequests.SHARED.refused();
                assertThat(refused.subList(refusedBefore, refused.size()))
                        .as("requests the namespaced mode's rules refused")
                        .isEmpty();
            } finally {
                operator.stop();
                operatorClient.close();
            }
        }
    }

    private static String phase(KubernetesClient client, String namespace) {
        CassandraTask task = client.resources(CassandraTask.class)
                .inNamespace(namespace)
                .withName("flush-all")
                .get();
        return task.getStatus() == null ? null : task.getStatus().getPhase();
    }
}
