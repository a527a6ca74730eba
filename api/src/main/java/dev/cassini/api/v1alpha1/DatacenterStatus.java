package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
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
                && Objects.equals(racks, that.racks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, readyNodes, desiredNodes, racks);
    }

    @Override
    public String toString() {
        return "DatacenterStatus{"
                + "name=" + name
                + ", readyNodes=" + readyNodes
                + ", desiredNodes=" + desiredNodes
                + ", racks=" + racks
                + "}";
    }
}
