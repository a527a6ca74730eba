package dev.cassini.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps applying the desired StatefulSets from ever shrinking one. Removing a node must go through
 * decommission (its ranges streamed to the others first); shrinking the StatefulSet directly would
 * delete the pod and lose its replicas. So the replicas applied are never below the current ones;
 * the planner shrinks a StatefulSet by one only after its top node has left the ring.
 */
public final class ScaleDownGuard {
    private ScaleDownGuard() {}

    /**
     * @param desired replicas per StatefulSet name from the spec
     * @param current replicas per StatefulSet name as they exist now (absent: not created yet)
     * @return replicas to apply per StatefulSet
     */
    public static Map<String, Integer> replicas(Map<String, Integer> desired, Map<String, Integer> current) {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        desired.forEach((name, want) -> replicas.put(name, Math.max(want, current.getOrDefault(name, 0))));
        return replicas;
    }
}
