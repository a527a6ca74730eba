package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * How a backup went, as a Kubernetes Job reports it: a phase, the conditions {@code Complete} and
 * {@code Failed}, start and completion times, and per node and in total what was stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraBackupStatus {
    private Long observedGeneration;

    private List<Condition> conditions;

    @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
    private String phase;

    @JsonPropertyDescription("What the backup waits for or why it failed, and what to do about it.")
    private String message;

    @JsonPropertyDescription("The backup's id in the bucket (the resource's name).")
    private String backupId;

    @JsonPropertyDescription("Where the backup is, e.g. s3://backups/prod/demo/backups/nightly-1/.")
    private String location;

    private String startTime;

    private String completionTime;

    @JsonPropertyDescription("One entry per node taking part.")
    private List<NodeBackupStatus> nodes;

    @JsonPropertyDescription("Bytes of data the backup holds, every node's files counted.")
    private Long totalBytes;

    @JsonPropertyDescription("Bytes this backup wrote to the store: new content, manifests and schema.")
    private Long uploadedBytes;

    @JsonPropertyDescription("Bytes it did not write because the store already held the content.")
    private Long reusedBytes;

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

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
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

    public List<NodeBackupStatus> getNodes() {
        return nodes;
    }

    public void setNodes(List<NodeBackupStatus> nodes) {
        this.nodes = nodes;
    }

    public Long getTotalBytes() {
        return totalBytes;
    }

    public void setTotalBytes(Long totalBytes) {
        this.totalBytes = totalBytes;
    }

    public Long getUploadedBytes() {
        return uploadedBytes;
    }

    public void setUploadedBytes(Long uploadedBytes) {
        this.uploadedBytes = uploadedBytes;
    }

    public Long getReusedBytes() {
        return reusedBytes;
    }

    public void setReusedBytes(Long reusedBytes) {
        this.reusedBytes = reusedBytes;
    }
}
