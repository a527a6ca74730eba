package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.cassini.contract.NodeDefaults;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Cassandra datacenter: its nodes spread over racks, each rack one StatefulSet.
 */
@ValidationRule(
        value = DatacenterSpec.JOIN_FACTORS_FIT_RULE,
        message = "join.replication factors must not exceed the datacenter's size: a keyspace cannot have more"
                + " replicas in a datacenter than the datacenter has nodes")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatacenterSpec {
    /** The rack of a datacenter that lists none. */
    public static final String DEFAULT_RACK = "r1";

    /** An object with any fields: the schema of {@link #config}. */
    static final class AnyMapping {
        private AnyMapping() {}
    }

    /** A DNS label, so the name can be part of pod, StatefulSet and Service names. */
    static final String DNS_LABEL_RULE = "self.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')";

    /** 7 digits and a unit: far beyond any heap, and small enough that no bound check overflows. */
    static final int HEAP_MAX_LENGTH = 8;

    /** On the datacenter rather than on join, so the rule can read the datacenter's size. */
    static final String JOIN_FACTORS_FIT_RULE = "!has(self.join) || !has(self.join.replication)"
            + " || ((!has(self.join.replication.default) || self.join.replication.default <= self.size)"
            + " && (!has(self.join.replication.keyspaces)"
            + " || self.join.replication.keyspaces.all(k, self.join.replication.keyspaces[k] <= self.size)))";

    static final String HEAP_FORMAT_RULE = "self.matches('^[0-9]+[MG]$')";
    static final String HEAP_FORMAT_MESSAGE = "heap must be a whole number followed by M or G, e.g. 512M or 2G";
    private static final String HEAP_MEGABYTES =
            "int(self.substring(0, self.size() - 1)) * (self.endsWith('G') ? 1024 : 1)";
    /**
     * The node agent refuses a heap outside these bounds at start, so the API server refuses it first. A value
     * the format rule or the length limit already refuses passes here: one message per mistake, and the
     * number is only parsed when it is short enough to fit.
     */
    static final String HEAP_BOUNDS_RULE = "!" + HEAP_FORMAT_RULE + " || self.size() > " + HEAP_MAX_LENGTH
            + " || (" + HEAP_MEGABYTES + " >= " + NodeDefaults.MIN_HEAP_MEGABYTES
            + " && " + HEAP_MEGABYTES + " <= " + NodeDefaults.MAX_HEAP_MEGABYTES + ")";

    static final String HEAP_BOUNDS_MESSAGE =
            "heap must be from " + NodeDefaults.MIN_HEAP + " to " + NodeDefaults.MAX_HEAP + ", e.g. 512M or 2G";

    @JsonPropertyDescription("Datacenter name: lowercase letters, digits and '-', at most 15 characters.")
    @Required
    @Size(max = 15)
    @ValidationRule(
            value = DatacenterSpec.DNS_LABEL_RULE,
            message =
                    "datacenter name must consist of lowercase letters, digits and '-' and start and end with a letter or digit, e.g. dc1: it becomes part of pod names")
    private String name;

    @JsonPropertyDescription("Number of Cassandra nodes in this datacenter, 1 to 100.")
    @Required
    @Min(1)
    @Max(100)
    private int size;

    /** Racks; the operator uses one rack named {@code r1} when empty. */
    @JsonPropertyDescription("Racks, at most 10, names unique; one rack r1 when empty.")
    @Size(max = 10)
    @ValidationRule(
            value = "self.all(r, self.exists_one(e, e.name == r.name))",
            message = "rack names must be unique within a datacenter: rename or remove the duplicate rack")
    private List<RackSpec> racks;

    @JsonPropertyDescription("Persistent volume of each node.")
    @Default("{}")
    private StorageSpec storage;

    @JsonPropertyDescription("CPU and memory of the Cassandra container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription(
            "Java heap from " + NodeDefaults.MIN_HEAP + " to " + NodeDefaults.MAX_HEAP + ", e.g. 512M or 2G.")
    @Size(max = DatacenterSpec.HEAP_MAX_LENGTH)
    @ValidationRule(value = DatacenterSpec.HEAP_FORMAT_RULE, message = DatacenterSpec.HEAP_FORMAT_MESSAGE)
    @ValidationRule(value = DatacenterSpec.HEAP_BOUNDS_RULE, message = DatacenterSpec.HEAP_BOUNDS_MESSAGE)
    private String heap;

    /**
     * cassandra.yaml overrides, any YAML mapping. The schema comes from an empty class because the
     * generator renders {@code Map<String, Object>} values as objects, which would refuse {@code num_tokens: 16}.
     */
    @JsonPropertyDescription("cassandra.yaml settings merged over the rendered file.")
    @SchemaFrom(type = DatacenterSpec.AnyMapping.class)
    @PreserveUnknownFields
    private Map<String, Object> config;

    @JsonPropertyDescription("Extra JVM options, one per item, each starting with '-'.")
    @Size(max = 64)
    @ValidationRule(
            value = "self.all(o, o.startsWith('-'))",
            message = "each of jvmOptions must start with '-', e.g. -XX:+UseG1GC; put one option per item")
    private List<@Size(max = 256) String> jvmOptions;

    @JsonPropertyDescription("How this datacenter gets its data when it is added to a running cluster: it starts"
            + " with tokens of its own and without bootstrap, gets replicas of the keyspaces, then rebuilds from"
            + " another datacenter. Read only while the datacenter joins.")
    private JoinSpec join;

    @JsonPropertyDescription("How rolling restarts go through this datacenter: racks one at a time, and a"
            + " whole rack's nodes at once when every keyspace keeps each replica of a range in a different rack.")
    private RollingRestartSpec rollingRestart;

    public RollingRestartSpec getRollingRestart() {
        return rollingRestart;
    }

    public void setRollingRestart(RollingRestartSpec rollingRestart) {
        this.rollingRestart = rollingRestart;
    }

    public JoinSpec getJoin() {
        return join;
    }

    public void setJoin(JoinSpec join) {
        this.join = join;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public List<RackSpec> getRacks() {
        return racks;
    }

    public void setRacks(List<RackSpec> racks) {
        this.racks = racks;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public String getHeap() {
        return heap;
    }

    public void setHeap(String heap) {
        this.heap = heap;
    }

    public Map<String, Object> getConfig() {
        return config;
    }

    public void setConfig(Map<String, Object> config) {
        this.config = config;
    }

    public List<@Size(max = 256) String> getJvmOptions() {
        return jvmOptions;
    }

    public void setJvmOptions(List<@Size(max = 256) String> jvmOptions) {
        this.jvmOptions = jvmOptions;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DatacenterSpec that)) {
            return false;
        }
        return Objects.equals(name, that.name)
                && size == that.size
                && Objects.equals(racks, that.racks)
                && Objects.equals(storage, that.storage)
                && Objects.equals(resources, that.resources)
                && Objects.equals(heap, that.heap)
                && Objects.equals(config, that.config)
                && Objects.equals(jvmOptions, that.jvmOptions)
                && Objects.equals(join, that.join)
                && Objects.equals(rollingRestart, that.rollingRestart);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, size, racks, storage, resources, heap, config, jvmOptions, join, rollingRestart);
    }

    @Override
    public String toString() {
        return "DatacenterSpec{"
                + "name=" + name
                + ", size=" + size
                + ", racks=" + racks
                + ", storage=" + storage
                + ", resources=" + resources
                + ", heap=" + heap
                + ", config=" + config
                + ", jvmOptions=" + jvmOptions
                + ", join=" + join
                + ", rollingRestart=" + rollingRestart
                + "}";
    }
}
