package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.devkube.DevKubeStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description =
                "Remove what `cassini up` started: delete every CassandraCluster (each node drains and stops), then stop devkube.")
public final class DownCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        DevCluster dev = new DevCluster();
        Optional<DevKubeStatus> status = dev.status();
        if (status.isPresent()) {
            try (KubernetesClient client = DevCluster.client(status.get())) {
                var clusters = client.resources(CassandraCluster.class)
                        .inAnyNamespace()
                        .list()
                        .getItems();
                for (CassandraCluster cluster : clusters) {
                    System.out.println(
                            "Deleting CassandraCluster " + cluster.getMetadata().getNamespace() + "/"
                                    + cluster.getMetadata().getName() + " (nodes drain and stop) ...");
                    client.resource(cluster).delete();
                }
                for (CassandraCluster cluster : clusters) {
                    client.resource(cluster).waitUntilCondition(c -> c == null, 5, TimeUnit.MINUTES);
                }
            } catch (RuntimeException e) {
                System.out.println(
                        "Could not delete every cluster cleanly (" + e.getMessage() + "); stopping devkube anyway.");
            }
        }
        boolean wasRunning = dev.daemon().stop(Duration.ofSeconds(120));
        System.out.println(
                wasRunning ? "devkube stopped; nothing Cassini started is running." : "Nothing was running.");
        return 0;
    }
}
