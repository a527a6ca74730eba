package dev.cassini.exporter;

import java.util.List;

/**
 * One exported metric family: its stable Prometheus name, what it means, how a Dropwizard metric
 * turns into its samples, and the label names its scope fills in.
 *
 * @param scale multiplies every value read, to turn Cassandra's units (microseconds) into base units (seconds)
 * @param quantiles for summaries: the quantiles exported (each one is a series, so few for per-table families)
 * @param scopeLabels labels taken from the registry scope, in order (keyspace, table for tables)
 */
public record Family(
        String name, String help, Kind kind, double scale, List<Double> quantiles, List<String> scopeLabels) {

    public enum Kind {
        /** A monotonic count: Counter, Meter, Timer or Histogram count, or a gauge of a running total. */
        COUNTER,
        /** A value that goes up and down: a Gauge, or a Counter Cassandra uses as a level. */
        GAUGE,
        /** Quantiles of a Timer or Histogram, with its count (and a sum when Cassandra keeps a total). */
        SUMMARY
    }

    public Family {
        quantiles = List.copyOf(quantiles);
        scopeLabels = List.copyOf(scopeLabels);
    }

    static Family counter(String name, String help, String... scopeLabels) {
        return new Family(name, help, Kind.COUNTER, 1, List.of(), List.of(scopeLabels));
    }

    static Family gauge(String name, String help, String... scopeLabels) {
        return new Family(name, help, Kind.GAUGE, 1, List.of(), List.of(scopeLabels));
    }

    static Family summary(String name, String help, double scale, List<Double> quantiles, String... scopeLabels) {
        return new Family(name, help, Kind.SUMMARY, scale, quantiles, List.of(scopeLabels));
    }

    /** How many series one source of this family adds: one per quantile plus count (and sum) for summaries. */
    public int seriesPerSource(boolean withSum) {
        return kind == Kind.SUMMARY ? quantiles.size() + 1 + (withSum ? 1 : 0) : 1;
    }

    boolean perTable() {
        return scopeLabels.equals(List.of("keyspace", "table"));
    }
}
