package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Optional;

/**
 * Objects are named {@code <cluster>-<dc>-<rack>}, so two clusters in one namespace can ask for the
 * same name (cluster {@code a-b} with datacenter {@code c}, cluster {@code a} with datacenter
 * {@code b-c}). Applying would then take over the other cluster's StatefulSet and restart its nodes
 * as ours. An object that exists and is controlled by another owner is never touched.
 */
final class NameClash {
    private NameClash() {}

    /** The refusal when an existing object of a desired name is controlled by an owner other than {@code ownerUid}. */
    static Optional<String> find(List<HasMetadata> existing, String ownerUid) {
        for (HasMetadata object : existing) {
            List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
            if (owners == null) {
                continue;
            }
            for (OwnerReference owner : owners) {
                if (Boolean.TRUE.equals(owner.getController())
                        && !owner.getUid().equals(ownerUid)) {
                    return Optional.of(
                            object.getKind() + " " + object.getMetadata().getName() + " already belongs to "
                                    + owner.getKind()
                                    + " " + owner.getName()
                                    + ", and this cluster's objects would take the same names (they are "
                                    + "<cluster>-<datacenter>-<rack>). Nothing was changed; rename this cluster or its datacenters");
                }
            }
        }
        return Optional.empty();
    }
}
