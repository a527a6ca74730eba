package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * Authentication and authorization: on by default, with a generated superuser.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthSpec {
    @JsonPropertyDescription("PasswordAuthenticator and CassandraAuthorizer; true by default.")
    @Default("true")
    private Boolean enabled;

    /** Name of a Secret in the cluster's namespace with {@code username} and {@code password} keys. */
    @JsonPropertyDescription("Secret with username and password keys for the superuser; generated when unset.")
    @Size(max = 253)
    private String superuserSecretRef;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getSuperuserSecretRef() {
        return superuserSecretRef;
    }

    public void setSuperuserSecretRef(String superuserSecretRef) {
        this.superuserSecretRef = superuserSecretRef;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AuthSpec that)) {
            return false;
        }
        return Objects.equals(enabled, that.enabled) && Objects.equals(superuserSecretRef, that.superuserSecretRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, superuserSecretRef);
    }

    @Override
    public String toString() {
        return "AuthSpec{" + "enabled=" + enabled + ", superuserSecretRef=" + superuserSecretRef + "}";
    }
}
