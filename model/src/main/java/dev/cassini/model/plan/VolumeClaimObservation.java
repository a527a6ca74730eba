package dev.cassini.model.plan;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Optional;

/**
 * One data volume claim of the cluster as it stands: the size it asks for, the size it has, and
 * where a resize is.
 *
 * @param name the claim's name
 * @param statefulSet the StatefulSet whose template made it (from the claim's name)
 * @param storageClass the claim's StorageClass (null when it has none)
 * @param requested the size in the claim's spec
 * @param capacity the size in its status (null while unbound)
 * @param resize where a resize stands
 * @param problem the API's words when the resize failed, else null
 */
public record VolumeClaimObservation(
        String name,
        String statefulSet,
        String storageClass,
        Quantity requested,
        Quantity capacity,
        VolumeResize resize,
        String problem) {

    private static final String STORAGE = "storage";

    /**
     * Reads a claim made from a StatefulSet's template (named {@code <template>-<statefulSet>-<ordinal>}).
     * Both the older conditions ({@code Resizing}, {@code FileSystemResizePending},
     * {@code ControllerResizeError}, {@code NodeResizeError}) and the newer
     * {@code allocatedResourceStatuses} are understood, as servers differ in which they set.
     */
    public static VolumeClaimObservation of(PersistentVolumeClaim claim, String template) {
        String name = claim.getMetadata().getName();
        String statefulSet = name.startsWith(template + "-") && name.lastIndexOf('-') > template.length()
                ? name.substring(template.length() + 1, name.lastIndexOf('-'))
                : "";
        var spec = claim.getSpec();
        Quantity requested = spec.getResources() == null || spec.getResources().getRequests() == null
                ? null
                : spec.getResources().getRequests().get(STORAGE);
        var status = claim.getStatus();
        Quantity capacity = status == null || status.getCapacity() == null
                ? null
                : status.getCapacity().get(STORAGE);
        List<PersistentVolumeClaimCondition> conditions =
                status == null || status.getConditions() == null ? List.of() : status.getConditions();
        String allocation = status == null || status.getAllocatedResourceStatuses() == null
                ? null
                : status.getAllocatedResourceStatuses().get(STORAGE);
        Optional<PersistentVolumeClaimCondition> error = conditions.stream()
                .filter(c -> "True".equals(c.getStatus())
                        && ("ControllerResizeError".equals(c.getType()) || "NodeResizeError".equals(c.getType())))
                .findFirst();
        VolumeResize resize;
        String problem = null;
        if (allocation != null && allocation.endsWith("Infeasible")) {
            resize = VolumeResize.FAILED;
            problem = error.map(PersistentVolumeClaimCondition::getMessage)
                    .orElse("the storage driver says the new size is infeasible (" + allocation + ")");
        } else if (error.isPresent()) {
            resize = VolumeResize.FAILED;
            problem = error.get().getType() + ": " + error.get().getMessage();
        } else if ("NodeResizePending".equals(allocation)
                || "NodeResizeInProgress".equals(allocation)
                || has(conditions, "FileSystemResizePending")) {
            resize = VolumeResize.NODE_RESIZE_PENDING;
        } else if ("ControllerResizeInProgress".equals(allocation) || has(conditions, "Resizing")) {
            resize = VolumeResize.CONTROLLER_RESIZING;
        } else {
            resize = VolumeResize.NONE;
        }
        return new VolumeClaimObservation(
                name, statefulSet, spec.getStorageClassName(), requested, capacity, resize, problem);
    }

    private static boolean has(List<PersistentVolumeClaimCondition> conditions, String type) {
        return conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The claim asks for less than {@code size}: its request must grow. */
    public boolean asksForLessThan(Quantity size) {
        return requested != null && Sizes.less(requested, size);
    }

    /** The claim has less than {@code size} yet: its resize has not finished. */
    public boolean hasLessThan(Quantity size) {
        return capacity == null || Sizes.less(capacity, size);
    }

    /** The status's capacity, for messages. */
    public String capacityText() {
        return capacity == null ? "no capacity yet" : capacity.toString();
    }
}
