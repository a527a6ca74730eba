package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Readiness of one rack.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RackStatus {
    private String name;

    private Integer readyNodes;

    private Integer desiredNodes;

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

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RackStatus that)) {
            return false;
        }
        return Objects.equals(name, that.name)
                && Objects.equals(readyNodes, that.readyNodes)
                && Objects.equals(desiredNodes, that.desiredNodes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, readyNodes, desiredNodes);
    }

    @Override
    public String toString() {
        return "RackStatus{" + "name=" + name + ", readyNodes=" + readyNodes + ", desiredNodes=" + desiredNodes + "}";
    }
}
