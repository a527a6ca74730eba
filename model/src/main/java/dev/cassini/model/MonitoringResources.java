package dev.cassini.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;

/**
 * How Prometheus finds the nodes' exporters: a PodMonitor where the Prometheus Operator is
 * installed, and the conventional prometheus.io scrape annotations on every Cassandra pod for
 * annotation-based scrape configurations.
 */
public final class MonitoringResources {
    public static final String POD_MONITOR_CRD = "podmonitors.monitoring.coreos.com";

    private MonitoringResources() {}

    public static Map<String, String> scrapeAnnotations() {
        return Map.of(
                "prometheus.io/scrape", "true",
                "prometheus.io/port", String.valueOf(DesiredResources.METRICS_PORT),
                "prometheus.io/path", "/metrics");
    }

    public static GenericKubernetesResource podMonitor(ClusterShape cluster, OwnerReference owner) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("monitoring.coreos.com/v1")
                .withKind("PodMonitor")
                .withNewMetadata()
                .withName(cluster.resourceName())
                .withNamespace(cluster.namespace())
                .withLabels(DesiredResources.clusterLabels(cluster))
                .withOwnerReferences(owner)
                .endMetadata()
                .addToAdditionalProperties(
                        "spec",
                        Map.of(
                                "selector",
                                        Map.of(
                                                "matchLabels",
                                                Map.of(ClusterNames.LABEL_CLUSTER, cluster.resourceName())),
                                "podMetricsEndpoints",
                                        List.of(Map.of("port", "metrics", "path", "/metrics", "interval", "30s"))))
                .build();
    }
}
