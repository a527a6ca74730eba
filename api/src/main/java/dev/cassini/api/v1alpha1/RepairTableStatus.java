package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** One table of a repair: its segments, and the token spans already repaired, merged (one span once the table is done). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RepairTableStatus {
    @JsonPropertyDescription("The table, as keyspace.table.")
    private String name;

    @JsonPropertyDescription("Its size on disk when the repair started, as one node saw it; tables go smallest first.")
    private Long sizeBytes;

    @JsonPropertyDescription("Segments on the current ring.")
    private Integer segments;

    @JsonPropertyDescription("Segments whose every span is repaired.")
    private Integer segmentsDone;

    @JsonPropertyDescription("Token spans repaired so far, as start:end (start exclusive), merged.")
    private List<String> repaired;

    @JsonPropertyDescription("When its last segment was repaired.")
    private String completionTime;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
        this.sizeBytes = sizeBytes;
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

    public List<String> getRepaired() {
        return repaired;
    }

    public void setRepaired(List<String> repaired) {
        this.repaired = repaired;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }
}
