package dev.cassini.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.cassini.agent.NodeAgent;
import dev.cassini.agent.config.NodeConfigLoader;
import dev.cassini.agent.jobs.Job;
import dev.cassini.contract.JobState;
import dev.cassini.exporter.Catalog;
import dev.cassini.exporter.Family;
import dev.cassini.exporter.SeriesBound;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real Cassandra node with the exporter, under a small workload on 50 tables: every family of
 * the default set is there with sane values, the output passes the official parsers, the series
 * count stays under the documented bound, and every metric the dashboards and alerts use exists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExporterIT {
    private static final String ADDRESS = "127.0.3.21";
    private static final int METRICS_PORT = 9500;
    private static final String KEYSPACE = "metrics_it";
    private static final int TABLES = 50;
    private static final int ROWS = 200;

    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsNode node;
    private NodeAgent agent;
    private CqlSession session;
    private List<ParsedFamily> before;
    private List<ParsedFamily> after;

    @BeforeAll
    void startNode(@TempDir Path dataRoot) throws Exception {
        node = MetricsNode.start(
                "metrics-it",
                ADDRESS,
                dataRoot.resolve("node"),
                Map.of(NodeConfigLoader.ENV_NODE_NAME, "metrics-it-dc1-r1-0"),
                Path.of("target", "it-logs", "exporter-it-cassandra.log"));
        agent = node.agent();
        session = MetricsCql.connect(ADDRESS, node.config().nativePort(), "dc1");
    }

    @AfterAll
    void stopNode() throws Exception {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    private String scrape(String accept) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://" + ADDRESS + ":" + METRICS_PORT + "/metrics"));
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<ParsedFamily.Sample> samples(
            List<ParsedFamily> families, String sampleName, Predicate<Map<String, String>> labels) {
        return families.stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(sampleName) && labels.test(s.labels()))
                .toList();
    }

    private static double value(List<ParsedFamily> families, String sampleName, Map<String, String> labels) {
        List<ParsedFamily.Sample> found =
                samples(families, sampleName, l -> l.entrySet().containsAll(labels.entrySet()));
        assertThat(found).as("%s%s", sampleName, labels).hasSize(1);
        return found.get(0).value();
    }

    private static Map<String, String> table(String name) {
        return Map.of("keyspace", KEYSPACE, "table", name);
    }

    @Test
    @Order(1)
    void workloadOnFiftyTablesIsScrapedBeforeAndAfter() throws Exception {
        session.execute("CREATE KEYSPACE " + KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (int t = 0; t < TABLES; t++) {
            session.execute(
                    String.format("CREATE TABLE %s.t%02d (pk int, ck int, v text, PRIMARY KEY (pk, ck))", KEYSPACE, t));
        }
        before = PrometheusTools.get().parse(scrape(null), false);

        PreparedStatement insert = session.prepare("INSERT INTO " + KEYSPACE + ".t00 (pk, ck, v) VALUES (?, ?, ?)");
        for (int i = 0; i < ROWS; i++) {
            session.execute(insert.bind(i % 10, i, "value-" + i));
        }
        for (int t = 1; t < TABLES; t++) {
            session.execute(String.format("INSERT INTO %s.t%02d (pk, ck, v) VALUES (1, 1, 'x')", KEYSPACE, t));
        }
        // Row tombstones in partition 0, which later reads must scan past.
        for (int ck = 0; ck < ROWS; ck += 20) {
            session.execute("DELETE FROM " + KEYSPACE + ".t00 WHERE pk = 0 AND ck = " + ck);
        }
        Job flush = agent.flush(KEYSPACE);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (flush.state() == JobState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(flush.state()).as("flush: %s", flush.error()).isEqualTo(JobState.SUCCEEDED);
        PreparedStatement read = session.prepare("SELECT * FROM " + KEYSPACE + ".t00 WHERE pk = ?");
        int rows = 0;
        for (int i = 0; i < 100; i++) {
            rows += session.execute(read.bind(i % 10)).all().size();
        }
        assertThat(rows).isEqualTo(100 * ROWS / 10 - 10 * 10); // partition 0 lost 10 rows, read 10 times

        String text = scrape(null);
        after = PrometheusTools.get().parse(text, false);
        List<ParsedFamily> openMetrics =
                PrometheusTools.get().parse(scrape("application/openmetrics-text; version=1.0.0"), true);

        assertThat(after).isNotEmpty();
        assertThat(openMetrics.stream().map(ParsedFamily::name).collect(Collectors.toSet()))
                .isEqualTo(after.stream().map(ParsedFamily::name).collect(Collectors.toSet()));
    }

    @Test
    @Order(2)
    void everyFamilyOfTheDefaultSetIsPresentWithTheNodeLabels() {
        Set<String> present = after.stream().map(ParsedFamily::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected =
                Catalog.families().stream().map(Family::name).collect(Collectors.toCollection(TreeSet::new));
        // This node runs no auto-repair scheduler (a version without it); MaintenanceIT scrapes one that does.
        Catalog.AUTO_REPAIR_FAMILIES.forEach(f -> expected.remove(f.name()));

        assertThat(present).containsAll(expected);
        Map<String, String> node =
                Map.of("cluster", "metrics-it", "dc", "dc1", "rack", "r1", "node", "metrics-it-dc1-r1-0");
        for (ParsedFamily family : after) {
            assertThat(family.name()).startsWith("cassandra_");
            for (ParsedFamily.Sample sample : family.samples()) {
                assertThat(sample.labels()).as(sample.name()).containsAllEntriesOf(node);
            }
        }
    }

    @Test
    @Order(3)
    void countersRoseWithTheWrites() {
        Map<String, String> write = Map.of("operation", "write");
        double writesBefore = value(before, "cassandra_client_request_latency_seconds_count", write);
        double writesAfter = value(after, "cassandra_client_request_latency_seconds_count", write);
        assertThat(writesAfter - writesBefore).isGreaterThanOrEqualTo(ROWS + TABLES - 1);

        assertThat(value(after, "cassandra_table_write_latency_seconds_count", table("t00")))
                .isGreaterThanOrEqualTo(ROWS);
        assertThat(value(after, "cassandra_table_write_latency_seconds_sum", table("t00")))
                .isGreaterThan(0);
        assertThat(value(after, "cassandra_table_write_latency_seconds_count", table("t49")))
                .isEqualTo(1);
        Map<String, String> prepared = Map.of("kind", "prepared");
        assertThat(value(after, "cassandra_cql_statements_executed_total", prepared)
                        - value(before, "cassandra_cql_statements_executed_total", prepared))
                .isGreaterThanOrEqualTo(ROWS + 100);
        assertThat(value(after, "cassandra_thread_pool_completed_tasks_total", Map.of("pool", "MutationStage")))
                .isGreaterThan(0);
        assertThat(value(after, "cassandra_client_connected_native_clients", Map.of()))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(4)
    void readLatenciesAndPerTableReadMetricsAreNonZeroAfterReads() {
        for (String q : List.of("0.5", "0.99")) {
            double latency = value(
                    after,
                    "cassandra_table_read_latency_seconds",
                    Map.of("keyspace", KEYSPACE, "table", "t00", "quantile", q));
            // In seconds: no local read takes under a microsecond (a unit mix-up would be off by 1000).
            assertThat(latency).as("table read p%s", q).isGreaterThan(1e-6).isLessThan(10);
        }
        double coordinatorRead = value(
                after, "cassandra_client_request_latency_seconds", Map.of("operation", "read", "quantile", "0.5"));
        assertThat(coordinatorRead).isGreaterThan(1e-5).isLessThan(10);
        Map<String, String> read = Map.of("operation", "read");
        double meanRead = value(after, "cassandra_client_request_latency_seconds_sum", read)
                / value(after, "cassandra_client_request_latency_seconds_count", read);
        assertThat(meanRead).isGreaterThan(1e-5).isLessThan(10);
        assertThat(value(after, "cassandra_table_read_latency_seconds_count", table("t00")))
                .isGreaterThanOrEqualTo(100);
        assertThat(value(
                        after,
                        "cassandra_table_sstables_per_read",
                        Map.of("keyspace", KEYSPACE, "table", "t00", "quantile", "0.99")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        after,
                        "cassandra_table_tombstones_scanned",
                        Map.of("keyspace", KEYSPACE, "table", "t00", "quantile", "0.99")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(5)
    void flushedTablesReportTheirSizeOnDisk() {
        double max = value(after, "cassandra_table_partition_size_max_bytes", table("t00"));
        double mean = value(after, "cassandra_table_partition_size_mean_bytes", table("t00"));
        assertThat(max).isGreaterThan(0).isGreaterThanOrEqualTo(mean);
        assertThat(mean).isGreaterThan(0);
        assertThat(value(after, "cassandra_table_live_sstables", table("t00"))).isGreaterThanOrEqualTo(1);
        assertThat(value(after, "cassandra_table_live_disk_space_bytes", table("t00")))
                .isGreaterThan(0);
        assertThat(value(after, "cassandra_table_total_disk_space_bytes", table("t00")))
                .isGreaterThanOrEqualTo(value(after, "cassandra_table_live_disk_space_bytes", table("t00")));
        assertThat(value(after, "cassandra_table_pending_flushes", table("t00")))
                .isZero();
        assertThat(value(after, "cassandra_storage_load_bytes", Map.of())).isGreaterThan(0);
    }

    @Test
    @Order(6)
    void nodeJvmAndDiskValuesAreSane() {
        assertThat(value(after, "cassandra_node_state", Map.of("state", "NORMAL")))
                .isEqualTo(1);
        assertThat(value(after, "cassandra_node_state", Map.of("state", "JOINING")))
                .isZero();
        assertThat(value(after, "cassandra_node_native_transport_active", Map.of()))
                .isEqualTo(1);
        assertThat(value(after, "cassandra_node_gossip_active", Map.of())).isEqualTo(1);
        assertThat(value(after, "cassandra_node_endpoints", Map.of("status", "up")))
                .isEqualTo(1);
        assertThat(value(after, "cassandra_node_endpoints", Map.of("status", "down")))
                .isZero();

        double heapUsed = value(after, "cassandra_jvm_memory_used_bytes", Map.of("area", "heap"));
        assertThat(heapUsed)
                .isGreaterThan(0)
                .isLessThanOrEqualTo(value(after, "cassandra_jvm_memory_max_bytes", Map.of("area", "heap")));
        assertThat(value(after, "cassandra_jvm_memory_max_bytes", Map.of("area", "heap")))
                .isEqualTo(512.0 * 1024 * 1024);
        assertThat(samples(
                        after,
                        "cassandra_jvm_gc_collections_total",
                        l -> l.get("collector").startsWith("G1")))
                .isNotEmpty();
        double gcCount = samples(after, "cassandra_jvm_gc_collections_total", l -> true).stream()
                .mapToDouble(ParsedFamily.Sample::value)
                .sum();
        assertThat(gcCount).isGreaterThan(0); // Cassandra's start alone collects the young generation
        assertThat(value(after, "cassandra_jvm_buffer_pool_used_bytes", Map.of("pool", "direct")))
                .isGreaterThan(0);

        List<ParsedFamily.Sample> available = samples(after, "cassandra_data_directory_available_bytes", l -> true);
        assertThat(available).hasSize(1);
        assertThat(available.get(0).labels().get("directory")).endsWith("/node/data");
        assertThat(available.get(0).value())
                .isGreaterThan(0)
                .isLessThanOrEqualTo(value(after, "cassandra_data_directory_total_bytes", Map.of()));
        assertThat(value(after, "cassandra_cache_requests_total", Map.of("cache", "key")))
                .isGreaterThanOrEqualTo(value(after, "cassandra_cache_hits_total", Map.of("cache", "key")));
        assertThat(value(after, "cassandra_dropped_messages_total", Map.of("verb", "MUTATION_REQ")))
                .isZero();
        assertThat(value(after, "cassandra_compaction_completed_tasks_total", Map.of()))
                .isGreaterThan(0);
    }

    @Test
    @Order(7)
    void seriesOfANodeWithFiftyTablesStayUnderTheDocumentedBound() {
        long series = after.stream().mapToLong(f -> f.samples().size()).sum();
        long tableSeries = after.stream()
                .flatMap(f -> f.samples().stream())
                .filter(s -> s.labels().containsKey("table"))
                .count();

        assertThat(value(after, "cassandra_exporter_tables", Map.of("state", "exported")))
                .isEqualTo(TABLES);
        assertThat(value(after, "cassandra_exporter_tables", Map.of("state", "omitted")))
                .isZero();
        assertThat(tableSeries).isEqualTo((long) SeriesBound.perTable() * TABLES);
        assertThat(series - tableSeries)
                .as("node-level series")
                .isLessThanOrEqualTo(SeriesBound.NODE + SeriesBound.PER_DATA_DIRECTORY);
        assertThat(series).isLessThanOrEqualTo(SeriesBound.of(TABLES, 200, 1));
        System.out.printf(
                "exporter series with %d tables: %d (node %d, tables %d; bound %d)%n",
                TABLES, series, series - tableSeries, tableSeries, SeriesBound.of(TABLES, 200, 1));
    }

    @Test
    @Order(8)
    void everyMetricOfTheDashboardsAndAlertsIsInTheOutput() throws Exception {
        Set<String> sampleNames = after.stream()
                .flatMap(f -> f.samples().stream())
                .map(ParsedFamily.Sample::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> referenced = MonitoringAssets.load().referencedMetrics();
        // This node runs no auto-repair scheduler (a version without it); MaintenanceIT scrapes one that does.
        Catalog.AUTO_REPAIR_FAMILIES.forEach(f -> referenced.remove(f.name()));

        assertThat(referenced).hasSizeGreaterThan(30);
        assertThat(sampleNames).containsAll(referenced);
    }
}
