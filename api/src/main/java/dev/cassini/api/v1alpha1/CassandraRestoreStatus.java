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
            "InPlace: Download (every node stages its files; the tables still serve), Truncate (the chosen tables are emptied, once, cluster-wide), Import (every node moves its staged files into the tables). Stream: Truncate, then Stream (each backed-up node's files go to the nodes that replicate their ranges now). Then Done.")
    private String step;

    @JsonPropertyDescription(
            "InPlace when every node owns the tokens of a backed-up node (the same nodes, or a new cluster started with the backup's tokens): each imports its own files, nothing streams. Stream when the cluster's shape or tokens differ: each backed-up node's files are streamed to the nodes that replicate them now.")
    private String method;

    @JsonPropertyDescription(
            "Set by a Stream restore: true when some range reached several replicas from different backed-up replicas, whose copies may differ; a repair of the restored tables makes them agree.")
    private Boolean repairAdvised;

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

    @JsonPropertyDescription("Stream restores: bytes sent to the nodes that replicate them so far.")
    private Long streamedBytes;

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

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public Boolean getRepairAdvised() {
        return repairAdvised;
    }

    public void setRepairAdvised(Boolean repairAdvised) {
        this.repairAdvised = repairAdvised;
    }

    public Long getStreamedBytes() {
        return streamedBytes;
    }

    public void setStreamedBytes(Long streamedBytes) {
        this.streamedBytes = streamedBytes;
    }
}
