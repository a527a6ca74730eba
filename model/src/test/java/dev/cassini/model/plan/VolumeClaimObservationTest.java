package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeClaimObservationTest {
    private static PersistentVolumeClaimBuilder claim() {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("data-demo-dc1-r1-12")
                .endMetadata()
                .withNewSpec()
                .withStorageClassName("standard")
                .withNewResources()
                .addToRequests("storage", new Quantity("2Gi"))
                .endResources()
                .endSpec()
                .withNewStatus()
                .withPhase("Bound")
                .addToCapacity("storage", new Quantity("1Gi"))
                .endStatus();
    }

    private static PersistentVolumeClaim withCondition(String type) {
        return claim().editStatus()
                .addToConditions(new PersistentVolumeClaimConditionBuilder()
                        .withType(type)
                        .withStatus("True")
                        .withMessage("the driver says no")
                        .build())
                .endStatus()
                .build();
    }

    @Test
    void readsNamesSizesAndClass() {
        VolumeClaimObservation claim = VolumeClaimObservation.of(claim().build(), "data");
        assertThat(claim.name()).isEqualTo("data-demo-dc1-r1-12");
        assertThat(claim.statefulSet()).isEqualTo("demo-dc1-r1");
        assertThat(claim.storageClass()).isEqualTo("standard");
        assertThat(claim.requested()).isEqualTo(new Quantity("2Gi"));
        assertThat(claim.capacity()).isEqualTo(new Quantity("1Gi"));
        assertThat(claim.resize()).isEqualTo(VolumeResize.NONE);
        assertThat(claim.hasLessThan(new Quantity("2Gi"))).isTrue();
        assertThat(claim.asksForLessThan(new Quantity("2048Mi"))).isFalse();
    }

    @Test
    void readsTheResizeConditions() {
        assertThat(VolumeClaimObservation.of(withCondition("Resizing"), "data").resize())
                .isEqualTo(VolumeResize.CONTROLLER_RESIZING);
        assertThat(VolumeClaimObservation.of(withCondition("FileSystemResizePending"), "data")
                        .resize())
                .isEqualTo(VolumeResize.NODE_RESIZE_PENDING);
        VolumeClaimObservation failed = VolumeClaimObservation.of(withCondition("ControllerResizeError"), "data");
        assertThat(failed.resize()).isEqualTo(VolumeResize.FAILED);
        assertThat(failed.problem()).isEqualTo("ControllerResizeError: the driver says no");
        assertThat(VolumeClaimObservation.of(withCondition("NodeResizeError"), "data")
                        .resize())
                .isEqualTo(VolumeResize.FAILED);
    }

    @Test
    void readsTheAllocatedResourceStatuses() {
        for (var expected : Map.of(
                        "ControllerResizeInProgress", VolumeResize.CONTROLLER_RESIZING,
                        "NodeResizePending", VolumeResize.NODE_RESIZE_PENDING,
                        "NodeResizeInProgress", VolumeResize.NODE_RESIZE_PENDING,
                        "ControllerResizeInfeasible", VolumeResize.FAILED,
                        "NodeResizeInfeasible", VolumeResize.FAILED)
                .entrySet()) {
            PersistentVolumeClaim claim = claim().editStatus()
                    .addToAllocatedResourceStatuses("storage", expected.getKey())
                    .endStatus()
                    .build();
            assertThat(VolumeClaimObservation.of(claim, "data").resize())
                    .as(expected.getKey())
                    .isEqualTo(expected.getValue());
        }
    }

    @Test
    void anUnboundClaimHasNoCapacityYet() {
        VolumeClaimObservation claim =
                VolumeClaimObservation.of(claim().withStatus(null).build(), "data");
        assertThat(claim.capacity()).isNull();
        assertThat(claim.hasLessThan(new Quantity("1Gi"))).isTrue();
        assertThat(claim.capacityText()).isEqualTo("no capacity yet");
    }
}
