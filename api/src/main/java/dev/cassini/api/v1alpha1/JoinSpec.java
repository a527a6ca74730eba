package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * How a datacenter added to a running cluster gets its data: which datacenter it streams from
 * ({@code nodetool rebuild}), how many of its nodes stream at once, and the replicas the cluster's
 * keyspaces get in it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JoinSpec {
    @JsonPropertyDescription(
            "The datacenter to stream from, another one of spec.datacenters; the first other one when unset.")
    @Size(max = 15)
    private String rebuildFrom;

    @JsonPropertyDescription("How many nodes rebuild at once, 1 to 100; one per rack when unset.")
    @Min(1)
    @Max(100)
    private Integer maxConcurrentRebuilds;

    @JsonPropertyDescription("The replicas the cluster's keyspaces get in this datacenter. Cassandra's own"
            + " distributed keyspaces (system_auth, system_distributed, system_traces) always get min(3, size).")
    private JoinReplicationSpec replication;

    public String getRebuildFrom() {
        return rebuildFrom;
    }

    public void setRebuildFrom(String rebuildFrom) {
        this.rebuildFrom = rebuildFrom;
    }

    public Integer getMaxConcurrentRebuilds() {
        return maxConcurrentRebuilds;
    }

    public void setMaxConcurrentRebuilds(Integer maxConcurrentRebuilds) {
        this.maxConcurrentRebuilds = maxConcurrentRebuilds;
    }

    public JoinReplicationSpec getReplication() {
        return replication;
    }

    public void setReplication(JoinReplicationSpec replication) {
        this.replication = replication;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinSpec that
                && Objects.equals(rebuildFrom, that.rebuildFrom)
                && Objects.equals(maxConcurrentRebuilds, that.maxConcurrentRebuilds)
                && Objects.equals(replication, that.replication);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rebuildFrom, maxConcurrentRebuilds, replication);
    }

    @Override
    public String toString() {
        return "JoinSpec{rebuildFrom=" + rebuildFrom + ", maxConcurrentRebuilds=" + maxConcurrentRebuilds
                + ", replication=" + replication + "}";
    }
}
