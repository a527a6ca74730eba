package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One keyspace of a repair, summed over its tables. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RepairKeyspaceStatus {
    private String name;

    @JsonPropertyDescription(
            "The keyspace's replication when the repair started, as system_schema.keyspaces has it; segments are cut by it.")
    private java.util.Map<String, String> replication;

    private Integer tables;

    @JsonPropertyDescription("Tables whose every segment is repaired.")
    private Integer tablesDone;

    private Integer segments;

    private Integer segmentsDone;

    @JsonPropertyDescription("Bytes the replicas sent each other to repair its tables.")
    private Long bytesStreamed;

    @JsonPropertyDescription("When its last table was done (an event says so too).")
    private String completionTime;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public java.util.Map<String, String> getReplication() {
        return replication;
    }

    public void setReplication(java.util.Map<String, String> replication) {
        this.replication = replication;
    }

    public Integer getTables() {
        return tables;
    }

    public void setTables(Integer tables) {
        this.tables = tables;
    }

    public Integer getTablesDone() {
        return tablesDone;
    }

    public void setTablesDone(Integer tablesDone) {
        this.tablesDone = tablesDone;
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

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }
}
