package dev.cassini.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cassini.exporter.Catalog;
import dev.cassini.exporter.Family;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped dashboards and alert rules are well formed, their PromQL parses with a real PromQL
 * parser, they only use metrics the exporter defines, and the alerts cover what the monitoring
 * guide says to alert on. (ExporterIT checks the same metric names against a real node's output.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringAssetsTest {
    private MonitoringAssets assets;

    @BeforeAll
    void load() throws Exception {
        assets = MonitoringAssets.load();
    }

    @Test
    void thereAreClusterNodeAndTableDashboardsWithUniqueIds() throws Exception {
        assertThat(assets.dashboardFiles.stream().map(p -> p.getFileName().toString()))
                .containsExactly("cassandra-node.json", "cassandra-overview.json", "cassandra-table.json");
        Set<String> uids = new HashSet<>();
        for (Path file : assets.dashboardFiles) {
            JsonNode dashboard = MonitoringAssets.json(file);
            assertThat(uids.add(dashboard.path("uid").asText()))
                    .as("uid of %s", file)
                    .isTrue();
            assertThat(dashboard.path("title").asText()).startsWith("Cassandra / ");
            assertThat(dashboard.path("templating").path("list").findValuesAsText("name"))
                    .contains("datasource", "cluster", "dc");
        }
    }

    @Test
    void everyPanelHasAQueryADataSourceAndAPlaceOnTheGrid() throws Exception {
        for (Path file : assets.dashboardFiles) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : MonitoringAssets.panels(MonitoringAssets.json(file))) {
                String where =
                        file.getFileName() + " panel " + panel.path("title").asText();
                assertThat(ids.add(panel.path("id").asInt()))
                        .as("unique id: %s", where)
                        .isTrue();
                JsonNode grid = panel.path("gridPos");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                        .as(where)
                        .isBetween(1, 24);
                if (panel.path("type").asText().equals("row")) {
                    continue;
                }
                assertThat(panel.path("title").asText()).as(where).isNotBlank();
                assertThat(panel.path("datasource").path("uid").asText())
                        .as(where)
                        .isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(where).isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asText()).as(where).contains("cassandra_");
                }
            }
            assertThat(ids).as(file.toString()).hasSizeGreaterThan(10);
        }
    }

    @Test
    void alertRulesAreCompleteAndNamedOnce() throws Exception {
        Set<String> names = new HashSet<>();
        for (Path file : assets.ruleFiles) {
            for (JsonNode rule : MonitoringAssets.rules(MonitoringAssets.yaml(file))) {
                String name = rule.path("alert").asText();
                assertThat(name).matches("Cassandra[A-Z][A-Za-z]+");
                assertThat(names.add(name)).as("alert %s defined once", name).isTrue();
                assertThat(rule.path("expr").asText()).as(name).contains("cassandra_");
                assertThat(rule.path("labels").path("severity").asText())
                        .as(name)
                        .isIn("info", "warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText())
                        .as(name)
                        .isNotBlank();
                assertThat(rule.path("annotations").path("description").asText())
                        .as(name)
                        .isNotBlank();
                if (rule.has("for")) {
                    assertThat(rule.path("for").asText()).as(name).matches("\\d+[smh]");
                }
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void everyExpressionIsValidPromQl() throws Exception {
        List<MonitoringAssets.Expression> expressions = assets.expressions();
        List<String> errors = PrometheusTools.get()
                .promqlErrors(expressions.stream()
                        .map(MonitoringAssets.Expression::promql)
                        .toList());

        List<String> invalid = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            if (errors.get(i) != null) {
                invalid.add(expressions.get(i).where() + ": " + errors.get(i) + " in "
                        + expressions.get(i).promql());
            }
        }
        assertThat(expressions).hasSizeGreaterThan(80);
        assertThat(invalid).isEmpty();
    }

    @Test
    void invalidPromQlIsCaughtByTheParser() throws Exception {
        assertThat(PrometheusTools.get().promqlErrors(List.of("sum(rate(cassandra_storage_load_bytes[5m])", "up == 0")))
                .satisfiesExactly(
                        e -> assertThat(e).isNotNull(), e -> assertThat(e).isNull());
    }

    @Test
    void everyReferencedMetricIsOneTheExporterDefines() throws Exception {
        Set<String> defined = new TreeSet<>();
        for (Family family : Catalog.families()) {
            switch (family.kind()) {
                case COUNTER -> defined.add(family.name() + "_total");
                case GAUGE -> defined.add(family.name());
                case SUMMARY ->
                    defined.addAll(List.of(family.name(), family.name() + "_count", family.name() + "_sum"));
            }
        }

        assertThat(defined).containsAll(assets.referencedMetrics());
    }

    @Test
    void alertsCoverWhatTheMonitoringGuideAlertsOn() throws Exception {
        Set<String> alerted = new TreeSet<>();
        for (Path file : assets.ruleFiles) {
            for (JsonNode rule : MonitoringAssets.rules(MonitoringAssets.yaml(file))) {
                alerted.addAll(MonitoringAssets.metricsIn(rule.path("expr").asText()));
            }
        }
        Map<String, String> topics = Map.of(
                "node down", "cassandra_node_endpoints",
                "latency above an SLA", "cassandra_client_request_latency_seconds",
                "timeouts", "cassandra_client_request_timeouts_total",
                "failures", "cassandra_client_request_failures_total",
                "pending compactions", "cassandra_compaction_pending_tasks",
                "dropped messages", "cassandra_dropped_messages_total",
                "heap pressure", "cassandra_jvm_memory_used_bytes",
                "disk usage", "cassandra_data_directory_available_bytes",
                "large partitions", "cassandra_table_partition_size_max_bytes",
                "tombstones", "cassandra_table_tombstones_scanned");
        topics.forEach((topic, metric) -> assertThat(alerted).as(topic).contains(metric));
    }

    /** The operator's dashboards and rules (cassini-*): valid PromQL on cassini_ metrics; the operator's tests check the names. */
    @Test
    void theOperatorsAssetsAreValidPromQlOnItsOwnMetrics() throws Exception {
        MonitoringAssets operator = MonitoringAssets.load("cassini-");
        assertThat(operator.dashboardFiles).isNotEmpty();
        assertThat(operator.ruleFiles).isNotEmpty();
        List<MonitoringAssets.Expression> expressions = operator.expressions();

        assertThat(PrometheusTools.get()
                        .promqlErrors(expressions.stream()
                                .map(MonitoringAssets.Expression::promql)
                                .toList()))
                .as("PromQL errors of %s", expressions)
                .containsOnlyNulls();
        assertThat(operator.referencedMetrics()).isNotEmpty().allMatch(name -> name.startsWith("cassini_"));
        for (Path file : operator.ruleFiles) {
            for (JsonNode rule : MonitoringAssets.rules(MonitoringAssets.yaml(file))) {
                assertThat(rule.path("alert").asText()).matches("Cassandra[A-Z][A-Za-z]+");
                assertThat(rule.path("annotations").path("description").asText())
                        .isNotBlank();
            }
        }
    }
}
