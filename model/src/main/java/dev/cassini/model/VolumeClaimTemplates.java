package dev.cassini.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes refuses every change to an existing StatefulSet's volumeClaimTemplates. Applying a
 * StatefulSet whose storage changed would fail on every reconcile and block everything else (a
 * restart, a scale-up, a config change all go through the same StatefulSet), so the desired
 * StatefulSet keeps the templates it exists with. A bigger size reaches the template by {@link
 * dev.cassini.model.plan.VolumeExpansionPlan} (claims grown, StatefulSet re-created); a different
 * StorageClass cannot be had on the same volumes at all, and is reported.
 */
public final class VolumeClaimTemplates {
    private VolumeClaimTemplates() {}

    /**
     * Puts {@code existing}'s templates into {@code desired}.
     *
     * @return the StorageClass change the spec asks for that the existing templates cannot give, if any
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
                        + ", but a volume cannot move to another StorageClass. Its nodes keep their volumes as they are and every "
                        + "other change still applies. To move to the new class, add a datacenter with it and remove this one");
    }

    private static List<String> differences(PersistentVolumeClaim wanted, PersistentVolumeClaim current) {
        List<String> differences = new ArrayList<>();
        String wantedClass = wanted.getSpec().getStorageClassName();
        if (wantedClass != null
                && !Objects.equals(wantedClass, current.getSpec().getStorageClassName())) {
            differences.add("StorageClass " + wantedClass + " (they have "
                    + Optional.ofNullable(current.getSpec().getStorageClassName())
                            .orElse("the default class") + ")");
        }
        return differences;
    }
}
