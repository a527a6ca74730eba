package dev.cassini.model.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoRepairSettingsTest {
    @Test
    void theFeatureFlagComesWithEveryVersionThatHasTheSchedulerAndNoOther() {
        assertThat(AutoRepairSettings.jvmOptions("5.0.8")).containsExactly(AutoRepairSettings.FEATURE_FLAG);
        assertThat(AutoRepairSettings.jvmOptions("5.0.9")).containsExactly(AutoRepairSettings.FEATURE_FLAG);
        assertThat(AutoRepairSettings.jvmOptions("5.0.6")).isEmpty();
        assertThat(AutoRepairSettings.jvmOptions("5.0.5")).isEmpty();
    }

    @Test
    void withoutCassandraSchedulingTheUsersSettingsPassUntouched() {
        Map<String, Object> user = Map.of("auto_repair", Map.of("enabled", true), "concurrent_reads", 64);
        assertThat(AutoRepairSettings.cassandraYaml(false, user)).isSameAs(user);
    }

    @Test
    void theUsersSettingsWinKeyByKeyAtEveryDepth() {
        Map<String, Object> user = Map.of(
                "auto_repair",
                Map.of(
                        "repair_check_interval",
                        "10s",
                        "repair_type_overrides",
                        Map.of(
                                "full", Map.of("min_repair_interval", "1h"),
                                "incremental", Map.of("enabled", true))),
                "num_tokens",
                16);
        assertThat(AutoRepairSettings.cassandraYaml(true, user))
                .isEqualTo(Map.of(
                        "num_tokens",
                        16,
                        "auto_repair",
                        Map.of(
                                "enabled",
                                true,
                                "repair_check_interval",
                                "10s",
                                "repair_type_overrides",
                                Map.of(
                                        "full", Map.of("enabled", true, "min_repair_interval", "1h"),
                                        "incremental", Map.of("enabled", true)))));
    }

    @Test
    void aUserCanStillTurnFullRepairOffOrReplaceTheSectionWithSomethingElse() {
        Map<String, Object> off =
                Map.of("auto_repair", Map.of("repair_type_overrides", Map.of("full", Map.of("enabled", false))));
        assertThat(AutoRepairSettings.cassandraYaml(true, off))
                .extracting(m -> ((Map<?, ?>)
                                ((Map<?, ?>) ((Map<?, ?>) m.get("auto_repair")).get("repair_type_overrides"))
                                        .get("full"))
                        .get("enabled"))
                .isEqualTo(false);
        Map<String, Object> scalar = Map.of("auto_repair", List.of());
        assertThat(AutoRepairSettings.cassandraYaml(true, scalar)).containsEntry("auto_repair", List.of());
    }
}
