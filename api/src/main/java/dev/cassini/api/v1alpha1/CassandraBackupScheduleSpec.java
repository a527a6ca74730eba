package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** When to back a cluster up, what to back up, and how many backups to keep. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraBackupScheduleSpec {
    @JsonPropertyDescription("The CassandraCluster to back up, in this namespace; it must have spec.backup.storage.")
    @Required
    @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 20)
    private String cluster;

    @JsonPropertyDescription(
            "When to back up, in cron syntax (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\" for"
                    + " 02:00 every day, or @daily, @hourly, @weekly.")
    @Required
    @Size(min = 1, max = 100)
    private String schedule;

    @JsonPropertyDescription("The IANA time zone the schedule and the daily/weekly/monthly retention count in,"
            + " e.g. Europe/Berlin; UTC when unset.")
    @Default("UTC")
    @Size(max = 64)
    private String timeZone = "UTC";

    @JsonPropertyDescription("true takes no backup until set back to false; retention still prunes.")
    @Default("false")
    private boolean suspend;

    @JsonPropertyDescription(
            "Forbid (default) skips a run while an earlier backup of this schedule still runs; Allow starts it anyway.")
    @Default("Forbid")
    private ScheduleConcurrencyPolicy concurrencyPolicy = ScheduleConcurrencyPolicy.Forbid;

    @JsonPropertyDescription("How many complete backups to keep; the rest are deleted with their manifests.")
    private RetentionSpec retention;

    @JsonPropertyDescription("Datacenters whose nodes take part in each backup; every datacenter when unset.")
    @Size(max = 16)
    private List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> datacenters;

    @JsonPropertyDescription("Keyspaces to back up; every keyspace but the node-local system ones when neither"
            + " keyspaces nor tables is set.")
    @Size(max = 256)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> keyspaces;

    @JsonPropertyDescription("Single tables to back up, as keyspace.table; adds to keyspaces.")
    @Size(max = 1024)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> tables;

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public boolean isSuspend() {
        return suspend;
    }

    public void setSuspend(boolean suspend) {
        this.suspend = suspend;
    }

    public ScheduleConcurrencyPolicy getConcurrencyPolicy() {
        return concurrencyPolicy;
    }

    public void setConcurrencyPolicy(ScheduleConcurrencyPolicy concurrencyPolicy) {
        this.concurrencyPolicy = concurrencyPolicy;
    }

    public RetentionSpec getRetention() {
        return retention;
    }

    public void setRetention(RetentionSpec retention) {
        this.retention = retention;
    }

    public List<String> getDatacenters() {
        return datacenters;
    }

    public void setDatacenters(List<String> datacenters) {
        this.datacenters = datacenters;
    }

    public List<String> getKeyspaces() {
        return keyspaces;
    }

    public void setKeyspaces(List<String> keyspaces) {
        this.keyspaces = keyspaces;
    }

    public List<String> getTables() {
        return tables;
    }

    public void setTables(List<String> tables) {
        this.tables = tables;
    }
}
