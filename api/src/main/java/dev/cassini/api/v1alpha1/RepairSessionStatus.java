package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** A repair session running now: one segment's spans, coordinated by one replica's agent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RepairSessionStatus {
    @JsonPropertyDescription("keyspace.table")
    private String table;

    @JsonPropertyDescription("The token spans, as start:end.")
    private List<String> ranges;

    @JsonPropertyDescription("The pods taking part, the coordinator first.")
    private List<String> replicas;

    @JsonPropertyDescription("The pod whose agent runs the session.")
    private String coordinator;

    @JsonPropertyDescription("The coordinator agent's job id.")
    private String job;

    private String startTime;

    @JsonPropertyDescription("1 for a segment's first try.")
    private Integer attempt;

    @JsonPropertyDescription("Each replica's repair bytes sent when the session started.")
    private Map<String, Long> sentAtStart;

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public List<String> getRanges() {
        return ranges;
    }

    public void setRanges(List<String> ranges) {
        this.ranges = ranges;
    }

    public List<String> getReplicas() {
        return replicas;
    }

    public void setReplicas(List<String> replicas) {
        this.replicas = replicas;
    }

    public String getCoordinator() {
        return coordinator;
    }

    public void setCoordinator(String coordinator) {
        this.coordinator = coordinator;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public Integer getAttempt() {
        return attempt;
    }

    public void setAttempt(Integer attempt) {
        this.attempt = attempt;
    }

    public Map<String, Long> getSentAtStart() {
        return sentAtStart;
    }

    public void setSentAtStart(Map<String, Long> sentAtStart) {
        this.sentAtStart = sentAtStart;
    }
}
