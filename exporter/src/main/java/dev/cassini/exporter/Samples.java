package dev.cassini.exporter;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.List;

/** The data points of one family gathered during a scrape, turned into the Prometheus client's snapshot of its kind. */
final class Samples {
    private final Family family;
    private final List<CounterSnapshot.CounterDataPointSnapshot> counters = new ArrayList<>();
    private final List<GaugeSnapshot.GaugeDataPointSnapshot> gauges = new ArrayList<>();
    private final List<SummarySnapshot.SummaryDataPointSnapshot> summaries = new ArrayList<>();

    Samples(Family family) {
        this.family = family;
    }

    /** A counter or gauge value; NaN (a value Cassandra could not give) and negative counters are left out. */
    Samples add(Labels labels, double value) {
        if (Double.isNaN(value)) {
            return this;
        }
        if (family.kind() == Family.Kind.COUNTER) {
            if (value >= 0) {
                counters.add(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels)
                        .value(value)
                        .build());
            }
        } else {
            gauges.add(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(labels)
                    .value(value)
                    .build());
        }
        return this;
    }

    /** A summary point; {@code sum} NaN when Cassandra keeps no total for it. */
    Samples addSummary(Labels labels, double[] quantileValues, long count, double sum) {
        Quantiles.Builder quantiles = Quantiles.builder();
        for (int i = 0; i < quantileValues.length; i++) {
            quantiles.quantile(new Quantile(family.quantiles().get(i), quantileValues[i]));
        }
        SummarySnapshot.SummaryDataPointSnapshot.Builder point = SummarySnapshot.SummaryDataPointSnapshot.builder()
                .labels(labels)
                .quantiles(quantiles.build())
                .count(count);
        if (!Double.isNaN(sum)) {
            point.sum(sum);
        }
        summaries.add(point.build());
        return this;
    }

    boolean isEmpty() {
        return counters.isEmpty() && gauges.isEmpty() && summaries.isEmpty();
    }

    MetricSnapshot build() {
        return switch (family.kind()) {
            case COUNTER ->
                new CounterSnapshot(
                        new io.prometheus.metrics.model.snapshots.MetricMetadata(family.name(), family.help()),
                        counters);
            case GAUGE ->
                new GaugeSnapshot(
                        new io.prometheus.metrics.model.snapshots.MetricMetadata(family.name(), family.help()), gauges);
            case SUMMARY ->
                new SummarySnapshot(
                        new io.prometheus.metrics.model.snapshots.MetricMetadata(family.name(), family.help()),
                        summaries);
        };
    }
}
