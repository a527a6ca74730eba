package dev.cassini.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.contract.backup.BackupIndex;
import dev.cassini.contract.backup.BackupSchema;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.model.backup.RestoreTargets;
import dev.cassini.store.ObjectStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a restore reads a backup from: the storage of the cluster the backup was taken of (which
 * may be another cluster than the one restored into), and what the backup's index, manifests and
 * schema say there.
 */
record RestoreSource(BackupStorage storage, String backupId) {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /**
     * @throws IllegalStateException with what to do when the backup's cluster or its storage is gone
     */
    static RestoreSource of(KubernetesClient client, CassandraBackup backup) {
        String namespace = backup.getMetadata().getNamespace();
        String clusterName = backup.getSpec().getCluster();
        CassandraCluster cluster = client.resources(CassandraCluster.class)
                .inNamespace(namespace)
                .withName(clusterName)
                .get();
        if (cluster == null) {
            throw new IllegalStateException(
                    "backup " + backup.getMetadata().getName() + " is in the storage of cluster "
                            + clusterName + ", which no longer exists in namespace " + namespace
                            + "; recreate a cluster of that name with the same spec.backup.storage (stopped: true will do) to"
                            + " reach it");
        }
        return new RestoreSource(
                BackupStorage.of(client, cluster), backup.getMetadata().getName());
    }

    /** Every backed-up node's manifest, by its key, in the index's order: each read once. */
    Map<String, NodeManifest> manifests(ObjectStore store) throws IOException {
        BackupIndex index = JSON.readValue(store.get(storage.layout().index(backupId)), BackupIndex.class);
        Map<String, NodeManifest> manifests = new LinkedHashMap<>();
        for (BackupIndex.Node node : index.nodes()) {
            manifests.put(node.manifest(), JSON.readValue(store.get(node.manifest()), NodeManifest.class));
        }
        return manifests;
    }

    /** The backed-up nodes those manifests describe, as {@link RestoreTargets} matches them. */
    static List<RestoreTargets.Backed> nodes(Map<String, NodeManifest> manifests) {
        List<RestoreTargets.Backed> nodes = new ArrayList<>();
        manifests.forEach((key, manifest) -> nodes.add(new RestoreTargets.Backed(
                key, manifest.datacenter(), manifest.rack(), manifest.pod(), manifest.hostId(), manifest.tokens())));
        return nodes;
    }

    /** The backup's schema; empty for a backup written before backups kept one. */
    Optional<BackupSchema> schema(ObjectStore store) throws IOException {
        String key = storage.layout().schema(backupId);
        return store.exists(key) ? Optional.of(JSON.readValue(store.get(key), BackupSchema.class)) : Optional.empty();
    }
}
