package dev.cassini.model.plan;

import dev.cassini.model.ClusterNames;
import dev.cassini.model.NodeSlot;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the operator reads from a cluster's pods. Pure. */
public final class PodObservation {
    private PodObservation() {}

    /** A pod's address while it runs and is not being deleted: the only address an agent is called on. */
    public static Optional<String> address(Pod pod) {
        boolean running = pod != null
                && pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase());
        return running ? Optional.ofNullable(pod.getStatus().getPodIP()) : Optional.empty();
    }

    /** The StatefulSet a pod named {@code <statefulSet>-<ordinal>} belongs to; empty for a name without an ordinal. */
    public static String statefulSetOf(String pod) {
        int dash = pod.lastIndexOf('-');
        return dash < 0 ? "" : pod.substring(0, dash);
    }

    /** The pod was made from an older template than its StatefulSet's latest (OnDelete waits for us to restart it). */
    public static boolean outdated(Pod pod, String updateRevision) {
        if (pod == null || updateRevision == null || pod.getMetadata().getLabels() == null) {
            return false;
        }
        String revision = pod.getMetadata().getLabels().get("controller-revision-hash");
        return revision != null && !revision.equals(updateRevision);
    }

    /**
     * Cassandra pods of this cluster beyond the desired layout (the spec's size went down): their
     * place is read from their labels and their StatefulSet ordinal.
     */
    public static List<NodeSlot> surplusSlots(Map<String, Pod> pods, List<NodeSlot> desired) {
        Set<String> wanted = new HashSet<>();
        desired.forEach(slot -> wanted.add(slot.pod()));
        List<NodeSlot> surplus = new ArrayList<>();
        for (Pod pod : pods.values()) {
            String name = pod.getMetadata().getName();
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (wanted.contains(name) || labels == null || !labels.containsKey(ClusterNames.LABEL_RACK)) {
                continue;
            }
            int ordinal = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
            surplus.add(new NodeSlot(
                    labels.get(ClusterNames.LABEL_DATACENTER), labels.get(ClusterNames.LABEL_RACK), ordinal, name, -1));
        }
        surplus.sort(Comparator.comparing(NodeSlot::pod));
        return surplus;
    }
}
