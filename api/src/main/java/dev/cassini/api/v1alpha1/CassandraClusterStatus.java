package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;

/**
 * What the operator observed and did, following Kubernetes conventions: conditions with
 * observedGeneration, plus a summary for printer columns.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraClusterStatus {
    /** The metadata.generation this status describes. */
    private Long observedGeneration;

    private List<Condition> conditions;

    /** A one-word summary, e.g. Creating, Ready, Scaling, Stopped. */
    private String phase;

    /** Ready nodes over desired nodes, e.g. {@code 3/3}. */
    private String ready;

    private Integer readyNodes;

    private Integer desiredNodes;

    private List<DatacenterStatus> datacenters;

    private List<NodeStatus> nodes;

    @JsonPropertyDescription("Nodes beyond the spec that the ring still has (a scale-down, or a datacenter leaving),"
            + " each with its host ID and last address, until its pod is gone: one whose pod no longer runs can still"
            + " be named and removed from the ring.")
    private List<NodeStatus> leavingNodes;

    /** The current planner step, free text. */
    private String step;

    /** True once the ring has formed for the first time. */
    private Boolean initialized;

    @JsonPropertyDescription(
            "Nodes that hold data for ranges a bootstrapped node took over; cleanup runs on each, one at a time.")
    private List<CleanupStatus> pendingCleanup;

    @JsonPropertyDescription(
            "The CassandraRestore the operator created for spec.restoreFrom once the cluster was Ready; created once.")
    private String restore;

    @JsonPropertyDescription("Continuous repair (spec.repair): its next run, why one waits, each table's last repair.")
    private ClusterRepairStatus repair;

    public ClusterRepairStatus getRepair() {
        return repair;
    }

    public void setRepair(ClusterRepairStatus repair) {
        this.repair = repair;
    }

    public String getRestore() {
        return restore;
    }

    public void setRestore(String restore) {
        this.restore = restore;
    }

    public List<CleanupStatus> getPendingCleanup() {
        return pendingCleanup;
    }

    public void setPendingCleanup(List<CleanupStatus> pendingCleanup) {
        this.pendingCleanup = pendingCleanup;
    }

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

    public String getReady() {
        return ready;
    }

    public void setReady(String ready) {
        this.ready = ready;
    }

    public Integer getReadyNodes() {
        return readyNodes;
    }

    public void setReadyNodes(Integer readyNodes) {
        this.readyNodes = readyNodes;
    }

    public Integer getDesiredNodes() {
        return desiredNodes;
    }

    public void setDesiredNodes(Integer desiredNodes) {
        this.desiredNodes = desiredNodes;
    }

    public List<DatacenterStatus> getDatacenters() {
        return datacenters;
    }

    public void setDatacenters(List<DatacenterStatus> datacenters) {
        this.datacenters = datacenters;
    }

    public List<NodeStatus> getNodes() {
        return nodes;
    }

    public void setNodes(List<NodeStatus> nodes) {
        this.nodes = nodes;
    }

    public List<NodeStatus> getLeavingNodes() {
        return leavingNodes;
    }

    public void setLeavingNodes(List<NodeStatus> leavingNodes) {
        this.leavingNodes = leavingNodes;
    }

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }

    public Boolean getInitialized() {
        return initialized;
    }

    public void setInitialized(Boolean initialized) {
        this.initialized = initialized;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CassandraClusterStatus that)) {
            return false;
        }
        return Objects.equals(observedGeneration, that.observedGeneration)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(phase, that.phase)
                && Objects.equals(ready, that.ready)
                && Objects.equals(readyNodes, that.readyNodes)
                && Objects.equals(desiredNodes, that.desiredNodes)
                && Objects.equals(datacenters, that.datacenters)
                && Objects.equals(nodes, that.nodes)
                && Objects.equals(leavingNodes, that.leavingNodes)
                && Objects.equals(step, that.step)
                && Objects.equals(restore, that.restore)
                && Objects.equals(initialized, that.initialized)
                && Objects.equals(pendingCleanup, that.pendingCleanup);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                observedGeneration,
                conditions,
                phase,
                ready,
                readyNodes,
                desiredNodes,
                datacenters,
                nodes,
                leavingNodes,
                step,
                initialized,
                pendingCleanup);
    }

    @Override
    public String toString() {
        return "CassandraClusterStatus{"
                + "observedGeneration=" + observedGeneration
                + ", conditions=" + conditions
                + ", phase=" + phase
                + ", ready=" + ready
                + ", readyNodes=" + readyNodes
                + ", desiredNodes=" + desiredNodes
                + ", datacenters=" + datacenters
                + ", nodes=" + nodes
                + ", leavingNodes=" + leavingNodes
                + ", step=" + step
                + ", initialized=" + initialized
                + ", pendingCleanup=" + pendingCleanup
                + "}";
    }
}
