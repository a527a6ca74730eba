package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repair alerts (deploy/prometheus/cassini-repair-alerts.yaml) query only series the operator
 * exports, and a repair seen again after an operator restart is not counted twice.
 */
class RepairMonitoringAssetsTest {
    private static final Pattern METRIC = Pattern.compile("\\bcassini_[a-z0-9_]+\\b");

    @Test
    void everyMetricTheRepairAlertsQueryIsOneTheOperatorExports() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        OperatorMetrics metrics = new OperatorMetrics(registry);
        metrics.repairSegmentDone("shop", "prod", 1000);
        metrics.repairSegmentDone("shop", "prod", 24);
        metrics.repairSegmentFailed("shop", "prod");
        metrics.repairFinished("shop", "prod", false, true, Instant.parse("2026-12-01T03:00:00Z"));
        Instant newer = Instant.parse("2026-12-01T02:03:00Z");
        metrics.repairFinished("shop", "prod", true, true, newer);
        metrics.repairFinished("shop", "prod", true, false, Instant.parse("2026-11-30T02:00:00Z"));
        metrics.tablesRepaired(
                "shop", "prod", Map.of("shop.orders", newer, "shop.cache", newer), Map.of("shop.orders", 864000L));
        metrics.tablesRepaired("shop", "prod", Map.of("shop.orders", newer), Map.of("shop.orders", 864000L));
        String exposition = BackupMonitoringAssetsTest.scrape(registry);

        Set<String> referenced = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(
                BackupMonitoringAssetsTest.repositoryRoot().resolve("deploy/prometheus/cassini-repair-alerts.yaml")));
        while (m.find()) {
            referenced.add(m.group());
        }
        assertThat(referenced).hasSize(4);
        for (String name : referenced) {
            assertThat(exposition).as(name).containsPattern("(?m)^" + name + "\\{");
        }
        assertThat(exposition)
                .contains("cassini_repair_segments_total{cluster=\"prod\",namespace=\"shop\"} 2.0")
                .contains("cassini_repair_streamed_bytes_total{cluster=\"prod\",namespace=\"shop\"} 1024.0")
                .contains("cassini_repair_segment_failures_total{cluster=\"prod\",namespace=\"shop\"} 1.0")
                .contains("cassini_repairs_total{cluster=\"prod\",namespace=\"shop\",result=\"Failed\"} 1.0")
                .contains("cassini_repairs_total{cluster=\"prod\",namespace=\"shop\",result=\"Succeeded\"} 1.0")
                .contains("cassini_repair_last_success_timestamp_seconds{cluster=\"prod\",namespace=\"shop\"} "
                        + (double) newer.getEpochSecond())
                .contains(
                        "cassini_table_gc_grace_seconds{cluster=\"prod\",namespace=\"shop\",table=\"shop.orders\"} 864000.0")
                .as("a table no longer tracked loses its series")
                .doesNotContain("shop.cache");
    }
}
