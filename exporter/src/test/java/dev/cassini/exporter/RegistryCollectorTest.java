package dev.cassini.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.codahale.metrics.UniformReservoir;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.cassandra.metrics.DecayingEstimatedHistogramReservoir;
import org.apache.cassandra.metrics.ScalingReservoir;
import org.apache.cassandra.metrics.SnapshottingTimer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry part of a scrape, on a real Dropwizard registry named the way Cassandra names its
 * metrics: what is selected, in which unit, with which labels, and how tables come and go.
 */
class RegistryCollectorTest {
    private static final String M = "org.apache.cassandra.metrics.";
    private static final Labels NODE = Labels.of("cluster", "c1", "dc", "dc1", "rack", "r1", "node", "n1");

    private MetricRegistry registry;
    private SelectedMetrics selected;

    @BeforeEach
    void setUp() {
        registry = new MetricRegistry();
        selected = new SelectedMetrics(
                NODE, new TableFilter(Pattern.compile(".*"), Pattern.compile("system(_[a-z_]+)?\\..*")));
    }

    private String scrape(int tableLimit) throws Exception {
        List<MetricSnapshot> out = new ArrayList<>();
        new RegistryCollector(NODE, tableLimit).collect(selected, out);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(text, new MetricSnapshots(out), EscapingScheme.UNDERSCORE_ESCAPING);
        return text.toString(StandardCharsets.UTF_8);
    }

    /** Every per-table registry entry of the default set, as Cassandra registers it for one table. */
    private void registerTable(String keyspace, String table) {
        String scope = "." + keyspace + "." + table;
        for (String timer : List.of("ReadLatency", "WriteLatency")) {
            registry.register(M + "Table." + timer + scope, cassandraTimer());
        }
        for (String counter : List.of(
                "ReadTotalLatency", "WriteTotalLatency", "LiveDiskSpaceUsed", "TotalDiskSpaceUsed", "PendingFlushes")) {
            registry.register(M + "Table." + counter + scope, new Counter());
        }
        for (String histogram : List.of("TombstoneScannedHistogram", "SSTablesPerReadHistogram")) {
            registry.register(M + "Table." + histogram + scope, new Histogram(new UniformReservoir()));
        }
        for (String gauge : List.of(
                "MaxPartitionSize", "MeanPartitionSize", "LiveSSTableCount", "PendingCompactions", "PercentRepaired")) {
            registry.register(M + "Table." + gauge + scope, (Gauge<Long>) () -> 7L);
        }
        registry.register(
                M + "Table.BloomFilterFalsePositives" + scope, (Gauge<Long>) () -> 1L); // not in the default set
    }

    /**
     * A timer as CassandraMetricsRegistry.createReservoir(MICROSECONDS) makes them (its static
     * initialization needs a whole Cassandra): a decaying histogram fed in microseconds.
     */
    private static Timer cassandraTimer() {
        DecayingEstimatedHistogramReservoir histogram = new DecayingEstimatedHistogramReservoir(
                false, 127, DecayingEstimatedHistogramReservoir.DEFAULT_STRIPE_COUNT);
        return new SnapshottingTimer(new ScalingReservoir(histogram, TimeUnit.NANOSECONDS::toMicros));
    }

    private static long seriesOf(String text, String table) {
        return text.lines()
                .filter(l -> !l.startsWith("#") && l.contains("table=\"" + table + "\""))
                .count();
    }

    @Test
    void latenciesAreInSecondsWithQuantilesCountAndSumFromCassandrasMicrosecondTotal() throws Exception {
        registerTable("shop", "orders");
        registry.addListener(selected);
        Timer read = registry.timer(M + "Table.ReadLatency.shop.orders");
        for (int i = 0; i < 10; i++) {
            read.update(2, TimeUnit.MILLISECONDS);
        }
        // Cassandra's decaying histogram has buckets about 20% apart: 2 ms lands in the one ending at 2.299 ms.
        registry.counter(M + "Table.ReadTotalLatency.shop.orders").inc(20_000);

        String text = scrape(200);

        String labels = "cluster=\"c1\",dc=\"dc1\",keyspace=\"shop\",node=\"n1\",rack=\"r1\",table=\"orders\"";
        assertThat(text).contains("# TYPE cassandra_table_read_latency_seconds summary");
        assertThat(text).contains("cassandra_table_read_latency_seconds{" + labels + ",quantile=\"0.99\"} 0.002299\n");
        assertThat(text).contains("cassandra_table_read_latency_seconds_count{" + labels + "} 10\n");
        assertThat(text).contains("cassandra_table_read_latency_seconds_sum{" + labels + "} 0.02\n");
        assertThat(text).contains("cassandra_table_partition_size_max_bytes{" + labels + "} 7.0\n");
        assertThat(text).doesNotContain("BloomFilter").doesNotContain("bloom");
    }

