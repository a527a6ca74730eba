package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.model.ClusterShape;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageObservationTest {
    private static final ClusterShape SHAPE = TestShapes.oneDatacenter(3);
    private static final String SET = SHAPE.names()
            .statefulSet("dc1", SHAPE.datacenters().get(0).racks().get(0).name());

    private static StatefulSet set(String name, String uid, String size, boolean terminating) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withUid(uid)
                .withDeletionTimestamp(terminating ? "2026-12-05T10:00:00Z" : null)
                .endMetadata()
                .withNewSpec()
                .addNewVolumeClaimTemplate()
                .withNewMetadata()
                .withName(SHAPE.names().volumeClaimTemplate())
                .endMetadata()
                .withNewSpec()
                .withStorageClassName("standard")
                .withNewResources()
                .addToRequests("storage", new Quantity(size))
                .endResources()
                .endSpec()
                .endVolumeClaimTemplate()
                .endSpec()
                .build();
    }

    /** A running pod; controlledBy null: no controller (orphaned). */
    private static Pod pod(String name, String controlledBy, boolean terminating) {
        var meta = new ObjectMetaBuilder()
                .withName(name)
                .withDeletionTimestamp(terminating ? "2026-12-05T10:00:00Z" : null);
        if (controlledBy != null) {
            meta.withOwnerReferences(new OwnerReferenceBuilder()
                    .withKind("StatefulSet")
                    .withName(name.substring(0, name.lastIndexOf('-')))
                    .withUid(controlledBy)
                    .withController(true)
                    .build());
        }
        return new PodBuilder().withMetadata(meta.build()).build();
    }

    private static RackVolumes observe(List<StatefulSet> sets, List<Pod> pods) {
        return StorageObservation.of(SHAPE, sets, List.of(), pods, c -> Optional.of(true))
                .get(0)
                .racks()
                .get(0);
    }

    @Test
    void aStatefulSetIsSeenWithItsTemplateAndUid() {
        RackVolumes rack = observe(List.of(set(SET, "uid-1", "1Gi", false)), List.of(pod(SET + "-0", "uid-1", false)));
        assertThat(rack.statefulSet()).isEqualTo(SET);
        assertThat(rack.templateSize()).isEqualTo(new Quantity("1Gi"));
        assertThat(rack.templateClass()).isEqualTo("standard");
        assertThat(rack.uid()).isEqualTo("uid-1");
        assertThat(rack.terminating()).isFalse();
        assertThat(rack.unadoptedPods()).isEmpty();
    }

    @Test
    void podsNotControlledByTheStatefulSetAreNotYetAdopted() {
        RackVolumes rack = observe(
                List.of(set(SET, "uid-new", "2Gi", false)),
                List.of(
                        pod(SET + "-1", null, false), // orphaned by the deletion, not adopted yet
                        pod(SET + "-0", "uid-old", false), // still names the StatefulSet deleted
                        pod(SET + "-2", "uid-new", false), // adopted
                        pod(SET + "-3", null, true), // going away: nothing to adopt
                        pod(SET + "0-0", null, false))); // another StatefulSet's pod whose name starts alike
        assertThat(rack.unadoptedPods()).containsExactly(SET + "-0", SET + "-1");
    }

    @Test
    void anAbsentStatefulSetHasNoTemplateUidOrPods() {
        RackVolumes rack = observe(List.of(), List.of(pod(SET + "-0", null, false)));
        assertThat(rack.exists()).isFalse();
        assertThat(rack.uid()).isNull();
        assertThat(rack.unadoptedPods()).isEmpty();
    }

    @Test
    void aStatefulSetBeingDeletedIsTerminating() {
        assertThat(observe(List.of(set(SET, "uid-1", "1Gi", true)), List.of()).terminating())
                .isTrue();
    }

    @Test
    void claimsBelowTheSpecsSizeAreToGrow() {
        var claim = new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(SHAPE.names().volumeClaimTemplate() + "-" + SET + "-0")
                .endMetadata()
                .withNewSpec()
                .withStorageClassName("standard")
                .withNewResources()
                .addToRequests("storage", new Quantity("1Mi"))
                .endResources()
                .endSpec()
                .build();
        DatacenterStorage dc = StorageObservation.of(
                        SHAPE,
                        List.of(set(SET, "uid-1", "1Mi", false)),
                        List.of(claim),
                        List.of(),
                        c -> Optional.of(true))
                .get(0);
        assertThat(dc.claimsToGrow())
                .extracting(VolumeClaimObservation::name)
                .containsExactly(claim.getMetadata().getName());
        assertThat(dc.expansionAllowed()).contains(true);
    }
}
