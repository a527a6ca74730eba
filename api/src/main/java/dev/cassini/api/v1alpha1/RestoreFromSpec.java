package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The backup a new cluster starts from: each node starts with the tokens of a backed-up node of the
 * same rack, then the operator restores the backup into it (a CassandraRestore named
 * {@code <cluster>-restore}).
 */
@ValidationRule(
        value = "has(self.backup) != has(self.source)",
        message = "set either backup (a CassandraBackup in this namespace) or source (a backup in a bucket), not both"
                + " and not neither")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestoreFromSpec {
    @JsonPropertyDescription(
            "The CassandraBackup to start from, in this namespace, of any cluster. This cluster must have the same"
                    + " racks with as many nodes each as the backup (after datacenterMapping).")
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
            "Datacenter names of the backup mapped to this cluster's, e.g. {dc1: east}; unmapped names stay as they are.")
    @Size(max = 16)
    private Map<String, @Size(max = 48) String> datacenterMapping;

    @JsonPropertyDescription("Keyspaces to restore; when neither keyspaces nor tables is set, every user keyspace.")
    @Size(max = 256)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> keyspaces;

    @JsonPropertyDescription("Single tables to restore, as keyspace.table; adds to keyspaces.")
    @Size(max = 1024)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> tables;

    public String getBackup() {
        return backup;
    }

    public void setBackup(String backup) {
        this.backup = backup;
    }

    public Map<String, String> getDatacenterMapping() {
        return datacenterMapping;
    }

    public void setDatacenterMapping(Map<String, String> datacenterMapping) {
        this.datacenterMapping = datacenterMapping;
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
                || (o instanceof RestoreFromSpec that
                        && Objects.equals(backup, that.backup)
                        && Objects.equals(source, that.source)
                        && Objects.equals(datacenterMapping, that.datacenterMapping)
                        && Objects.equals(keyspaces, that.keyspaces)
                        && Objects.equals(tables, that.tables));
    }

    @Override
    public int hashCode() {
        return Objects.hash(backup, source, datacenterMapping, keyspaces, tables);
    }
}
