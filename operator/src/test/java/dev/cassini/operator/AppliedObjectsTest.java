package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AppliedObjectsTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
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

    @Test
    void theSameObjectUnchangedSinceIsNotAppliedAgainUntilTheResync() {
        ConfigMap desired = map("a", null);
        ConfigMap stored = map("a", "41");
        assertThat(applied.needsApply(desired, stored, T0))
                .as("never applied by this operator")
                .isTrue();
        applied.applied(desired, stored, T0);

        assertThat(applied.needsApply(map("a", null), stored, T0.plusSeconds(30)))
                .isFalse();
        assertThat(applied.needsApply(map("b", null), stored, T0.plusSeconds(30)))
                .as("desired changed")
                .isTrue();
        assertThat(applied.needsApply(map("a", null), map("a", "42"), T0.plusSeconds(30)))
                .as("changed by someone else")
                .isTrue();
        assertThat(applied.needsApply(map("a", null), null, T0.plusSeconds(30)))
                .as("deleted")
                .isTrue();
        assertThat(applied.needsApply(map("a", null), stored, T0.plus(AppliedObjects.RESYNC)))
                .as("resync")
                .isTrue();

        applied.forget(desired);
        assertThat(applied.needsApply(map("a", null), stored, T0.plusSeconds(30)))
                .isTrue();
    }

    @Test
    void theGenerationDecidesForKindsThatHaveOneSoAStatusUpdateChangesNothing() {
        ConfigMap withGeneration = map("a", "41");
        withGeneration.getMetadata().setGeneration(3L);
        applied.applied(map("a", null), withGeneration, T0);

        ConfigMap statusMoved = map("a", "57");
        statusMoved.getMetadata().setGeneration(3L);
        assertThat(applied.needsApply(map("a", null), statusMoved, T0.plusSeconds(30)))
                .isFalse();
        statusMoved.getMetadata().setGeneration(4L);
        assertThat(applied.needsApply(map("a", null), statusMoved, T0.plusSeconds(30)))
                .isTrue();
    }
}
