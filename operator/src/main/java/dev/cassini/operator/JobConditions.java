package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;

/**
 * The conditions of resources that run once, as a Kubernetes Job reports them ({@code Complete}
 * or {@code Failed}), and whether the cluster they run on is Ready for them.
 */
final class JobConditions {
    /** The phases of a backup or restore, and the state of a node's part in one, as status spells them. */
    static final String PENDING = "Pending";

    static final String RUNNING = "Running";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    private JobConditions() {}

    /** Whether a resource in this phase has run its course (null, a phase not reported yet, has not). */
    static boolean finished(String phase) {
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }

    /** A condition that is true now; its message is cut to what kubectl shows in one screen. */
    static Condition condition(String type, String reason, String message) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                .withLastTransitionTime(Instant.now().toString())
                .build();
    }

    static boolean ready(CassandraCluster cluster) {
        return cluster.getStatus() != null
                && cluster.getStatus().getConditions() != null
                && cluster.getStatus().getConditions().stream()
                        .anyMatch(c ->
                                c.getType().equals("Ready") && c.getStatus().equals("True"));
    }
}
