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

    @JsonPropertyDescription("How the operator calls this datacenter's node agents (cassini node), which it does"
            + " while the datacenter leaves: https for agents started with --api-tls and a certificate that this"
            + " cluster's agent CA signed (cassini agent-cert issues one); http (the default) for agents without TLS"
            + " files.")
    @ValidationRule(
            value = "self in ['http', 'https']",
            message = "externalDatacenters[].agentApi must be https (agents started with --api-tls) or http")
    private String agentApi;

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

    public String getAgentApi() {
        return agentApi;
    }

    public void setAgentApi(String agentApi) {
        this.agentApi = agentApi;
    }

    /** True when its agents serve mutual TLS with certificates from this cluster's agent CA. */
    public boolean agentApiIsHttps() {
        return "https".equals(agentApi);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ExternalDatacenterSpec that)) {
            return false;
        }
        return leaving == that.leaving && Objects.equals(name, that.name) && Objects.equals(agentApi, that.agentApi);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, leaving, agentApi);
    }

    @Override
    public String toString() {
        return "ExternalDatacenterSpec{name=" + name + ", leaving=" + leaving + ", agentApi=" + agentApi + "}";
    }
}
