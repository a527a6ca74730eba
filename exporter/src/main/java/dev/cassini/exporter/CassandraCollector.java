package dev.cassini.exporter;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One scrape: the node status, JVM and disk families, then the registry families (node-wide, then
 * per table for at most the table limit). Before Cassandra has started far enough to attach to,
 * only what is known without it.
 */
final class CassandraCollector {
    private final ExporterSettings settings;
    private final Labels nodeLabels;
    private final NodeStatusCollector status;
    private final JvmCollector jvm;
    private final DataDirectoryCollector dataDirectories;
    private volatile SelectedMetrics selected;

    CassandraCollector(ExporterSettings settings) {
        this.settings = settings;
        this.nodeLabels = Labels.of("cluster", settings.cluster(), "dc", settings.datacenter(), "rack", settings.rack(),
                "node", settings.node());
        this.status = new NodeStatusCollector(nodeLabels);
        this.jvm = new JvmCollector(nodeLabels);
        this.dataDirectories = new DataDirectoryCollector(nodeLabels);
    }

    /** A listener to register on Cassandra's registry; {@link #use} it once registered. */
    SelectedMetrics newSelection() {
        return new SelectedMetrics(nodeLabels, TableFilter.of(settings));
    }

    /** From now on scrapes export this selection's metrics. */
    void use(SelectedMetrics selection) {
        selected = selection;
    }

    /** Whether the scrape reads Cassandra or only reports it starting. */
    boolean attached() {
        return selected != null;
    }

    MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>(Catalog.families().size());
        SelectedMetrics metrics = selected;
        if (metrics == null) {
            status.collectStarting(out);
            jvm.collect(out);
            return new MetricSnapshots(out);
        }
        status.collect(out);
        jvm.collect(out);
        dataDirectories.collect(out);
        for (Family family : Catalog.NODE_REGISTRY_FAMILIES) {
            Samples samples = new Samples(family);
            for (Source source : metrics.nodeSources(family)) {
                SourceReader.read(source, samples);
            }
            add(samples, out);
        }
        List<Map<Family, Source>> tables = metrics.tables(settings.tableLimit());
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
        int exported = tables.size();
        out.add(new Samples(Catalog.EXPORTER_TABLES)
                .add(nodeLabels.add("state", "exported"), exported)
                .add(nodeLabels.add("state", "omitted"), Math.max(0, metrics.tableCount() - exported))
                .build());
        return new MetricSnapshots(out);
    }

    /** A family with no data points (e.g. no tables yet) is left out rather than written as an empty header. */
    private static void add(Samples samples, List<MetricSnapshot> out) {
        if (!samples.isEmpty()) {
            out.add(samples.build());
        }
    }
}
