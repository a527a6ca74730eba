package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** Where the cluster's backups go. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupSpec {
    @JsonPropertyDescription("The S3-compatible object store backups are written to and restored from.")
    @Required
    private BackupStorageSpec storage;

    public BackupStorageSpec getStorage() {
        return storage;
    }

    public void setStorage(BackupStorageSpec storage) {
        this.storage = storage;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof BackupSpec that && Objects.equals(storage, that.storage));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(storage);
    }

    @Override
    public String toString() {
        return "BackupSpec{storage=" + storage + "}";
    }
}
