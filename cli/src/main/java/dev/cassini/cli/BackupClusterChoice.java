package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.DatacenterSpec;
import java.util.List;
import java.util.Optional;

/**
 * Which cluster {@code cassini backup create} backs up, refused before anything is created when
 * the operator would only fail the backup (or leave it Pending for ever, on a misspelt cluster).
 */
final class BackupClusterChoice {
    private BackupClusterChoice() {}

    /**
     * @param asked {@code --cluster}, or null for the only cluster in the namespace
     * @param datacenters {@code --datacenter}s, each of which the cluster must have
     * @return the cluster's name
     * @throws CommandFailure saying what to change
     */
    static String choose(List<CassandraCluster> clusters, String asked, List<String> datacenters, String namespace) {
        List<String> names =
                clusters.stream().map(c -> c.getMetadata().getName()).sorted().toList();
        CassandraCluster chosen;
        if (asked == null) {
            if (clusters.isEmpty()) {
                throw new CommandFailure("no CassandraCluster in namespace " + namespace
                        + ", so nothing to back up; is it in another one? Say which with -n");
            }
            if (clusters.size() > 1) {
                throw new CommandFailure("namespace " + namespace + " has " + clusters.size() + " CassandraClusters ("
                        + String.join(", ", names) + "); say which to back up with --cluster");
            }
            chosen = clusters.get(0);
        } else {
            Optional<CassandraCluster> named = clusters.stream()
                    .filter(c -> c.getMetadata().getName().equals(asked))
                    .findFirst();
            if (named.isEmpty()) {
                throw new CommandFailure("no CassandraCluster " + asked + " in namespace " + namespace + "; "
                        + (names.isEmpty()
                                ? "there is none (another namespace? -n)"
                                : "it has " + String.join(", ", names)));
            }
            chosen = named.get();
        }
        String name = chosen.getMetadata().getName();
        if (chosen.getSpec() == null
                || chosen.getSpec().getBackup() == null
                || chosen.getSpec().getBackup().getStorage() == null) {
            throw new CommandFailure("cluster " + name + " has no spec.backup.storage, so there is no bucket to back"
                    + " up to: add it to the cluster (bucket and credentials Secret), then try again");
        }
        List<String> known = chosen.getSpec().getDatacenters() == null
                ? List.of()
                : chosen.getSpec().getDatacenters().stream()
                        .map(DatacenterSpec::getName)
                        .toList();
        List<String> unknown =
                datacenters.stream().filter(dc -> !known.contains(dc)).toList();
        if (!unknown.isEmpty()) {
            throw new CommandFailure("cluster " + name + " has no datacenter " + String.join(", ", unknown)
                    + "; it has " + String.join(", ", known));
        }
        return name;
    }
}
