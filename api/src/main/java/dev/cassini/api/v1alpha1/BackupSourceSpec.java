package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * A backup found in a bucket rather than through a CassandraBackup resource: one taken by a cluster
 * that is gone, or by another Kubernetes cluster. It is read with the target cluster's
 * spec.backup.storage (endpoint, credentials), in this bucket and under this prefix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupSourceSpec {
    @JsonPropertyDescription("The bucket; default: the one of this cluster's spec.backup.storage.")
    @Size(min = 3, max = 63)
    private String bucket;

    @JsonPropertyDescription(
            "The key prefix the backed-up cluster wrote under (its spec.backup.storage.prefix, by default"
                    + " <namespace>/<name> of that cluster); default: this cluster's prefix.")
    @Size(max = 512)
    private String prefix;

    @JsonPropertyDescription(
            "The backup's id (the name its CassandraBackup had); cassini backup list --in-bucket lists them.")
    @Required
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    @Size(max = 253)
    private String backupId;

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getBackupId() {
        return backupId;
    }

    public void setBackupId(String backupId) {
        this.backupId = backupId;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof BackupSourceSpec that
                        && Objects.equals(bucket, that.bucket)
                        && Objects.equals(prefix, that.prefix)
                        && Objects.equals(backupId, that.backupId));
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, prefix, backupId);
    }
}
