package dev.cassini.model.security;

import dev.cassini.model.DesiredResources;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which encryption step the pod templates carry, so that spec.tls reaches a running cluster one
 * rolling restart at a time and no two nodes ever run steps that cannot talk to each other.
 *
 * <p>Nodes one step apart always can: internode goes off, accept (takes TLS, sends plaintext),
 * optional (sends TLS, still takes plaintext), required; clients off, optional, required, and a
 * client that speaks either finds every node taking it. So the templates move one step, and the
 * next only once every pod of every rack runs the current step and the cluster is Ready. A new
 * cluster, or one whose nodes are all stopped, starts at the target at once: its nodes start
 * together and run one step.
 *
 * <p>Stateless: the step in force is read back from the StatefulSets, so an operator restarted at
 * any point picks up where it was.
 */
public final class EncryptionRollout {
    private EncryptionRollout() {}

    /**
     * One rack's StatefulSet as it stands.
     *
     * @param encryption the step its template carries
     * @param settled the StatefulSet controller has seen its latest template and every replica runs
     *     it and is ready
     * @param replicas its replicas now
     */
    public record Rack(NodeEncryption encryption, boolean settled, int replicas) {
        public Rack {
            Objects.requireNonNull(encryption, "encryption");
        }
    }

    /** A rack as its StatefulSet, read from the API server, stands. */
    public static Rack rack(io.fabric8.kubernetes.api.model.apps.StatefulSet set) {
        var spec = set.getSpec();
        var containers =
                spec == null || spec.getTemplate() == null || spec.getTemplate().getSpec() == null
                        ? List.<io.fabric8.kubernetes.api.model.Container>of()
                        : spec.getTemplate().getSpec().getContainers();
        NodeEncryption encryption = containers.stream()
                .filter(c -> DesiredResources.CASSANDRA_CONTAINER.equals(c.getName()))
                .findFirst()
                .map(c -> NodeEncryption.fromEnv(c.getEnv()))
                .orElse(NodeEncryption.OFF);
        int replicas = spec == null ? 0 : count(spec.getReplicas());
        var status = set.getStatus();
        boolean settled = status != null
                && status.getObservedGeneration() != null
                && set.getMetadata().getGeneration() != null
                && status.getObservedGeneration() >= set.getMetadata().getGeneration()
                && count(status.getUpdatedReplicas()) == replicas
                && count(status.getReadyReplicas()) == replicas;
        return new Rack(encryption, settled, replicas);
    }

    private static int count(Integer replicas) {
        return replicas == null ? 0 : replicas;
    }

    /**
     * The step to put into every rack's template.
     *
     * @param target what spec.tls asks for
     * @param racks the cluster's existing StatefulSets (a rack not created yet is not one)
     * @param clusterReady the last status said Ready: every node up and normal, seen by every other
     */
    public static NodeEncryption next(NodeEncryption target, List<Rack> racks, boolean clusterReady) {
        if (racks.isEmpty() || racks.stream().allMatch(r -> r.replicas() == 0)) {
            return target;
        }
        // Racks one step apart (a previous apply stopped halfway): the one nearest the target is where
        // the others go, which both sides of that step can talk to.
        NodeEncryption current = racks.stream()
                .map(Rack::encryption)
                .min(Comparator.comparingInt(e -> distance(e, target)))
                .orElseThrow();
        boolean allAtCurrent = racks.stream().allMatch(r -> r.encryption().equals(current));
        if (!allAtCurrent || current.equals(target)) {
            return current;
        }
        if (clusterReady && racks.stream().allMatch(Rack::settled)) {
            return current.stepToward(target);
        }
        return current;
    }

    /** Steps left on both ladders together, so a rack ahead on either counts as nearer. */
    private static int distance(NodeEncryption from, NodeEncryption to) {
        return Math.abs(from.client().ordinal() - to.client().ordinal())
                + Math.abs(from.internode().ordinal() - to.internode().ordinal());
    }

    /**
     * What a status condition says: where the templates are and what is left, or that they are there.
     */
    public static String describe(NodeEncryption step, NodeEncryption target) {
        if (step.equals(target)) {
            return "nodes run " + target;
        }
        int left = step.stepsTo(target);
        return "on the way to " + target + ": nodes move to " + step + "; " + left + " more rolling restart"
                + (left == 1 ? "" : "s") + " after this one";
    }
}
