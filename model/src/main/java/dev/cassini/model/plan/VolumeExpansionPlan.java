package dev.cassini.model.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Grows a datacenter's volumes when its {@code storage.size} grows, the way Kubernetes allows:
 *
 * <ol>
 *   <li>every claim of the datacenter asks for the new size at once (growing a volume online does
 *       not touch the node using it, so there is nothing to do one node at a time);
 *   <li>wait until each claim has the new capacity: the storage driver grows the volume, then the
 *       kubelet grows the filesystem under the running pod, and Cassandra sees the space at once
 *       (it asks the filesystem for free space before each flush and compaction);
 *   <li>a StatefulSet's volume claim templates cannot change, so each rack's StatefulSet is deleted
 *       with its pods orphaned, and the next reconcile creates it again with the new template; it
 *       adopts the running pods, and nothing restarts. The next rack waits until it has. Nodes
 *       added later get the new size.
 * </ol>
 *
 * A class that does not allow expansion, or that does not exist, refuses the change (see {@link
 * #problems}) and the rest of the plan goes on with the volumes as they are. A claim whose resize
 * failed is reported and not waited for.
 */
public final class VolumeExpansionPlan {
    public static final String REFUSED = "StorageExpansionRefused";
    public static final String FAILED = "StorageExpansionFailed";

    private VolumeExpansionPlan() {}

    /** What is wrong with growing the volumes, to report in status; the plan goes on without it. */
    public record Problem(String reason, String message) {}

    /** The next expansion step, if any datacenter's volumes are to grow and can. */
    public static Optional<Action> next(ObservedCluster cluster) {
        for (DatacenterStorage dc : cluster.storage()) {
            Optional<Action> step = next(dc, cluster.surplus());
            if (step.isPresent()) {
                return step;
            }
        }
        return Optional.empty();
    }

    private static Optional<Action> next(DatacenterStorage dc, List<ObservedNode> surplus) {
        List<VolumeClaimObservation> toGrow = dc.claimsToGrow();
        if (!toGrow.isEmpty()) {
            if (!dc.expansionAllowed().orElse(false)) {
                return Optional.empty(); // refused: see problems()
            }
            return Optional.of(new Action.ExpandVolumes(
                    toGrow.stream().map(VolumeClaimObservation::name).toList(),
                    dc.wanted().toString(),
                    "growing the volumes of datacenter " + dc.datacenter() + " to " + dc.wanted() + ": " + toGrow.size()
                            + " claim(s) asked for the new size"));
        }
        // An unbound claim (a new node's, no capacity yet) is provisioned at what it asks, the new
        // size: nothing to wait for here, and no expansion to announce on a new cluster.
        List<VolumeClaimObservation> growing = dc.claims().stream()
                .filter(c -> c.resize() != VolumeResize.FAILED && c.capacity() != null && c.hasLessThan(dc.wanted()))
                .toList();
        if (!growing.isEmpty()) {
            return Optional.of(new Action.Wait("growing the volumes of datacenter " + dc.datacenter() + " to "
                    + dc.wanted() + " (" + (dc.claims().size() - growing.size()) + " of "
                    + dc.claims().size()
                    + " done): "
                    + growing.stream().map(VolumeExpansionPlan::progress).collect(Collectors.joining(", "))));
        }
        boolean anyFailed = dc.claims().stream().anyMatch(c -> c.resize() == VolumeResize.FAILED);
        if (anyFailed) {
            return Optional.empty(); // reported in problems(); the templates wait until every claim grew
        }
        Optional<RackVolumes> terminating =
                dc.racks().stream().filter(RackVolumes::terminating).findFirst();
        if (terminating.isPresent()) {
            return Optional.of(new Action.Wait(
                    "re-creating StatefulSet " + terminating.get().statefulSet() + " with " + dc.wanted()
                            + " volume templates: waiting for the old one to be gone (its pods keep running)"));
        }
        // Until the StatefulSet controls its pods, deleting one of them would not bring it back, and
        // the next rack waits: one re-creation settles before the next begins.
        Optional<RackVolumes> adopting = dc.racks().stream()
                .filter(r -> r.exists() && !r.unadoptedPods().isEmpty())
                .findFirst();
        if (adopting.isPresent()) {
            return Optional.of(new Action.Wait("StatefulSet " + adopting.get().statefulSet()
                    + " is adopting its running pods "
                    + String.join(", ", adopting.get().unadoptedPods())
                    + " (nothing restarts)"));
        }
        for (RackVolumes rack : dc.templatesToGrow()) {
            boolean scalingDown = surplus.stream()
                    .anyMatch(n -> n.slot().datacenter().equals(dc.datacenter())
                            && n.slot().rack().equals(rack.rack()));
            // A class change is refused elsewhere; re-creating would put it into the new template.
            boolean sameClass = dc.wantedClass() == null || Objects.equals(dc.wantedClass(), rack.templateClass());
            if (!scalingDown && sameClass) {
                return Optional.of(
                        new Action.RecreateStatefulSet(
                                rack.statefulSet(),
                                rack.uid(),
                                "every volume of datacenter " + dc.datacenter() + " has " + dc.wanted()
                                        + "; re-creating StatefulSet " + rack.statefulSet()
                                        + " for its new volume template (its pods are orphaned and adopted again, nothing restarts)"));
            }
        }
        return Optional.empty();
    }

    private static String progress(VolumeClaimObservation claim) {
        return claim.name() + " ("
                + switch (claim.resize()) {
                    case CONTROLLER_RESIZING -> "the storage driver is growing the volume";
                    case NODE_RESIZE_PENDING -> "the volume grew; waiting for the kubelet to grow the filesystem";
                    default -> "has " + claim.capacityText() + ", waiting for the resize to start";
                }
                + ")";
    }

    /** Growth the spec asks for that cannot be done, and resizes that failed, one message per datacenter. */
    public static List<Problem> problems(ObservedCluster cluster) {
        List<Problem> problems = new ArrayList<>();
        for (DatacenterStorage dc : cluster.storage()) {
            List<VolumeClaimObservation> toGrow = dc.claimsToGrow();
            if (!toGrow.isEmpty() && !dc.expansionAllowed().orElse(false)) {
                problems.add(new Problem(REFUSED, refusal(dc, toGrow)));
            }
            List<VolumeClaimObservation> failed = dc.claims().stream()
                    .filter(c -> c.resize() == VolumeResize.FAILED && c.hasLessThan(dc.wanted()))
                    .toList();
            if (!failed.isEmpty()) {
                problems.add(new Problem(
                        FAILED,
                        "growing the volumes of datacenter " + dc.datacenter() + " to " + dc.wanted()
                                + " failed for "
                                + failed.stream()
                                        .map(c -> c.name() + " (" + c.problem() + ")")
                                        .collect(Collectors.joining(", "))
                                + ". The nodes keep running on their volumes as they are. Fix the cause the storage driver names "
                                + "(kubectl describe pvc shows its events); Kubernetes retries the resize on its own"));
            }
        }
        return problems;
    }

    private static String refusal(DatacenterStorage dc, List<VolumeClaimObservation> toGrow) {
        String have =
                toGrow.stream().map(c -> c.requested().toString()).distinct().collect(Collectors.joining(" or "));
        String start = "datacenter " + dc.datacenter() + " asks for " + dc.wanted() + " volumes (they have " + have
                + "), but ";
        String keep = ". Its nodes keep their volumes as they are and every other change still applies.";
        Optional<String> storageClass = dc.claimClass();
        if (storageClass.isEmpty()) {
            return start + "its volume claims name no StorageClass, so Kubernetes cannot grow them" + keep
                    + " To get bigger volumes, add a datacenter with the new storage and remove this one";
        }
        if (dc.expansionAllowed().isEmpty()) {
            return start + "StorageClass " + storageClass.get() + " of its volume claims does not exist, so "
                    + "Kubernetes cannot grow them" + keep + " Create StorageClass " + storageClass.get()
                    + " with allowVolumeExpansion: true for its provisioner, and the volumes grow on the next reconcile";
        }
        return start + "StorageClass " + storageClass.get() + " does not allow volume expansion" + keep
                + " If its storage driver can grow volumes, allow it (kubectl patch storageclass " + storageClass.get()
                + " -p '{\"allowVolumeExpansion\": true}') and the volumes grow on the next reconcile; "
                + "otherwise add a datacenter with the new storage and remove this one";
    }
}
