package dev.cassini.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A status as a JSON tree, taken before a reconcile changes it in place, so the reconcile can tell
 * whether it has anything to write: a status patch that changes nothing still costs the API server a
 * write and wakes every watcher.
 */
final class StatusSnapshot {
    private final ObjectNode before;

    private StatusSnapshot(ObjectNode before) {
        this.before = before;
    }

    static StatusSnapshot of(Object status) {
        return new StatusSnapshot(Serialization.jsonMapper().valueToTree(status));
    }

    /** Whether {@code status} now differs from the snapshot in any field but the ones named. */
    boolean changed(Object status, String... ignored) {
        ObjectNode then = before.deepCopy();
        ObjectNode now = Serialization.jsonMapper().valueToTree(status);
        for (String field : ignored) {
            then.remove(field);
            now.remove(field);
        }
        return !then.equals(now);
    }
}
