package dev.cassini.operator;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.cassini.api.v1alpha1.CassandraCluster;
import java.time.Duration;

/** What the end-to-end tests read from a CassandraCluster's status, and how their clients connect. */
final class ClusterConditions {
    private ClusterConditions() {}

    /** Whether every pod of the cluster runs the node image of this Cassandra version. */
    static boolean everyPodRuns(
            io.fabric8.kubernetes.client.KubernetesClient client, String namespace, String cluster, String version) {
        return client.pods().inNamespace(namespace).withLabel("cassini.dev/cluster", cluster).list().getItems().stream()
                .allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("cassini/node:" + version));
    }

    /** Whether the cluster's condition of this type is True for its current generation. */
    static boolean conditionTrue(CassandraCluster c, String type) {
        return c != null
                && c.getStatus() != null
                && c.getStatus().getConditions() != null
                && c.getStatus().getConditions().stream()
                        .anyMatch(k -> k.getType().equals(type)
                                && k.getStatus().equals("True")
                                && c.getMetadata().getGeneration().equals(k.getObservedGeneration()));
    }

    /** Whether the datacenter's condition of this type is True in status. */
    static boolean dcCondition(CassandraCluster c, String dc, String type) {
        return c != null
                && c.getStatus() != null
                && c.getStatus().getDatacenters() != null
                && c.getStatus().getDatacenters().stream()
                        .filter(d -> dc.equals(d.getName()) && d.getConditions() != null)
                        .flatMap(d -> d.getConditions().stream())
                        .anyMatch(cond -> type.equals(cond.getType()) && "True".equals(cond.getStatus()));
    }

    /**
     * A client timeout above Cassandra's own (5 s reads, 2 s writes), as the driver's guide advises,
     * so the server answers (or times out and the driver retries) instead of the client giving up first.
     */
    static DriverConfigLoader clientConfig() {
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(12))
                .build();
    }

    /**
     * Whether the operator has nothing left to do (Progressing: Converged). A spec it refuses in part
     * (storage growth the class forbids) converges too, at the generation it applied in full.
     */
    static boolean converged(CassandraCluster c) {
        return c != null
                && c.getStatus() != null
                && c.getStatus().getConditions() != null
                && c.getStatus().getConditions().stream()
                        .anyMatch(k -> k.getType().equals("Progressing") && "Converged".equals(k.getReason()));
    }

    /** The reason of the cluster's Degraded condition while it is True; null otherwise. */
    static String degradedReason(CassandraCluster c) {
        return c == null || c.getStatus() == null || c.getStatus().getConditions() == null
                ? null
                : c.getStatus().getConditions().stream()
                        .filter(k ->
                                k.getType().equals("Degraded") && k.getStatus().equals("True"))
                        .map(k -> k.getReason())
                        .findFirst()
                        .orElse(null);
    }

    /** The message of the cluster's Degraded condition while it is True; empty otherwise. */
    static String degradedMessage(CassandraCluster c) {
        return c.getStatus().getConditions().stream()
                .filter(k -> k.getType().equals("Degraded") && k.getStatus().equals("True"))
                .map(k -> k.getMessage())
                .findFirst()
                .orElse("");
    }
}
