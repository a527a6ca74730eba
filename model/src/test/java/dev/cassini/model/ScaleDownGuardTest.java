package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleDownGuardTest {
    @Test
    void growingOrCreatingIsApplied() {
        assertThat(ScaleDownGuard.replicas(Map.of("a", 2, "b", 1), Map.of("a", 1)))
                .containsEntry("a", 2)
                .containsEntry("b", 1);
    }

    @Test
    void applyingASmallerSizeKeepsTheCurrentReplicasForTheDecommissionsToRemove() {
        assertThat(ScaleDownGuard.replicas(
                        Map.of("demo-dc1-r1", 1, "demo-dc1-r2", 1), Map.of("demo-dc1-r1", 2, "demo-dc1-r2", 1)))
                .containsEntry("demo-dc1-r1", 2)
                .containsEntry("demo-dc1-r2", 1);
    }
}
