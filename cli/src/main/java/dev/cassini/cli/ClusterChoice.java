package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraCluster;
import java.util.List;

/** The cluster a command works on: the one named, or the namespace's only one. */
final class ClusterChoice {
    private ClusterChoice() {}

    /**
     * @param asked the cluster named with {@code --cluster}, or null
     * @throws CommandFailure when the named one does not exist, or none is named and the namespace
     *     has none or several
     */
    static String only(KubernetesOptions.Connection connection, String asked) {
        String namespace = connection.namespace();
        List<String> clusters =
                connection.client().resources(CassandraCluster.class).inNamespace(namespace).list().getItems().stream()
                        .map(c -> c.getMetadata().getName())
                        .sorted()
                        .toList();
        if (asked != null) {
            if (!clusters.contains(asked)) {
                throw new CommandFailure("there is no cluster " + asked + " in namespace " + namespace
                        + (clusters.isEmpty() ? "" : "; there are: " + String.join(", ", clusters)));
            }
            return asked;
        }
        if (clusters.size() != 1) {
            throw new CommandFailure(
                    clusters.isEmpty()
                            ? "there is no cluster in namespace " + namespace + " (another namespace? -n NAMESPACE)"
                            : "namespace " + namespace + " has clusters " + String.join(", ", clusters)
                                    + "; name one with --cluster");
        }
        return clusters.get(0);
    }
}
