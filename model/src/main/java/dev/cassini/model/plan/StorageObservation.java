package dev.cassini.model.plan;

import dev.cassini.model.ClusterShape;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns the StatefulSets, volume claims and StorageClasses the operator fetched into each datacenter's {@link DatacenterStorage}. */
public final class StorageObservation {
    private StorageObservation() {}

    /**
     * @param statefulSets the cluster's StatefulSets as they exist
     * @param claims the cluster's volume claims
     * @param pods the cluster's pods, to tell which a re-created StatefulSet has adopted
     * @param expansionOfClass whether a StorageClass allows expansion, empty when it does not exist;
     *     asked only for the class of a datacenter whose claims are to grow, so a cluster at its
     *     size reads no StorageClass
     */
    public static List<DatacenterStorage> of(
            ClusterShape shape,
            List<StatefulSet> statefulSets,
            List<PersistentVolumeClaim> claims,
            Collection<Pod> pods,
            Function<String, Optional<Boolean>> expansionOfClass) {
        String template = shape.names().volumeClaimTemplate();
        List<VolumeClaimObservation> observed = claims.stream()
                .filter(c -> c.getMetadata().getDeletionTimestamp() == null)
                .map(c -> VolumeClaimObservation.of(c, template))
                .toList();
        Map<String, StatefulSet> setsByName = statefulSets.stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s, (a, b) -> a));
        List<DatacenterStorage> datacenters = new ArrayList<>();
        for (ClusterShape.DatacenterShape dc : shape.datacenters()) {
            List<RackVolumes> racks = new ArrayList<>();
            for (var rack : dc.racks()) {
                String name = shape.names().statefulSet(dc.name(), rack.name());
                racks.add(rack(name, rack.name(), template, setsByName.get(name), pods));
            }
            Set<String> names = racks.stream().map(RackVolumes::statefulSet).collect(Collectors.toSet());
            List<VolumeClaimObservation> dcClaims = observed.stream()
                    .filter(c -> names.contains(c.statefulSet()))
                    .toList();
            Quantity wanted = new Quantity(dc.storageSize());
            boolean toGrow = dcClaims.stream().anyMatch(c -> c.asksForLessThan(wanted));
            datacenters.add(new DatacenterStorage(
                    dc.name(),
                    wanted,
                    dc.storageClass(),
                    racks,
                    dcClaims,
                    toGrow ? DatacenterStorage.classOf(dcClaims).flatMap(expansionOfClass) : Optional.empty()));
        }
        return datacenters;
    }

    private static RackVolumes rack(String name, String rack, String template, StatefulSet set, Collection<Pod> pods) {
        if (set == null || set.getSpec() == null || set.getSpec().getVolumeClaimTemplates() == null) {
            return RackVolumes.absent(name, rack);
        }
        var claim = set.getSpec().getVolumeClaimTemplates().stream()
                .filter(t -> template.equals(t.getMetadata().getName()))
                .findFirst();
        Quantity size = claim.map(c -> c.getSpec().getResources())
                .map(r -> r.getRequests() == null ? null : r.getRequests().get("storage"))
                .orElse(null);
        return new RackVolumes(
                name,
                rack,
                size,
                claim.map(c -> c.getSpec().getStorageClassName()).orElse(null),
                set.getMetadata().getDeletionTimestamp() != null,
                set.getMetadata().getUid(),
                unadopted(name, set.getMetadata().getUid(), pods));
    }

    /** The StatefulSet's running pods (named {@code <set>-<ordinal>}) whose controller is not this StatefulSet. */
    private static List<String> unadopted(String statefulSet, String uid, Collection<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> statefulSet.equals(
                        PodObservation.statefulSetOf(p.getMetadata().getName())))
                .filter(p -> p.getMetadata().getOwnerReferences() == null
                        || p.getMetadata().getOwnerReferences().stream()
                                .noneMatch(
                                        r -> Boolean.TRUE.equals(r.getController()) && Objects.equals(uid, r.getUid())))
                .map(p -> p.getMetadata().getName())
                .sorted()
                .toList();
    }
}
