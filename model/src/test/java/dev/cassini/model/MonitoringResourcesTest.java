package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraCluster;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitoringResourcesTest {
    private static ClusterShape shape() {
        CassandraCluster cluster = Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata: {name: demo, namespace: ns}
                spec: {datacenters: [{name: dc1, size: 3}]}
                """, CassandraCluster.class);
        return ClusterShape.of(cluster);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePodMonitorSelectsTheClustersPodsOnTheirMetricsPort() {
        var monitor = MonitoringResources.podMonitor(
                shape(),
                new OwnerReferenceBuilder().withName("demo").withUid("u").build());
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getKind()).isEqualTo("PodMonitor");
        assertThat(monitor.getMetadata().getNamespace()).isEqualTo("ns");
        Map<String, Object> spec =
                (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
        assertThat(spec.get("selector")).isEqualTo(Map.of("matchLabels", Map.of("cassini.dev/cluster", "demo")));
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec.get("podMetricsEndpoints");
        assertThat(endpoints.get(0)).containsEntry("port", "metrics").containsEntry("path", "/metrics");
    }

    @Test
    void everyCassandraPodCarriesScrapeAnnotationsForItsExporter() {
        StatefulSet set = (StatefulSet)
                DesiredResources.of(
                                shape(),
                                new OwnerReferenceBuilder()
                                        .withName("demo")
                                        .withUid("u")
                                        .build())
                        .stream()
                        .filter(StatefulSet.class::isInstance)
                        .findFirst()
                        .orElseThrow();
        assertThat(set.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "9500")
                .containsEntry("prometheus.io/path", "/metrics")
                .containsKey(DesiredResources.CONFIG_HASH_ANNOTATION);
    }
}
