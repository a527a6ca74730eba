package dev.cassini.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes refuses every change to an existing StatefulSet's volumeClaimTemplates. Applying a
 * StatefulSet whose storage changed would fail on every reconcile and block everything else (a
 * restart, a scale-up, a config change all go through the same StatefulSet), so the desired
 * StatefulSet keeps the templates it was created with, and the difference is reported instead.
 */
public final class VolumeClaimTemplates {
    private VolumeClaimTemplates() {}

    /**
     * Puts {@code existing}'s templates into {@code desired}.
     *
     * @return what the spec asks of the volumes that the existing templates do not give, if anything
     */
    public static Optional<String> keepExisting(StatefulSet desired, StatefulSet existing) {
        List<PersistentVolumeClaim> wanted = desired.getSpec().getVolumeClaimTemplates();
        List<PersistentVolumeClaim> have =
                existing.getSpec() == null ? null : existing.getSpec().getVolumeClaimTemplates();
        if (wanted == null || have == null) {
            return Optional.empty();
        }
        List<String> differences = new ArrayList<>();
        for (PersistentVolumeClaim template : wanted) {
            have.stream()
                    .filter(h -> h.getMetadata()
                            .getName()
                            .equals(template.getMetadata().getName()))
                    .findFirst()
                    .ifPresent(current -> differences.addAll(differences(template, current)));
        }
        desired.getSpec()
                .setVolumeClaimTemplates(have.stream()
                        .map(t -> new PersistentVolumeClaimBuilder(t)
                                .withStatus(null)
                                .build())
                        .toList());
        if (differences.isEmpty()) {
            return Optional.empty();
        }
        String datacenter = desired.getMetadata().getLabels() == null
                ? null
                : desired.getMetadata().getLabels().get(ClusterNames.LABEL_DATACENTER);
        return Optional.of(
                "datacenter " + (datacenter == null ? desired.getMetadata().getName() : datacenter) + " asks for "
                        + String.join(" and ", differences)
                        + ", but Kubernetes cannot change the volumes of an existing StatefulSet "
                        + "and Cassini does not resize volumes yet. Its nodes keep their volumes as they are and every other change "
                        + "still applies. To move to other volumes now, add a datacenter with the new storage and remove this one");
    }

    private static List<String> differences(PersistentVolumeClaim wanted, PersistentVolumeClaim current) {
        List<String> differences = new ArrayList<>();
        Quantity wantedSize = size(wanted);
        Quantity currentSize = size(current);
        if (wantedSize != null
                && currentSize != null
                && wantedSize.getNumericalAmount().compareTo(currentSize.getNumericalAmount()) != 0) {
            differences.add(wantedSize + " volumes (they have " + currentSize + ")");
        }
        String wantedClass = wanted.getSpec().getStorageClassName();
        if (wantedClass != null
                && !Objects.equals(wantedClass, current.getSpec().getStorageClassName())) {
            differences.add("StorageClass " + wantedClass + " (they have "
                    + Optional.ofNullable(current.getSpec().getStorageClassName())
                            .orElse("the default class") + ")");
        }
        return differences;
    }

    private static Quantity size(PersistentVolumeClaim claim) {
        var resources = claim.getSpec() == null ? null : claim.getSpec().getResources();
        return resources == null || resources.getRequests() == null
                ? null
                : resources.getRequests().get("storage");
    }
}
