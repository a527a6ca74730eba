package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The backup alerts and dashboard (deploy/prometheus/cassini-*.yaml, deploy/grafana/cassini-*.json)
 * query only series the operator exports, under the names it exports them by, and the last-success
 * gauge keeps the newest success whatever order backups are seen in (an operator restart sees them
 * all again).
 */
class BackupMonitoringAssetsTest {
    private static final Pattern METRIC = Pattern.compile("\\bcassini_[a-z0-9_]+\\b");

    @Test
    void everyMetricTheBackupAssetsQueryIsOneTheOperatorExports() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        OperatorMetrics metrics = new OperatorMetrics(registry);
        metrics.backupFinished(
                "shop",
                "prod",
                true,
                true,
                Instant.parse("2026-12-01T02:00:00Z"),
                Instant.parse("2026-12-01T02:03:00Z"),
                1000,
                9000);
        metrics.backupFinished("shop", "prod", false, true, Instant.parse("2026-12-01T03:00:00Z"), null, 10, 0);
        String exposition = scrape(registry);

        Set<String> referenced = new TreeSet<>();
        Path root = repositoryRoot();
        for (Path file : java.util.List.of(
                root.resolve("deploy/prometheus/cassini-backup-alerts.yaml"),
                root.resolve("deploy/grafana/cassini-backups.json"))) {
            Matcher m = METRIC.matcher(Files.readString(file));
            while (m.find()) {
                referenced.add(m.group());
            }
        }

        assertThat(referenced).hasSizeGreaterThanOrEqualTo(5);
        for (String name : referenced) {
            assertThat(exposition).as(name).containsPattern("(?m)^" + name + "\\{");
        }
        assertThat(exposition)
                .contains("cassini_backups_total{cluster=\"prod\",namespace=\"shop\",result=\"Failed\"} 1.0")
                .contains("cassini_backup_uploaded_bytes_total{cluster=\"prod\",namespace=\"shop\"} 1010.0")
                .contains("cassini_backup_last_duration_seconds{cluster=\"prod\",namespace=\"shop\"} 180.0");
    }

    @Test
    void theLastSuccessIsTheNewestSeenNotTheLastSeen() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        OperatorMetrics metrics = new OperatorMetrics(registry);
        Instant newer = Instant.parse("2026-12-01T02:03:00Z");
        metrics.backupFinished("shop", "prod", true, false, newer.minusSeconds(60), newer, 0, 0);
        metrics.backupFinished(
                "shop",
                "prod",
                true,
                false,
                Instant.parse("2026-11-30T02:00:00Z"),
                Instant.parse("2026-11-30T02:01:00Z"),
                0,
                0);

        assertThat(scrape(registry))
                .contains("cassini_backup_last_success_timestamp_seconds{cluster=\"prod\",namespace=\"shop\"} "
                        + (double) newer.getEpochSecond())
                .as("backups seen again after a restart are not counted twice")
                .doesNotContain("cassini_backups_total{");
    }

    static String scrape(PrometheusRegistry registry) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/grafana"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
