package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppliedObjectsTest {
    private final AppliedObjects applied = new AppliedObjects();

    private static ConfigMap map(String value, String resourceVersion) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName("demo-dc1-config")
                .withNamespace("shop")
                .withResourceVersion(resourceVersion)
                .endMetadata()
                .addToData("cassandra.yaml", value)
                .build();
    }

    private static ConfigMap withGeneration(String resourceVersion, long generation) {
        ConfigMap map = map("a", resourceVersion);
        map.getMetadata().setGeneration(generation);
        map.getMetadata().setLabels(Map.of("cassini.dev/cluster", "demo"));
        return map;
    }

    @Test
    void theSameObjectUnchangedSinceIsNeverAppliedAgain() {
        ConfigMap desired = map("a", null);
        ConfigMap stored = map("a", "41");
        assertThat(applied.needsApply(desired, stored))
                .as("never applied by this operator")
                .isTrue();
        applied.applied(desired, stored);

        assertThat(applied.needsApply(map("a", null), stored)).isFalse();
        assertThat(applied.needsApply(map("b", null), stored))
                .as("desired changed")
                .isTrue();
        assertThat(applied.needsApply(map("a", null), map("a", "42")))
                .as("changed by someone else")
                .isTrue();
        assertThat(applied.needsApply(map("a", null), null)).as("deleted").isTrue();

        applied.forget(desired);
        assertThat(applied.needsApply(map("a", null), stored)).isTrue();
    }

    @Test
    void theGenerationDecidesForKindsThatHaveOneSoAStatusUpdateChangesNothing() {
        applied.applied(map("a", null), withGeneration("41", 3));

        assertThat(applied.needsApply(map("a", null), withGeneration("57", 3)))
                .as("only the status moved")
                .isFalse();
        assertThat(applied.needsApply(map("a", null), withGeneration("58", 4)))
                .as("the spec moved")
                .isTrue();
    }

    @Test
    void aHandEditOfMetadataIsPutBackThoughTheGenerationStays() {
        applied.applied(map("a", null), withGeneration("41", 3));

        ConfigMap relabelled = withGeneration("60", 3);
        relabelled.getMetadata().setLabels(Map.of("cassini.dev/cluster", "other"));
        assertThat(applied.needsApply(map("a", null), relabelled)).as("a label").isTrue();

        ConfigMap annotated = withGeneration("61", 3);
        annotated.getMetadata().setAnnotations(Map.of("note", "edited"));
        assertThat(applied.needsApply(map("a", null), annotated))
                .as("an annotation")
                .isTrue();

        ConfigMap disowned = withGeneration("62", 3);
        disowned.getMetadata()
                .setOwnerReferences(
                        List.of(new OwnerReferenceBuilder().withUid("u-2").build()));
        assertThat(applied.needsApply(map("a", null), disowned))
                .as("its owners")
                .isTrue();
    }
}
