package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * A datacenter of this Cassandra cluster that this resource does not manage: virtual machines, or
 * another Kubernetes cluster. The operator merges its own datacenters into the keyspaces'
 * replication and never takes this one out, unless it is leaving.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalDatacenterSpec {
    @JsonPropertyDescription("The datacenter's name, as its nodes report it (cassandra-rackdc.properties).")
    @Required
    @Size(min = 1, max = 48)
    @ValidationRule(
            value = "self.matches('^[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?$')",
            message = "externalDatacenters[].name must be a datacenter name as Cassandra reports it: letters, digits,"
                    + " '-', '_' and '.', starting and ending with a letter or digit")
    private String name;

    @JsonPropertyDescription("True once its clients have moved: the datacenter leaves the ring (replication first, then"
            + " its nodes decommission).")
    private boolean leaving;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isLeaving() {
        return leaving;
    }

    public void setLeaving(boolean leaving) {
        this.leaving = leaving;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ExternalDatacenterSpec that)) {
            return false;
        }
        return leaving == that.leaving && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, leaving);
    }

    @Override
    public String toString() {
        return "ExternalDatacenterSpec{name=" + name + ", leaving=" + leaving + "}";
    }
}
