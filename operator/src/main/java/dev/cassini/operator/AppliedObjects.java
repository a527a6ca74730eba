package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operator last applied to each object it owns, so that a reconcile which would apply
 * the same thing again to an object nobody changed since skips the write: a Ready cluster then
 * costs the API server no write per reconcile. Everything else is applied as before:
 *
 * <ul>
 *   <li>a desired object that differs from the last one applied;
 *   <li>an object that is missing, or that someone else changed since (its generation moved, or
 *       for a kind without one, its resourceVersion);
 *   <li>every object once per {@link #RESYNC}, which also puts back a hand edit of an operator's
 *       field that moved neither (a label, an annotation).
 * </ul>
 *
 * Held in memory only: a restarted operator applies everything once.
 */
final class AppliedObjects {
    static final Duration RESYNC = Duration.ofMinutes(10);

    /** The desired object as JSON (a few KiB per object), its version after the apply, and when. */
    private record Applied(String desired, String version, Instant at) {}

    private final Map<String, Applied> applied = new ConcurrentHashMap<>();

    /**
     * Whether {@code desired} must be applied now.
     *
     * @param existing the object as it is now; null when it does not exist
     */
    boolean needsApply(HasMetadata desired, HasMetadata existing, Instant now) {
        Applied last = applied.get(key(desired));
        return existing == null
                || last == null
                || !last.desired().equals(Serialization.asJson(desired))
                || !last.version().equals(version(existing))
                || !now.isBefore(last.at().plus(RESYNC));
    }

    /** Remembers an apply that succeeded: what was asked, and the object the API server returned. */
    void applied(HasMetadata desired, HasMetadata result, Instant now) {
        applied.put(key(desired), new Applied(Serialization.asJson(desired), version(result), now));
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

    /** The generation, which moves on a change of the spec by anyone; else the resourceVersion. */
    static String version(HasMetadata object) {
        Long generation = object.getMetadata().getGeneration();
        return generation != null
                ? "generation " + generation
                : "resourceVersion " + object.getMetadata().getResourceVersion();
    }
}
