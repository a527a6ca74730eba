package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeClaimTemplatesTest {
    private static StatefulSet set(String size, String storageClass) {
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName("demo-dc1-r1")
                .withLabels(Map.of(ClusterNames.LABEL_DATACENTER, "dc1"))
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .addToVolumeClaimTemplates(new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName("data")
                        .endMetadata()
                        .withNewSpec()
                        .withStorageClassName(storageClass)
                        .withNewResources()
                        .addToRequests("storage", new Quantity(size))
                        .endResources()
                        .endSpec()
                        .build())
                .endSpec()
                .build();
    }

    @Test
    void aGrownSizeKeepsTheExistingTemplateAndIsLeftToTheExpansionPlan() {
        StatefulSet desired = set("20Gi", null);
        StatefulSet existing = set("10Gi", null);
        existing.getSpec()
                .getVolumeClaimTemplates()
                .get(0)
                .setStatus(new PersistentVolumeClaimStatusBuilder()
                        .withPhase("Pending")
                        .build());

        assertThat(VolumeClaimTemplates.keepExisting(desired, existing)).isEmpty();
        assertThat(desired.getSpec()
                        .getVolumeClaimTemplates()
                        .get(0)
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage"))
                .isEqualTo(new Quantity("10Gi"));
        assertThat(desired.getSpec().getVolumeClaimTemplates().get(0).getStatus())
                .isNull();
        assertThat(desired.getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void theSameSizeInOtherUnitsAndAnUnsetClassAreNoDifference() {
        StatefulSet desired = set("10240Mi", null);
        assertThat(VolumeClaimTemplates.keepExisting(desired, set("10Gi", "devkube-local")))
                .isEmpty();
    }

    @Test
    void anotherStorageClassIsReported() {
        assertThat(VolumeClaimTemplates.keepExisting(set("10Gi", "fast"), set("10Gi", "standard")))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("datacenter dc1 asks for StorageClass fast (they have standard)")
                        .contains("every other change still applies"));
    }
}
