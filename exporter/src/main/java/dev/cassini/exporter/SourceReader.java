package dev.cassini.exporter;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;

/** Reads the current value of a registry metric into a family's samples, in the family's base unit. */
final class SourceReader {
    private static final double MICROS = 1e-6;

    private SourceReader() {}

    static void read(Source source, Samples into) {
        Metric metric = source.value;
        if (metric == null) {
            return;
        }
        Family family = source.family;
        try {
            if (family.kind() == Family.Kind.SUMMARY) {
                readSummary(source, metric, into);
            } else {
                into.add(source.labels, number(metric) * family.scale());
            }
        } catch (RuntimeException e) {
            // A gauge of a table being dropped, or of a component still starting, may throw: skip it this scrape.
        }
    }

    private static void readSummary(Source source, Metric metric, Samples into) {
        if (!(metric instanceof Sampling sampling) || !(metric instanceof Counting counting)) {
            return;
        }
        Family family = source.family;
        Snapshot snapshot = sampling.getSnapshot();
        double[] values = new double[family.quantiles().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = snapshot.getValue(family.quantiles().get(i)) * family.scale();
        }
        Counting sum = source.sumMicros;
        into.addSummary(source.labels, values, counting.getCount(), sum == null ? Double.NaN : sum.getCount() * MICROS);
    }

    private static double number(Metric metric) {
        if (metric instanceof Gauge<?> gauge) {
            return gauge.getValue() instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        if (metric instanceof Counting counting) {
            return counting.getCount();
        }
        return Double.NaN;
    }
}
