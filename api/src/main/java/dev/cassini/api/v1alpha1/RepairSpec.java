package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;

/**
 * Continuous repair: on by default, keeping every table repaired within half its gc_grace_seconds,
 * paced to spread the work, or on a cron schedule; or left to Cassandra's own scheduler ({@link RepairMode}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RepairSpec {
    @JsonPropertyDescription(
            "true (the default) keeps every table repaired within half its gc_grace_seconds: a run of the tables due starts a quarter of their grace after their last repair, paced to end within another quarter, and waits while the cluster is not Ready. false starts none (a run in progress is suspended).")
    @Default("true")
    private Boolean enabled = true;

    @JsonPropertyDescription(
            "A five-field cron schedule (UTC), e.g. '0 3 * * 0': a run of every table at each time instead of the gc_grace cadence.")
    @Size(max = 100)
    private String schedule;

    @JsonPropertyDescription("Who schedules the repairs: Cassini (the default; the operator runs CassandraRepairs"
            + " paced by each table's gc_grace_seconds, with the status, metrics and alert of status.repair) or"
            + " Cassandra (its own auto-repair scheduler, Cassandra 5.0.8 and later: each node repairs its primary"
            + " ranges every min_repair_interval, 24h unless datacenters[].config.auto_repair says otherwise)."
            + " Changing it restarts the nodes one at a time.")
    @Default("Cassini")
    private RepairMode mode = RepairMode.Cassini;

    @JsonPropertyDescription("Segments per node of each run (see CassandraRepair).")
    @Default("16")
    @Min(1)
    @Max(1024)
    private Integer segmentsPerNode = 16;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public RepairMode getMode() {
        return mode;
    }

    public void setMode(RepairMode mode) {
        this.mode = mode;
    }

    /** Whether Cassandra's own auto-repair scheduler repairs the cluster (mode Cassandra, not disabled). */
    public boolean cassandraSchedules() {
        return mode == RepairMode.Cassandra && !Boolean.FALSE.equals(enabled);
    }

    public Integer getSegmentsPerNode() {
        return segmentsPerNode;
    }

    public void setSegmentsPerNode(Integer segmentsPerNode) {
        this.segmentsPerNode = segmentsPerNode;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof RepairSpec that
                        && java.util.Objects.equals(enabled, that.enabled)
                        && java.util.Objects.equals(schedule, that.schedule)
                        && mode == that.mode
                        && java.util.Objects.equals(segmentsPerNode, that.segmentsPerNode));
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(enabled, schedule, mode, segmentsPerNode);
    }
}
