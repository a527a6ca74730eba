package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A maintenance command and the nodes it runs on: the whole cluster, or some of its datacenters, racks or pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self == oldSelf",
        message = "a task's spec cannot change once created; create another CassandraTask instead")
@ValidationRule(
        value = "self.command == 'Rebuild' ? has(self.sourceDatacenter) : !has(self.sourceDatacenter)",
        message =
                "sourceDatacenter names the datacenter a Rebuild streams from: set it for Rebuild, and only for Rebuild")
@ValidationRule(
        value = "!has(self.snapshotTag) || self.command == 'ClearSnapshot'",
        message = "snapshotTag is for ClearSnapshot only")
@ValidationRule(
        value =
                "!has(self.tables) || size(self.tables) == 0 || self.command in ['Compact', 'UpgradeSSTables', 'Scrub', 'GarbageCollect']",
        message = "tables applies to Compact, UpgradeSSTables, Scrub and GarbageCollect; remove it for this command")
@ValidationRule(
        value = "!has(self.keyspaces) || size(self.keyspaces) == 0 || self.command != 'Restart'",
        message = "a Restart restarts the whole node: remove keyspaces")
@ValidationRule(
        value = "!has(self.keyspaces) || size(self.keyspaces) <= 1 || self.command == 'ClearSnapshot'",
        message = "name one keyspace (or none for every non-system keyspace); for several, create a task per keyspace")
@ValidationRule(
        value = "!has(self.tables) || self.tables.all(t, t.split('.')[0] == self.tables[0].split('.')[0]"
                + " && (!has(self.keyspaces) || size(self.keyspaces) == 0 || t.split('.')[0] == self.keyspaces[0]))",
        message = "tables must all be of one keyspace, the one in keyspaces if it is set")
public class CassandraTaskSpec {
    @JsonPropertyDescription("The CassandraCluster the task runs on, in this namespace.")
    @Required
    @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 20)
    private String cluster;

    @JsonPropertyDescription(
            "Cleanup, Compact, UpgradeSSTables, Scrub, GarbageCollect, Flush, ClearSnapshot, Rebuild or Restart.")
    @Required
    private MaintenanceCommand command;

    @JsonPropertyDescription("Only nodes of these datacenters; every datacenter when unset.")
    @Size(max = 16)
    private List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> datacenters;

    @JsonPropertyDescription("Only nodes of these racks.")
    @Size(max = 64)
    private List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> racks;

    @JsonPropertyDescription("Only these pods.")
    @Size(max = 256)
    private List<@Size(max = 253) String> pods;

    @JsonPropertyDescription("The keyspaces to work on; every non-system keyspace when unset.")
    @Size(max = 256)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> keyspaces;

    @JsonPropertyDescription(
            "Only these tables (keyspace.table), for Compact, UpgradeSSTables, Scrub and GarbageCollect.")
    @Size(max = 1024)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> tables;

    @JsonPropertyDescription("OneAtATime (the default) or PerRack: every node of one rack at once, rack after rack.")
    @Default("OneAtATime")
    private TaskConcurrency concurrency = TaskConcurrency.OneAtATime;

    @JsonPropertyDescription("For Rebuild: the datacenter to stream from.")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 63)
    private String sourceDatacenter;

    @JsonPropertyDescription("For ClearSnapshot: only this snapshot; every snapshot when unset.")
    @Size(max = 255)
    private String snapshotTag;

    @JsonPropertyDescription("Tries of a node's part before the task fails.")
    @Default("3")
    @Min(1)
    @Max(10)
    private Integer maxAttempts = 3;

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public MaintenanceCommand getCommand() {
        return command;
    }

    public void setCommand(MaintenanceCommand command) {
        this.command = command;
    }

    public List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> getDatacenters() {
        return datacenters;
    }

    public void setDatacenters(List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> datacenters) {
        this.datacenters = datacenters;
    }

    public List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> getRacks() {
        return racks;
    }

    public void setRacks(List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> racks) {
        this.racks = racks;
    }

    public List<@Size(max = 253) String> getPods() {
        return pods;
    }

    public void setPods(List<@Size(max = 253) String> pods) {
        this.pods = pods;
    }

    public List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> getKeyspaces() {
        return keyspaces;
    }

    public void setKeyspaces(List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> keyspaces) {
        this.keyspaces = keyspaces;
    }

    public List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> getTables() {
        return tables;
    }

    public void setTables(List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> tables) {
        this.tables = tables;
    }

    public TaskConcurrency getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(TaskConcurrency concurrency) {
        this.concurrency = concurrency;
    }

    public String getSourceDatacenter() {
        return sourceDatacenter;
    }

    public void setSourceDatacenter(String sourceDatacenter) {
        this.sourceDatacenter = sourceDatacenter;
    }

    public String getSnapshotTag() {
        return snapshotTag;
    }

    public void setSnapshotTag(String snapshotTag) {
        this.snapshotTag = snapshotTag;
    }

    public Integer getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
        this.maxAttempts = maxAttempts;
    }
}
