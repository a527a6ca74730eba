package dev.cassini.operator;

import dev.cassini.api.v1alpha1.BackupStorageSpec;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.contract.BackupRequest;
import dev.cassini.contract.RestoreRequest;
import dev.cassini.contract.RestoreStep;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.store.ObjectStoreSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A cluster's {@code spec.backup.storage} made usable: the store's settings with the credentials
 * read from their Secret, the key prefix (the cluster's {@code <namespace>/<name>} when unset), and
 * the request an agent gets to back its node up there.
 */
public record BackupStorage(ObjectStoreSettings settings, String prefix) {
    static final String ACCESS_KEY_ID = "accessKeyId";
    static final String SECRET_ACCESS_KEY = "secretAccessKey";

    /**
     * @throws IllegalStateException with what to fix when the cluster has no storage or its Secret
     *     is missing or incomplete
     */
    public static BackupStorage of(KubernetesClient client, CassandraCluster cluster) {
        String name = cluster.getMetadata().getName();
        if (cluster.getSpec().getBackup() == null
                || cluster.getSpec().getBackup().getStorage() == null) {
            throw new IllegalStateException(
                    "cluster " + name + " has no spec.backup.storage: set its bucket"
                            + " (and endpoint and credentialsSecretRef for a store other than AWS S3) and create the backup again");
        }
        BackupStorageSpec spec = cluster.getSpec().getBackup().getStorage();
        String accessKeyId = null;
        String secretAccessKey = null;
        if (spec.getCredentialsSecretRef() != null) {
            Secret secret = client.secrets()
                    .inNamespace(cluster.getMetadata().getNamespace())
                    .withName(spec.getCredentialsSecretRef())
                    .get();
            if (secret == null) {
                throw new IllegalStateException("Secret " + spec.getCredentialsSecretRef()
                        + " (spec.backup.storage.credentialsSecretRef of cluster " + name
                        + ") does not exist: create it with keys " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY);
            }
            accessKeyId = value(secret, ACCESS_KEY_ID);
            secretAccessKey = value(secret, SECRET_ACCESS_KEY);
            if (accessKeyId == null || secretAccessKey == null) {
                throw new IllegalStateException("Secret " + spec.getCredentialsSecretRef() + " must have the keys "
                        + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY);
            }
        }
        String prefix = spec.getPrefix() != null
                ? spec.getPrefix()
                : cluster.getMetadata().getNamespace() + "/" + name;
        ObjectStoreSettings settings = new ObjectStoreSettings(
                spec.getEndpoint(),
                spec.getRegion() == null ? "us-east-1" : spec.getRegion(),
                spec.isPathStyle(),
                accessKeyId,
                secretAccessKey,
                spec.getBucket(),
                spec.getConcurrencyPerNode() == null ? 4 : spec.getConcurrencyPerNode(),
                spec.getServerSideEncryption(),
                spec.getKmsKeyId(),
                spec.getBandwidthPerNode() == null
                        ? 0
                        : io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                                        new io.fabric8.kubernetes.api.model.Quantity(spec.getBandwidthPerNode()))
                                .longValue());
        return new BackupStorage(settings, prefix);
    }

    private static String value(Secret secret, String key) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(key) != null) {
            return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
        }
        Map<String, String> plain = secret.getStringData();
        return plain == null ? null : plain.get(key);
    }

    public BackupLayout layout() {
        return new BackupLayout(prefix);
    }

    /** Where a backup is, for people: {@code s3://bucket/prefix/backups/<id>/}. */
    public String location(String backupId) {
        return "s3://" + settings.bucket() + "/" + layout().backup(backupId);
    }

    BackupRequest request(
            String backupId, String clusterName, String pod, List<String> keyspaces, List<String> tables) {
        return new BackupRequest(
                backupId,
                clusterName,
                pod,
                settings.bucket(),
                prefix,
                settings.endpoint(),
                settings.region(),
                settings.pathStyle(),
                settings.accessKeyId(),
                settings.secretAccessKey(),
                settings.concurrency(),
                settings.serverSideEncryption(),
                settings.kmsKeyId(),
                bandwidth(),
                keyspaces,
                tables);
    }

    /**
     * One step of a node's part of a restore, of the chosen tables, from the node manifest at
     * {@code manifest}; {@code streams} says where a stream step sends the files (null otherwise).
     */
    RestoreRequest restoreRequest(
            String restoreId,
            RestoreStep step,
            String manifest,
            List<String> tables,
            dev.cassini.contract.RestoreStreams streams) {
        return new RestoreRequest(
                restoreId,
                step,
                manifest,
                settings.bucket(),
                prefix,
                settings.endpoint(),
                settings.region(),
                settings.pathStyle(),
                settings.accessKeyId(),
                settings.secretAccessKey(),
                settings.concurrency(),
                settings.serverSideEncryption(),
                settings.kmsKeyId(),
                bandwidth(),
                null,
                tables,
                streams);
    }

    private Long bandwidth() {
        return settings.bandwidthBytesPerSecond() > 0 ? settings.bandwidthBytesPerSecond() : null;
    }
}
