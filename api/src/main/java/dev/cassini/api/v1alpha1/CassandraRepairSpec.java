package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What to repair and how: a cluster, optionally some of its datacenters, keyspaces or tables. Only suspend, intensity, parallelism, maxPendingCompactions and segmentTimeoutSeconds can change on a repair that exists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value =
                "self.cluster == oldSelf.cluster"
                        + " && (has(self.keyspaces) ? self.keyspaces : []) == (has(oldSelf.keyspaces) ? oldSelf.keyspaces : [])"
                        + " && (has(self.tables) ? self.tables : []) == (has(oldSelf.tables) ? oldSelf.tables : [])"
                        + " && (has(self.datacenters) ? self.datacenters : []) == (has(oldSelf.datacenters) ? oldSelf.datacenters : [])"
                        + " && self.segmentsPerNode == oldSelf.segmentsPerNode && self.incremental == oldSelf.incremental"
                        + " && (has(self.minSegmentSize) ? self.minSegmentSize : '') == (has(oldSelf.minSegmentSize) ? oldSelf.minSegmentSize : '')",
        message =
                "only suspend, intensity, parallelism, maxPendingCompactions and segmentTimeoutSeconds can change on a"
                        + " repair; to repair something else, create another CassandraRepair")
public class CassandraRepairSpec {
    @JsonPropertyDescription("The CassandraCluster to repair, in this namespace.")
    @Required
    @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
    @Size(max = 20)
    private String cluster;

    @JsonPropertyDescription(
            "Keyspaces to repair; when neither keyspaces nor tables is set, every keyspace but the system ones.")
    @Size(max = 256)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> keyspaces;

    @JsonPropertyDescription("Single tables to repair, as keyspace.table; adds to keyspaces.")
    @Size(max = 1024)
    private List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> tables;

    @JsonPropertyDescription(
            "Only replicas in these datacenters take part (each session compares them only); every datacenter when unset.")
    @Size(max = 16)
    private List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> datacenters;

    @JsonPropertyDescription(
            "The share of time a node spends repairing: after a session of d seconds its replicas rest d × (1 − intensity) / intensity seconds. 1 (the default) rests not at all; 0.5 rests as long as it worked. Can change while the repair runs.")
    @Default("1.0")
    @Min(0.01)
    @Max(1.0)
    private Double intensity = 1.0;

    @JsonPropertyDescription(
            "How a session's replicas build their Merkle trees: Parallel (all at once, the default), Sequential (one at a time, from a snapshot), DatacenterAware (one datacenter at a time). Can change while the repair runs; the next sessions use it.")
    @Default("Parallel")
    private Parallelism parallelism = Parallelism.Parallel;

    @JsonPropertyDescription(
            "The ring is cut into about this many segments per node taking part; ranges with the same replicas are packed into one segment up to that size. More segments mean shorter sessions (less to redo after a failure) and more of them.")
    @Default("16")
    @Min(1)
    @Max(1024)
    private Integer segmentsPerNode = 16;

    @JsonPropertyDescription(
            "The least of a table's data on a node a segment is cut to hold, a Kubernetes quantity of bytes: a table smaller than segmentsPerNode of these gets one segment per node for each (at least one), as every session costs about a second whatever it compares. 0 cuts every table into segmentsPerNode.")
    @Default("128Mi")
    @Size(max = 32)
    @ValidationRule(
            value = "isQuantity(self) && !quantity(self).isLessThan(quantity('0'))",
            message = "minSegmentSize must be a quantity of bytes, 0 or more, such as 128Mi or 1Gi")
    private String minSegmentSize = "128Mi";

    @JsonPropertyDescription(
            "An incremental repair (one session per node over the ranges it is first replica of; repaired data is anticompacted and not compared again) instead of a full one. See the README for its caveats.")
    @Default("false")
    private Boolean incremental = false;

    @JsonPropertyDescription(
            "true stops starting sessions; running ones finish, and the repair is Suspended. Set back to false to go on from the last completed segment.")
    @Default("false")
    private Boolean suspend = false;

    @JsonPropertyDescription("A segment waits while one of its replicas has more pending compactions than this.")
    @Default("20")
    @Min(0)
    private Integer maxPendingCompactions = 20;

    @JsonPropertyDescription("A session running longer is terminated and its segment tried again (3 attempts in all).")
    @Default("1800")
    @Min(30)
    private Integer segmentTimeoutSeconds = 1800;

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> getKeyspaces() {
        return keyspaces;
    }

    public void setKeyspaces(List<@Pattern("^[A-Za-z0-9_]{1,48}$") @Size(max = 48) String> keyspaces) {
        this.keyspaces = keyspaces;
    }

    public List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> getTables() {
        return tables;
    }

    public void setTables(List<@Pattern("^[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}$") @Size(max = 97) String> tables) {
        this.tables = tables;
    }

    public List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> getDatacenters() {
        return datacenters;
    }

    public void setDatacenters(List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(max = 63) String> datacenters) {
        this.datacenters = datacenters;
    }

    public Double getIntensity() {
        return intensity;
    }

    public void setIntensity(Double intensity) {
        this.intensity = intensity;
    }

    public Parallelism getParallelism() {
        return parallelism;
    }

    public void setParallelism(Parallelism parallelism) {
        this.parallelism = parallelism;
    }

    public Integer getSegmentsPerNode() {
        return segmentsPerNode;
    }

    public void setSegmentsPerNode(Integer segmentsPerNode) {
        this.segmentsPerNode = segmentsPerNode;
    }

    public String getMinSegmentSize() {
        return minSegmentSize;
    }

    public void setMinSegmentSize(String minSegmentSize) {
        this.minSegmentSize = minSegmentSize;
    }

    public Boolean getIncremental() {
        return incremental;
    }

    public void setIncremental(Boolean incremental) {
        this.incremental = incremental;
    }

    public Boolean getSuspend() {
        return suspend;
    }

    public void setSuspend(Boolean suspend) {
        this.suspend = suspend;
    }

    public Integer getMaxPendingCompactions() {
        return maxPendingCompactions;
    }

    public void setMaxPendingCompactions(Integer maxPendingCompactions) {
        this.maxPendingCompactions = maxPendingCompactions;
    }

    public Integer getSegmentTimeoutSeconds() {
        return segmentTimeoutSeconds;
    }

    public void setSegmentTimeoutSeconds(Integer segmentTimeoutSeconds) {
        this.segmentTimeoutSeconds = segmentTimeoutSeconds;
    }
}
