package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operator last applied to each object it owns, so that a reconcile which would apply
 * the same thing again to an object nobody changed since skips the write: a Ready cluster then
 * costs the API server no write at all. An object is applied when:
 *
 * <ul>
 *   <li>the desired object differs from the last one applied;
 *   <li>it is missing, or someone else changed it since: its generation moved (a change of the
 *       spec) or its labels, annotations or owners did; for a kind without a generation, its
 *       resourceVersion moved.
 * </ul>
 *
 * The cluster reconciler watches these objects, so a change by someone else reconciles at once and
 * is compared with the watch's fresh copy; nothing needs re-applying on a timer.
 *
 * <p>Held in memory only: a restarted operator applies everything once.
 */
final class AppliedObjects {
    /** The desired object as JSON (a few KiB per object), and its version after the apply. */
    private record Applied(String desired, String version) {}

    private final Map<String, Applied> applied = new ConcurrentHashMap<>();

    /**
     * Whether {@code desired} must be applied now.
     *
     * @param existing the object as it is now; null when it does not exist
     */
    boolean needsApply(HasMetadata desired, HasMetadata existing) {
        Applied last = applied.get(key(desired));
        return existing == null
                || last == null
                || !last.desired().equals(Serialization.asJson(desired))
                || !last.version().equals(version(existing));
    }

    /** Remembers an apply that succeeded: what was asked, and the object the API server returned. */
    void applied(HasMetadata desired, HasMetadata result) {
        applied.put(key(desired), new Applied(Serialization.asJson(desired), version(result)));
    }

    /** Forgets an object, e.g. when an apply failed: the next reconcile applies it. */
    void forget(HasMetadata desired) {
        applied.remove(key(desired));
    }

    static String key(HasMetadata object) {
        return object.getApiVersion() + "/" + object.getKind() + "/"
                + object.getMetadata().getNamespace() + "/"
                + object.getMetadata().getName();
    }

    /**
     * What moves when anyone changes the object, and not when only its status does: the generation
     * and the metadata the operator sets (labels, annotations, owners), which a generation ignores;
     * for a kind without a generation, the resourceVersion, which moves on any change.
     */
    static String version(HasMetadata object) {
        ObjectMeta metadata = object.getMetadata();
        if (metadata.getGeneration() == null) {
            return "resourceVersion " + metadata.getResourceVersion();
        }
        List<String> owners = metadata.getOwnerReferences() == null
                ? List.of()
                : metadata.getOwnerReferences().stream()
                        .map(OwnerReference::getUid)
                        .toList();
        return "generation " + metadata.getGeneration()
                + " labels " + sorted(metadata.getLabels())
                + " annotations " + sorted(metadata.getAnnotations())
                + " owners " + owners;
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }
}
