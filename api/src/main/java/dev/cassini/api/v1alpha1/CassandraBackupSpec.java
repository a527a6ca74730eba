package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/** What to back up: a cluster, optionally some of its datacenters, keyspaces or tables. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self == oldSelf",
        message = "a backup's spec cannot change once created; create another CassandraBackup instead")
public class CassandraBackupSpec {
    @JsonPropertyDescription("The CassandraCluster to back up, in this namespace; it must have spec.backup.storage.")
    @Required
    @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 20)
    private String cluster;

    @JsonPropertyDescription(
            "Datacenters whose nodes take part; every datacenter when unset. One is enough to restore a keyspace"
                    + " that replicates to it.")
    @Size(max = 16)
    private List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> datacenters;

    @JsonPropertyDescription(
            "Keyspaces to back up; when neither keyspaces nor tables is set, every keyspace but the node-local"
                    + " system ones (system, system_views, system_virtual_schema).")
    @Size(max = 256)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> keyspaces;

    @JsonPropertyDescription("Single tables to back up, as keyspace.table; adds to keyspaces.")
    @Size(max = 1024)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> tables;

    @JsonPropertyDescription(
            "Delete (default) deletes the backup's manifests from the bucket when this resource is deleted, and"
                    + " with them every object no other backup references; Retain leaves the bucket as it is.")
    @Default("Delete")
    private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public List<String> getDatacenters() {
        return datacenters;
    }

    public void setDatacenters(List<String> datacenters) {
        this.datacenters = datacenters;
    }

    public List<String> getKeyspaces() {
        return keyspaces;
    }

    public void setKeyspaces(List<String> keyspaces) {
        this.keyspaces = keyspaces;
    }

    public List<String> getTables() {
        return tables;
    }

    public void setTables(List<String> tables) {
        this.tables = tables;
    }

    public DeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof CassandraBackupSpec that
                        && Objects.equals(cluster, that.cluster)
                        && Objects.equals(datacenters, that.datacenters)
                        && Objects.equals(keyspaces, that.keyspaces)
                        && Objects.equals(tables, that.tables)
                        && deletionPolicy == that.deletionPolicy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, datacenters, keyspaces, tables, deletionPolicy);
    }
}
