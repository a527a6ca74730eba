package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * How a restore went, as a Kubernetes Job reports it: a phase, the conditions {@code Complete} and
 * {@code Failed}, start and completion times, the step it is at, and per node what it downloaded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraRestoreStatus {
    private Long observedGeneration;

    private List<Condition> conditions;

    @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
    private String phase;

    @JsonPropertyDescription(
            "Download (every node stages its files; the tables still serve), Truncate (the chosen tables are emptied, once, cluster-wide), Import (every node moves its staged files into the tables), then Done.")
    private String step;

    @JsonPropertyDescription("What the restore waits for or why it failed, and what to do about it.")
    private String message;

    @JsonPropertyDescription("The backup's id in the bucket.")
    private String backupId;

    @JsonPropertyDescription("The tables restored, as keyspace.table.")
    private List<String> tables;

    private String startTime;

    private String completionTime;

    @JsonPropertyDescription("One entry per node restored to.")
    private List<NodeRestoreStatus> nodes;

    @JsonPropertyDescription("Bytes of the chosen tables' files, every node's counted.")
    private Long totalBytes;

    @JsonPropertyDescription("Bytes downloaded so far (files an interrupted attempt had already staged count as well).")
    private Long downloadedBytes;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getBackupId() {
        return backupId;
    }

    public void setBackupId(String backupId) {
        this.backupId = backupId;
    }

    public List<String> getTables() {
        return tables;
    }

    public void setTables(List<String> tables) {
        this.tables = tables;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public List<NodeRestoreStatus> getNodes() {
        return nodes;
    }

    public void setNodes(List<NodeRestoreStatus> nodes) {
        this.nodes = nodes;
    }

    public Long getTotalBytes() {
        return totalBytes;
    }

    public void setTotalBytes(Long totalBytes) {
        this.totalBytes = totalBytes;
    }

    public Long getDownloadedBytes() {
        return downloadedBytes;
    }

    public void setDownloadedBytes(Long downloadedBytes) {
        this.downloadedBytes = downloadedBytes;
    }
}
