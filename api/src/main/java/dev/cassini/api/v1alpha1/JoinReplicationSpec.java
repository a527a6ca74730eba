package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.Objects;

/**
 * The replicas application keyspaces get in a joining datacenter. The operator only ever adds the
 * datacenter to a keyspace's replication; every other datacenter keeps its entry.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JoinReplicationSpec {
    @JsonProperty("default")
    @JsonPropertyDescription("Replicas in this datacenter for every application keyspace that keyspaces does"
            + " not name, 1 to 10; application keyspaces not named stay out of the datacenter when unset.")
    @Min(1)
    @Max(10)
    private Integer defaultFactor;

    @JsonPropertyDescription("Replicas in this datacenter by keyspace name, 0 to 10 (0 keeps the keyspace out).")
    @Size(max = 256)
    @ValidationRule(
            value = "self.all(k, k.matches('^[A-Za-z0-9_]{1,48}$') && !k.startsWith('system'))",
            message = "join.replication.keyspaces keys must be keyspace names (letters, digits, '_') other than"
                    + " Cassandra's own system keyspaces, whose replication the operator sets itself")
    @ValidationRule(
            value = "self.all(k, self[k] >= 0 && self[k] <= 10)",
            message = "join.replication.keyspaces values must be from 0 to 10 replicas")
    private Map<String, Integer> keyspaces;

    public Integer getDefaultFactor() {
        return defaultFactor;
    }

    public void setDefaultFactor(Integer defaultFactor) {
        this.defaultFactor = defaultFactor;
    }

    public Map<String, Integer> getKeyspaces() {
        return keyspaces;
    }

    public void setKeyspaces(Map<String, Integer> keyspaces) {
        this.keyspaces = keyspaces;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinReplicationSpec that
                && Objects.equals(defaultFactor, that.defaultFactor)
                && Objects.equals(keyspaces, that.keyspaces);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaultFactor, keyspaces);
    }

    @Override
    public String toString() {
        return "JoinReplicationSpec{default=" + defaultFactor + ", keyspaces=" + keyspaces + "}";
    }
}
