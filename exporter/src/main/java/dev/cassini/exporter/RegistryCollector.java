package dev.cassini.exporter;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;

/**
 * The registry part of a scrape: node-wide families, then per-table families for at most the table
 * limit, then how many tables were exported and left out (so a too-low limit is visible).
 */
final class RegistryCollector {
    private final Labels nodeLabels;
    private final int tableLimit;

    RegistryCollector(Labels nodeLabels, int tableLimit) {
        this.nodeLabels = nodeLabels;
        this.tableLimit = tableLimit;
    }

    void collect(SelectedMetrics metrics, List<MetricSnapshot> out) {
        for (Family family : Catalog.NODE_REGISTRY_FAMILIES) {
            Samples samples = new Samples(family);
            for (Source source : metrics.nodeSources(family)) {
                SourceReader.read(source, samples);
            }
            add(samples, out);
        }
        List<Map<Family, Source>> tables = metrics.tables(tableLimit);
        for (Family family : Catalog.TABLE_FAMILIES) {
            Samples samples = new Samples(family);
            for (Map<Family, Source> table : tables) {
                Source source = table.get(family);
                if (source != null) {
                    SourceReader.read(source, samples);
                }
            }
            add(samples, out);
        }
        out.add(new Samples(Catalog.EXPORTER_TABLES)
                .add(nodeLabels.add("state", "exported"), tables.size())
                .add(nodeLabels.add("state", "omitted"), Math.max(0, metrics.tableCount() - tables.size()))
                .build());
    }

    /** A family with no data points (e.g. no tables yet) is left out rather than written as an empty header. */
    private static void add(Samples samples, List<MetricSnapshot> out) {
        if (!samples.isEmpty()) {
            out.add(samples.build());
        }
    }
}
