package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What continuous repair is doing for the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterRepairStatus {
    @JsonPropertyDescription("What it does or waits for, e.g. the next run's time, or why a due run is skipped.")
    private String message;

    @JsonPropertyDescription("The CassandraRepair of the latest run it started.")
    private String run;

    @JsonPropertyDescription("When the next run is due, when known.")
    private String nextRunTime;

    @JsonPropertyDescription("With spec.repair.schedule: the latest scheduled time a run was started for.")
    private String lastScheduled;

    @JsonPropertyDescription("Every table of the non-system keyspaces, with its grace and last repair.")
    private List<TableRepairStatus> tables;

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getRun() {
        return run;
    }

    public void setRun(String run) {
        this.run = run;
    }

    public String getNextRunTime() {
        return nextRunTime;
    }

    public void setNextRunTime(String nextRunTime) {
        this.nextRunTime = nextRunTime;
    }

    public String getLastScheduled() {
        return lastScheduled;
    }

    public void setLastScheduled(String lastScheduled) {
        this.lastScheduled = lastScheduled;
    }

    public List<TableRepairStatus> getTables() {
        return tables;
    }

    public void setTables(List<TableRepairStatus> tables) {
        this.tables = tables;
    }
}
