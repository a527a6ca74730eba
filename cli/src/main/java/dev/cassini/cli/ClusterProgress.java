package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;

/** Prints a line whenever a cluster's ready count or step changes, until its Ready condition is True. */
final class ClusterProgress {
    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final PrintStream out;

    ClusterProgress(KubernetesClient client, String namespace, String name, PrintStream out) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.out = out;
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            CassandraCluster cluster = client.resources(CassandraCluster.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            CassandraClusterStatus status = cluster == null ? null : cluster.getStatus();
            String line =
                    status == null ? "waiting for the operator" : status.getReady() + " ready  " + status.getStep();
            if (!line.equals(last)) {
                out.printf("[%4.0fs] %s%n", (System.nanoTime() - t0) / 1e9, line);
                last = line;
            }
            if (status != null
                    && status.getConditions() != null
                    && status.getConditions().stream()
                            .anyMatch(c ->
                                    c.getType().equals("Ready") && c.getStatus().equals("True"))) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }
}
