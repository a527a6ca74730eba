package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** How a task goes, as a Kubernetes Job reports it: a phase, the conditions Complete and Failed, and each node's part. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraTaskStatus {
    private Long observedGeneration;

    private List<Condition> conditions;

    @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
    private String phase;

    @JsonPropertyDescription("What the task does or waits for, or why it failed.")
    private String message;

    private String startTime;

    private String completionTime;

    @JsonPropertyDescription("Nodes done of all, e.g. 2/3.")
    private String progress;

    @JsonPropertyDescription("Each node the task runs on, in the order it runs.")
    private List<NodeTaskStatus> nodes;

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

    public List<NodeTaskStatus> getNodes() {
        return nodes;
    }

    public void setNodes(List<NodeTaskStatus> nodes) {
        this.nodes = nodes;
    }
}
