package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One table as continuous repair tracks it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TableRepairStatus {
    @JsonPropertyDescription("keyspace.table")
    private String name;

    private Long gcGraceSeconds;

    @JsonPropertyDescription("When a repair of it in every datacenter last completed; absent if none has.")
    private String repairedAt;

    @JsonPropertyDescription(
            "When the operator first saw the table: its deadline counts from here until its first repair.")
    private String firstSeen;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getGcGraceSeconds() {
        return gcGraceSeconds;
    }

    public void setGcGraceSeconds(Long gcGraceSeconds) {
        this.gcGraceSeconds = gcGraceSeconds;
    }

    public String getRepairedAt() {
        return repairedAt;
    }

    public void setRepairedAt(String repairedAt) {
        this.repairedAt = repairedAt;
    }

    public String getFirstSeen() {
        return firstSeen;
    }

    public void setFirstSeen(String firstSeen) {
        this.firstSeen = firstSeen;
    }
}
