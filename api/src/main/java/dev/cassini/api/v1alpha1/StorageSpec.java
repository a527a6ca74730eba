package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.cassini.contract.NodeDefaults;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * The persistent volume of each node of a datacenter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {
    /** {@link NodeDefaults#STORAGE_SIZE}: what the API server fills in when a datacenter names no size. */
    public static final String DEFAULT_SIZE = NodeDefaults.STORAGE_SIZE;

    @JsonPropertyDescription("StorageClass of the volumes; the cluster default when unset.")
    @Size(max = 253)
    private String storageClassName;

    @JsonPropertyDescription("Volume size, a Kubernetes quantity such as 10Gi; can grow, cannot shrink.")
    @Default(StorageSpec.DEFAULT_SIZE)
    @Size(max = 32)
    @ValidationRule(
            value = "isQuantity(self) && quantity(self).isGreaterThan(quantity('0'))",
            message = "storage.size must be a positive Kubernetes quantity such as 10Gi or 500Mi")
    private String size;

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StorageSpec that)) {
            return false;
        }
        return Objects.equals(storageClassName, that.storageClassName) && Objects.equals(size, that.size);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storageClassName, size);
    }

    @Override
    public String toString() {
        return "StorageSpec{" + "storageClassName=" + storageClassName + ", size=" + size + "}";
    }
}
