package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/** What to restore: which backup, into which cluster, and which of its keyspaces or tables. */
@ValidationRule(
        value = "has(self.backup) != has(self.source)",
        message = "set either backup (a CassandraBackup in this namespace) or source (a backup in a bucket), not both"
                + " and not neither")
@ValidationRule(
        value = "!has(self.keyspaceMapping) || self.keyspaceMapping.all(k, self.keyspaceMapping.all(j, j == k"
                + " || self.keyspaceMapping[j] != self.keyspaceMapping[k]))",
        message = "keyspaceMapping maps two keyspaces to the same one; give each its own keyspace")
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self == oldSelf",
        message = "a restore's spec cannot change once created; create another CassandraRestore instead")
public class CassandraRestoreSpec {
    @JsonPropertyDescription("The CassandraCluster to restore into, in this namespace.")
    @Required
    @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 20)
    private String cluster;

    @JsonPropertyDescription(
            "The CassandraBackup to restore, in this namespace. It must have Succeeded. Each node takes the files"
                    + " of the backed-up node whose tokens it owns: in place, its own (by host ID); in a cluster created"
                    + " with spec.restoreFrom, those of the node whose tokens it started with.")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 63)
    private String backup;

    @JsonPropertyDescription(
            "Instead of backup: a backup in a bucket (of a cluster that is gone, or of another Kubernetes cluster),"
                    + " read with this cluster's spec.backup.storage.")
    private BackupSourceSpec source;

    public BackupSourceSpec getSource() {
        return source;
    }

    public void setSource(BackupSourceSpec source) {
        this.source = source;
    }

    @JsonPropertyDescription(
            "Keyspaces to restore; when neither keyspaces nor tables is set, every user keyspace in the backup."
                    + " Cassandra's own keyspaces (system_auth and the like) are restored only when named here.")
    @Size(max = 256)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> keyspaces;

    @JsonPropertyDescription("Single tables to restore, as keyspace.table; adds to keyspaces.")
    @Size(max = 1024)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> tables;

    @JsonPropertyDescription(
            "Datacenter names of the backup mapped to this cluster's, e.g. {dc1: east}, for keyspaces the restore"
                    + " creates: their replication names this cluster's datacenters. Unmapped names stay as they are.")
    @Size(max = 16)
    private java.util.Map<String, @Size(max = 48) String> datacenterMapping;

    @JsonPropertyDescription(
            "Backed-up keyspaces restored under another name, e.g. {shop: shop_copy}: their tables are created there"
                    + " from the backup's schema (when missing) and streamed into it, and the backed-up keyspace is not"
                    + " touched. For looking at old rows beside the live ones, or a test restore.")
    @Size(max = 16)
    @ValidationRule(
            value = "self.all(k, !(self[k] in ['system', 'system_schema', 'system_auth', 'system_distributed',"
                    + " 'system_traces', 'system_views', 'system_virtual_schema']))",
            message = "keyspaceMapping cannot restore into one of Cassandra's own keyspaces; name a new keyspace")
    @ValidationRule(
            value = "self.all(k, k.matches('^[A-Za-z0-9_]{1,48}$'))",
            message = "keyspaceMapping's keys are backed-up keyspace names: letters, digits and _, at most 48")
    private java.util.Map<String, @Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> keyspaceMapping;

    public java.util.Map<String, String> getKeyspaceMapping() {
        return keyspaceMapping;
    }

    public void setKeyspaceMapping(java.util.Map<String, String> keyspaceMapping) {
        this.keyspaceMapping = keyspaceMapping;
    }

    public java.util.Map<String, String> getDatacenterMapping() {
        return datacenterMapping;
    }

    public void setDatacenterMapping(java.util.Map<String, String> datacenterMapping) {
        this.datacenterMapping = datacenterMapping;
    }

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public String getBackup() {
        return backup;
    }

    public void setBackup(String backup) {
        this.backup = backup;
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

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof CassandraRestoreSpec that
                        && Objects.equals(cluster, that.cluster)
                        && Objects.equals(backup, that.backup)
                        && Objects.equals(source, that.source)
                        && Objects.equals(keyspaces, that.keyspaces)
                        && Objects.equals(tables, that.tables)
                        && Objects.equals(datacenterMapping, that.datacenterMapping)
                        && Objects.equals(keyspaceMapping, that.keyspaceMapping));
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, backup, source, keyspaces, tables, datacenterMapping, keyspaceMapping);
    }
}
