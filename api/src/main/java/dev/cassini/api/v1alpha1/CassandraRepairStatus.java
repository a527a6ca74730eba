package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/** How a repair goes, as a Kubernetes Job reports it: a phase, the conditions Complete and Failed, progress in segments and bytes, per keyspace and per table, and the sessions running or failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraRepairStatus {
    private Long observedGeneration;

    private List<Condition> conditions;

    @JsonPropertyDescription("Pending, Running, Suspended, Succeeded or Failed.")
    private String phase;

    @JsonPropertyDescription("What the repair is doing or waits for, or why it failed, and what to do.")
    private String message;

    private String startTime;

    private String completionTime;

    @JsonPropertyDescription("Segments done of all, e.g. 12/48.")
    private String progress;

    @JsonPropertyDescription("Segments of every table on the current ring.")
    private Integer segments;

    private Integer segmentsDone;

    @JsonPropertyDescription("Bytes the replicas sent each other to repair (what differed).")
    private Long bytesStreamed;

    @JsonPropertyDescription("Estimated seconds to the end, from the pace so far.")
    private Long etaSeconds;

    private List<RepairKeyspaceStatus> keyspaces;

    @JsonPropertyDescription("Every table the repair covers, smallest first.")
    private List<RepairTableStatus> tables;

    @JsonPropertyDescription("Sessions running now.")
    private List<RepairSessionStatus> running;

    @JsonPropertyDescription("Segments whose last session failed.")
    private List<RepairFailureStatus> failures;

    @JsonPropertyDescription("Per pod, until when it rests after its last session (intensity).")
    private Map<String, String> restingUntil;

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

    public String getProgress() {
        return progress;
    }

    public void setProgress(String progress) {
        this.progress = progress;
    }

    public Integer getSegments() {
        return segments;
    }

    public void setSegments(Integer segments) {
        this.segments = segments;
    }

    public Integer getSegmentsDone() {
        return segmentsDone;
    }

    public void setSegmentsDone(Integer segmentsDone) {
        this.segmentsDone = segmentsDone;
    }

    public Long getBytesStreamed() {
        return bytesStreamed;
    }

    public void setBytesStreamed(Long bytesStreamed) {
        this.bytesStreamed = bytesStreamed;
    }

    public Long getEtaSeconds() {
        return etaSeconds;
    }

    public void setEtaSeconds(Long etaSeconds) {
        this.etaSeconds = etaSeconds;
    }

    public List<RepairKeyspaceStatus> getKeyspaces() {
        return keyspaces;
    }

    public void setKeyspaces(List<RepairKeyspaceStatus> keyspaces) {
        this.keyspaces = keyspaces;
    }

    public List<RepairTableStatus> getTables() {
        return tables;
    }

    public void setTables(List<RepairTableStatus> tables) {
        this.tables = tables;
    }

    public List<RepairSessionStatus> getRunning() {
        return running;
    }

    public void setRunning(List<RepairSessionStatus> running) {
        this.running = running;
    }

    public List<RepairFailureStatus> getFailures() {
        return failures;
    }

    public void setFailures(List<RepairFailureStatus> failures) {
        this.failures = failures;
    }

    public Map<String, String> getRestingUntil() {
        return restingUntil;
    }

    public void setRestingUntil(Map<String, String> restingUntil) {
        this.restingUntil = restingUntil;
    }
}
