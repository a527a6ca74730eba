package dev.cassini.model.plan;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;

/**
 * A rack's StatefulSet as its volumes concern: the volume claim template it exists with.
 *
 * @param statefulSet the StatefulSet's name
 * @param rack the rack it runs
 * @param templateSize the size its volume claim template asks for; null while the StatefulSet does not exist
 * @param templateClass the StorageClass its template names (null: the default class)
 * @param terminating it is being deleted (re-created for a new template, or the cluster is going)
 * @param uid the StatefulSet's uid, the one a re-creation may delete (a newer one of the same name is
 *     left alone); null while it does not exist
 * @param unadoptedPods the rack's running pods this StatefulSet does not (yet) control: after a
 *     re-creation, until Kubernetes' StatefulSet controller adopts them
 */
public record RackVolumes(
        String statefulSet,
        String rack,
        Quantity templateSize,
        String templateClass,
        boolean terminating,
        String uid,
        List<String> unadoptedPods) {
    public RackVolumes {
        unadoptedPods = List.copyOf(unadoptedPods);
    }

    /** A StatefulSet that does not exist. */
    public static RackVolumes absent(String statefulSet, String rack) {
        return new RackVolumes(statefulSet, rack, null, null, false, null, List.of());
    }

    public boolean exists() {
        return templateSize != null;
    }
}
