package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.Objects;

/**
 * One rack of a datacenter: one StatefulSet, optionally pinned to a zone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RackSpec {
    @JsonPropertyDescription("Rack name: lowercase letters, digits and '-', at most 15 characters.")
    @Required
    @Size(max = 15)
    @ValidationRule(
            value = DatacenterSpec.DNS_LABEL_RULE,
            message =
                    "rack name must consist of lowercase letters, digits and '-' and start and end with a letter or digit, e.g. r1: it becomes part of pod names")
    private String name;

    @JsonPropertyDescription("Zone to run this rack's pods in (value of topology.kubernetes.io/zone).")
    @Size(max = 63)
    private String zone;

    @JsonPropertyDescription("Node labels this rack's pods must run on.")
    @Size(max = 16)
    private Map<String, String> nodeAffinityLabels;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public Map<String, String> getNodeAffinityLabels() {
        return nodeAffinityLabels;
    }

    public void setNodeAffinityLabels(Map<String, String> nodeAffinityLabels) {
        this.nodeAffinityLabels = nodeAffinityLabels;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RackSpec that)) {
            return false;
        }
        return Objects.equals(name, that.name)
                && Objects.equals(zone, that.zone)
                && Objects.equals(nodeAffinityLabels, that.nodeAffinityLabels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, zone, nodeAffinityLabels);
    }

    @Override
    public String toString() {
        return "RackSpec{" + "name=" + name + ", zone=" + zone + ", nodeAffinityLabels=" + nodeAffinityLabels + "}";
    }
}
