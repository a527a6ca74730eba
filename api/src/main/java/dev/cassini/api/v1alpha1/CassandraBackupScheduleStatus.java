package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** What a backup schedule did last and does next, as a Kubernetes CronJob reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraBackupScheduleStatus {
    private Long observedGeneration;

    @JsonPropertyDescription("The last scheduled time acted on: a backup was started for it, or it was skipped.")
    private String lastScheduleTime;

    @JsonPropertyDescription("When the newest of its backups that Succeeded completed.")
    private String lastSuccessfulTime;

    @JsonPropertyDescription("When the next backup is due.")
    private String nextScheduleTime;

    @JsonPropertyDescription("Its backups that still run.")
    private List<String> active;

    @JsonPropertyDescription("The backups the last pass of retention deleted.")
    private List<String> pruned;

    @JsonPropertyDescription("What the schedule does, why a run was skipped, or what is wrong with it.")
    private String message;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getLastScheduleTime() {
        return lastScheduleTime;
    }

    public void setLastScheduleTime(String lastScheduleTime) {
        this.lastScheduleTime = lastScheduleTime;
    }

    public String getLastSuccessfulTime() {
        return lastSuccessfulTime;
    }

    public void setLastSuccessfulTime(String lastSuccessfulTime) {
        this.lastSuccessfulTime = lastSuccessfulTime;
    }

    public String getNextScheduleTime() {
        return nextScheduleTime;
    }

    public void setNextScheduleTime(String nextScheduleTime) {
        this.nextScheduleTime = nextScheduleTime;
    }

    public List<String> getActive() {
        return active;
    }

    public void setActive(List<String> active) {
        this.active = active;
    }

    public List<String> getPruned() {
        return pruned;
    }

    public void setPruned(List<String> pruned) {
        this.pruned = pruned;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
