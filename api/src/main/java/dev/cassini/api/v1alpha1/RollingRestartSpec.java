package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/**
 * How a rolling restart (a new configuration, version or {@code cassini.dev/restartedAt}) goes through
 * a datacenter: racks one at a time, and within a rack as many nodes at once as is safe and allowed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RollingRestartSpec {
    @JsonPropertyDescription("How many of this datacenter's nodes a rolling restart may take down at once, 1 to"
            + " 100. Never more than one rack's, and more than one only while every keyspace keeps each replica"
            + " of a range in a different rack (NetworkTopologyStrategy, replicas here at most the racks); else"
            + " one at a time. Unset: a whole rack at once when that holds. 1: always one node at a time.")
    @Min(1)
    @Max(100)
    private Integer maxUnavailable;

    public Integer getMaxUnavailable() {
        return maxUnavailable;
    }

    public void setMaxUnavailable(Integer maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RollingRestartSpec that && Objects.equals(maxUnavailable, that.maxUnavailable);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(maxUnavailable);
    }

    @Override
    public String toString() {
        return "RollingRestartSpec{maxUnavailable=" + maxUnavailable + "}";
    }
}
