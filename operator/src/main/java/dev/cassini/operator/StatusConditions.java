package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/** Builds status conditions the Kubernetes way: lastTransitionTime moves only when the status changes. */
final class StatusConditions {
    /** Kubernetes caps a condition's message; longer ones are cut here, not refused by the API server. */
    private static final int MAX_MESSAGE = 1000;

    private StatusConditions() {}

    /**
     * @param previous the conditions the last status had (null when none)
     * @param generation the spec generation observed, or null for conditions that do not follow it
     */
    static Condition of(
            List<Condition> previous,
            String type,
            boolean value,
            String reason,
            String message,
            Long generation,
            Instant now) {
        String status = value ? "True" : "False";
        String since = now.toString();
        if (previous != null) {
            for (Condition c : previous) {
                if (c.getType().equals(type) && c.getStatus().equals(status) && c.getLastTransitionTime() != null) {
                    since = c.getLastTransitionTime();
                }
            }
        }
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(since)
                .build();
    }
}
