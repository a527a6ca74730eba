package dev.cassini.model.plan;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Optional;

/**
 * A datacenter's data volumes: what the spec asks for, what its StatefulSets and claims have, and
 * whether the claims' StorageClass lets them grow.
 *
 * @param datacenter the datacenter's name
 * @param wanted the size the spec asks for
 * @param wantedClass the StorageClass the spec names (null: the default class)
 * @param racks each rack's StatefulSet
 * @param claims the volume claims of the datacenter's nodes
 * @param expansionAllowed whether the claims' StorageClass has {@code allowVolumeExpansion: true};
 *     empty when the class does not exist or the claims name none
 */
public record DatacenterStorage(
        String datacenter,
        Quantity wanted,
        String wantedClass,
        List<RackVolumes> racks,
        List<VolumeClaimObservation> claims,
        Optional<Boolean> expansionAllowed) {
    public DatacenterStorage {
        racks = List.copyOf(racks);
        claims = List.copyOf(claims);
    }

    /** The StorageClass the claims were made with (all claims of a datacenter share it). */
    public Optional<String> claimClass() {
        return classOf(claims);
    }

    /** The StorageClass these claims name, the first that names one. */
    static Optional<String> classOf(List<VolumeClaimObservation> claims) {
        return claims.stream()
                .map(VolumeClaimObservation::storageClass)
                .filter(c -> c != null && !c.isEmpty())
                .findFirst();
    }

    /** Claims whose request is below the spec's size. */
    public List<VolumeClaimObservation> claimsToGrow() {
        return claims.stream().filter(c -> c.asksForLessThan(wanted)).toList();
    }

    /** Racks whose StatefulSet exists with a template below the spec's size. */
    public List<RackVolumes> templatesToGrow() {
        return racks.stream()
                .filter(r -> r.exists() && Sizes.less(r.templateSize(), wanted))
                .toList();
    }
}
