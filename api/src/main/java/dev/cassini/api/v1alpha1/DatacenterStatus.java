package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;

/**
 * Readiness of one datacenter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatacenterStatus {
    private String name;

    private Integer readyNodes;

    private Integer desiredNodes;

    private List<RackStatus> racks;

    @JsonPropertyDescription("Replicated and Rebuilt, for a datacenter that joined a running cluster: Rebuilt=True"
            + " says it holds its data and clients may switch to it.")
    private List<Condition> conditions;

    @JsonPropertyDescription("Each node's rebuild while the datacenter joins.")
    private List<RebuildStatus> rebuilds;

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public List<RebuildStatus> getRebuilds() {
        return rebuilds;
    }

    public void setRebuilds(List<RebuildStatus> rebuilds) {
        this.rebuilds = rebuilds;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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

    public List<RackStatus> getRacks() {
        return racks;
    }

    public void setRacks(List<RackStatus> racks) {
        this.racks = racks;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DatacenterStatus that)) {
            return false;
        }
        return Objects.equals(name, that.name)
                && Objects.equals(readyNodes, that.readyNodes)
                && Objects.equals(desiredNodes, that.desiredNodes)
                && Objects.equals(racks, that.racks)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(rebuilds, that.rebuilds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, readyNodes, desiredNodes, racks, conditions, rebuilds);
    }

    @Override
    public String toString() {
        return "DatacenterStatus{"
                + "name=" + name
                + ", readyNodes=" + readyNodes
                + ", desiredNodes=" + desiredNodes
                + ", racks=" + racks
                + ", conditions=" + conditions
                + ", rebuilds=" + rebuilds
                + "}";
    }
}
