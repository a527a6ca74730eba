package dev.cassini.exporter;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Metric;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * One series group of a family: the registry metric behind it, with labels fixed when it was
 * registered so a scrape does no label work. A summary may also have a total-latency counter
 * (Cassandra keeps it in microseconds) that becomes its sum.
 */
final class Source {
    final Family family;
    final Labels labels;
    volatile Metric value;
    volatile Counting sumMicros;

    Source(Family family, Labels labels) {
        this.family = family;
        this.labels = labels;
    }

    boolean isEmpty() {
        return value == null && sumMicros == null;
    }
}
