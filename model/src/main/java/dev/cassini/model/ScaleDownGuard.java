package dev.cassini.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a StatefulSet from shrinking under a running ring. Removing a node must go through
 * decommission (its ranges streamed to the others first); shrinking the StatefulSet directly would
 * delete the pod and lose its replicas. Until the operator decommissions on scale-down, a smaller
 * size is refused: the StatefulSets keep their replicas and status says what to do.
 */
public final class ScaleDownGuard {
    /** Replicas to apply per StatefulSet, and the refusal to report, if any. */
    public record Decision(Map<String, Integer> replicas, Optional<String> refusal) {}

    private ScaleDownGuard() {}

    /**
     * @param desired replicas per StatefulSet name from the spec
     * @param current replicas per StatefulSet name as they exist now (absent: not created yet)
     */
    public static Decision decide(Map<String, Integer> desired, Map<String, Integer> current) {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        StringBuilder shrinking = new StringBuilder();
        desired.forEach((name, want) -> {
            Integer have = current.get(name);
            if (have != null && want < have) {
                replicas.put(name, have);
                shrinking.append(shrinking.length() == 0 ? "" : ", ").append(name).append(" ").append(have).append(" -> ").append(want);
            } else {
                replicas.put(name, want);
            }
        });
        Optional<String> refusal = shrinking.length() == 0 ? Optional.empty() : Optional.of(
                "scale-down refused (" + shrinking + "): removing nodes needs a decommission, which this operator version does not "
                        + "do yet; every node keeps running. Set the datacenter size back to its current value.");
        return new Decision(replicas, refusal);
    }
}
