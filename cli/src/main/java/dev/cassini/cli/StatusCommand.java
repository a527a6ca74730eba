package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.NodeStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cassini status}: one screen per cluster. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show each cluster in the namespace on one screen: phase, ready nodes, what the operator is",
            "doing, conditions, and every node as nodetool status shows it (datacenter, rack, state,",
            "address, load, tokens, host ID).",
            "  ./cassini status",
            "  ./cassini status demo -n prod",
        })
public final class StatusCommand extends KubernetesSubcommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER", description = "Only this CassandraCluster.")
    String name;

    @Override
    int run(KubernetesOptions.Connection connection) {
        PrintWriter out = spec.commandLine().getOut();
        List<CassandraCluster> clusters = connection
                .client()
                .resources(CassandraCluster.class)
                .inNamespace(connection.namespace())
                .list()
                .getItems()
                .stream()
                .filter(c -> name == null || c.getMetadata().getName().equals(name))
                .toList();
        if (clusters.isEmpty() && name != null) {
            throw new CommandFailure("no CassandraCluster " + name + " in namespace " + connection.namespace()
                    + "; see kubectl get cc -A");
        }
        if (clusters.isEmpty()) {
            out.println("No CassandraCluster in namespace " + connection.namespace()
                    + "; start one with ./cassini up, or look in another with -n.");
            return 0;
        }
        Instant now = Instant.now();
        for (int i = 0; i < clusters.size(); i++) {
            CassandraCluster cluster = clusters.get(i);
            List<NodeStatus> nodes = new ArrayList<>();
            if (cluster.getStatus() != null) {
                Stream.of(cluster.getStatus().getNodes(), cluster.getStatus().getLeavingNodes())
                        .filter(Objects::nonNull)
                        .forEach(nodes::addAll);
            }
            out.print((i > 0 ? "\n" : "") + ClusterStatusText.render(cluster, NodeLoads.read(nodes), now));
        }
        return 0;
    }
}
