package dev.cassini.model.plan;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * A rack's StatefulSet as its volumes concern: the volume claim template it exists with.
 *
 * @param statefulSet the StatefulSet's name
 * @param rack the rack it runs
 * @param templateSize the size its volume claim template asks for; null while the StatefulSet does not exist
 * @param templateClass the StorageClass its template names (null: the default class)
 * @param terminating it is being deleted (re-created for a new template, or the cluster is going)
 */
public record RackVolumes(
        String statefulSet, String rack, Quantity templateSize, String templateClass, boolean terminating) {
    public boolean exists() {
        return templateSize != null;
    }
}
