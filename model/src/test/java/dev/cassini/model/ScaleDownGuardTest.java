package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleDownGuardTest {
    @Test
    void growingOrCreatingIsApplied() {
        ScaleDownGuard.Decision d = ScaleDownGuard.decide(Map.of("a", 2, "b", 1), Map.of("a", 1));
        assertThat(d.replicas()).containsEntry("a", 2).containsEntry("b", 1);
        assertThat(d.refusal()).isEmpty();
    }

    @Test
    void shrinkingKeepsTheCurrentReplicasAndSaysWhy() {
        ScaleDownGuard.Decision d = ScaleDownGuard.decide(Map.of("demo-dc1-r1", 1, "demo-dc1-r2", 1), Map.of("demo-dc1-r1", 2, "demo-dc1-r2", 1));
        assertThat(d.replicas()).containsEntry("demo-dc1-r1", 2).containsEntry("demo-dc1-r2", 1);
        assertThat(d.refusal()).hasValueSatisfying(r -> assertThat(r)
                .contains("demo-dc1-r1 2 -> 1").contains("every node keeps running").contains("Set the datacenter size back"));
    }
}
