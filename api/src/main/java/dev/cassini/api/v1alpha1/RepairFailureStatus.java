package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Token spans of a table whose last repair session failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RepairFailureStatus {
    @JsonPropertyDescription("keyspace.table")
    private String table;

    @JsonPropertyDescription("The token spans, as start:end.")
    private List<String> ranges;

    @JsonPropertyDescription(
            "Sessions tried so far; at spec's limit the segment is given up and the repair fails at its end.")
    private Integer attempts;

    @JsonPropertyDescription("Why the last one failed.")
    private String reason;

    @JsonPropertyDescription("When it failed.")
    private String time;

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

    public Integer getAttempts() {
        return attempts;
    }

    public void setAttempts(Integer attempts) {
        this.attempts = attempts;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }
}