    @Test
    void oneTableGivesExactlyThePerTableSeriesOfTheDocumentedBound() throws Exception {
        registerTable("shop", "orders");
        registry.addListener(selected);

        assertThat(seriesOf(scrape(200), "orders"))
                .isEqualTo(SeriesBound.perTable())
                .isEqualTo(24);
    }

    @Test
    void systemTablesAreLeftOutAndTheLimitKeepsTheFirstTablesByName() throws Exception {
        registerTable("system", "local");
        registerTable("shop", "orders");
        registerTable("shop", "carts");
        registerTable("audit", "events");
        registry.addListener(selected);

        String text = scrape(2);

        assertThat(seriesOf(text, "local")).isZero();
        assertThat(seriesOf(text, "events")).isEqualTo(24);
        assertThat(seriesOf(text, "carts")).isEqualTo(24);
        assertThat(seriesOf(text, "orders")).isZero();
        assertThat(text)
                .contains(
                        "cassandra_exporter_tables{cluster=\"c1\",dc=\"dc1\",node=\"n1\",rack=\"r1\",state=\"exported\"} 2.0");
        assertThat(text)
                .contains(
                        "cassandra_exporter_tables{cluster=\"c1\",dc=\"dc1\",node=\"n1\",rack=\"r1\",state=\"omitted\"} 1.0");
    }

    @Test
    void tablesCreatedAfterAttachingAppearAndDroppedTablesDisappear() throws Exception {
        registry.addListener(selected);
        registerTable("shop", "orders");
        assertThat(seriesOf(scrape(200), "orders")).isEqualTo(24);

        registry.removeMatching((name, metric) -> name.endsWith(".shop.orders"));

        String text = scrape(200);
        assertThat(seriesOf(text, "orders")).isZero();
        assertThat(text).contains("state=\"exported\"} 0.0");
    }

    @Test
    void nodeFamiliesCarryTheirScopeLabelAndCountersGetTotal() throws Exception {
        registry.addListener(selected);
        registry.meter(M + "ClientRequest.Timeouts.Write").mark(3);
        registry.meter(M + "ClientRequest.Timeouts.Write-QUORUM").mark(3);
        registry.meter(M + "DroppedMessage.Dropped.MUTATION_REQ").mark(2);
        registry.register(M + "Compaction.PendingTasks", (Gauge<Integer>) () -> 4);
        registry.register(M + "ThreadPools.PendingTasks.request.MutationStage", (Gauge<Integer>) () -> 5);

        String text = scrape(200);

        assertThat(text)
                .contains(
                        "cassandra_client_request_timeouts_total{cluster=\"c1\",dc=\"dc1\",node=\"n1\",operation=\"write\",rack=\"r1\"} 3.0");
        assertThat(text).doesNotContain("QUORUM");
        assertThat(text)
                .contains(
                        "cassandra_dropped_messages_total{cluster=\"c1\",dc=\"dc1\",node=\"n1\",rack=\"r1\",verb=\"MUTATION_REQ\"} 2.0");
        assertThat(text)
                .contains("cassandra_compaction_pending_tasks{cluster=\"c1\",dc=\"dc1\",node=\"n1\",rack=\"r1\"} 4.0");
        assertThat(text)
                .contains(
                        "cassandra_thread_pool_pending_tasks{cluster=\"c1\",dc=\"dc1\",node=\"n1\",pool=\"MutationStage\",rack=\"r1\"} 5.0");
    }

    @Test
    void aGaugeThatThrowsIsSkippedWithoutFailingTheScrape() throws Exception {
        registry.addListener(selected);
        registry.register(M + "Compaction.PendingTasks", (Gauge<Integer>) () -> {
            throw new IllegalStateException("compaction manager not ready");
        });
        registry.register(M + "Storage.Load", new Counter()).inc(42);

        String text = scrape(200);

        assertThat(text).doesNotContain("cassandra_compaction_pending_tasks{");
        assertThat(text)
                .contains("cassandra_storage_load_bytes{cluster=\"c1\",dc=\"dc1\",node=\"n1\",rack=\"r1\"} 42.0");
    }
}
