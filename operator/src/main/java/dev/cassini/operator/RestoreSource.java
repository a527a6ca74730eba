package dev.cassini.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.api.v1alpha1.BackupSourceSpec;
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
                            + "; name it by its place instead: source: {backupId: "
                            + backup.getMetadata().getName()
                            + ", prefix: <that cluster's prefix, by default " + namespace + "/" + clusterName + ">}");
        }
        return new RestoreSource(
                BackupStorage.of(client, cluster), backup.getMetadata().getName());
    }

    /**
     * A backup named by its place in a bucket, read with the target cluster's storage settings and
     * credentials, in the source's bucket and under its prefix when they are given.
     *
     * @throws IllegalStateException with what to fix when the target has no usable storage
     */
    static RestoreSource of(KubernetesClient client, CassandraCluster target, BackupSourceSpec source) {
        BackupStorage own = BackupStorage.of(client, target);
        return new RestoreSource(
                new BackupStorage(
                        source.getBucket() == null
                                ? own.settings()
                                : own.settings().inBucket(source.getBucket()),
                        source.getPrefix() == null ? own.prefix() : source.getPrefix()),
                source.getBackupId());
    }

    /** A backup the bucket holds no complete copy of: the restore can never run as asked. */
    static final class NotInBucket extends IllegalStateException {
        NotInBucket(String message) {
            super(message);
        }
    }

    /**
     * Every backed-up node's manifest, by its key, in the index's order: each read once.
     *
     * @throws NotInBucket when the backup has no index entry there: it is not complete, or not in that
     *     place
     */
    Map<String, NodeManifest> manifests(ObjectStore store) throws IOException {
        String indexKey = storage.layout().index(backupId);
        if (!store.exists(indexKey)) {
            throw new NotInBucket("there is no complete backup " + backupId + " in "
                    + storage.location(backupId)
                            .replaceAll("backups/" + java.util.regex.Pattern.quote(backupId) + "/$", "")
                    + " (no index entry " + indexKey + "); cassini backup list --in-bucket lists those there");
        }
        BackupIndex index = JSON.readValue(store.get(indexKey), BackupIndex.class);
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
