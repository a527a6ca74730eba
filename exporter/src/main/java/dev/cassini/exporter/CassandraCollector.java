package dev.cassini.exporter;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * One scrape: the node status, JVM and disk families, then the registry families. Before Cassandra
 * has started far enough to attach to, only what is known without it.
 */
final class CassandraCollector {
    private final ExporterSettings settings;
    private final Labels nodeLabels;
    private final NodeStatusCollector status;
    private final JvmCollector jvm;
    private final DataDirectoryCollector dataDirectories;
    private final RegistryCollector registry;
    private volatile SelectedMetrics selected;

    CassandraCollector(ExporterSettings settings) {
        this.settings = settings;
        this.nodeLabels = Labels.of(
                "cluster",
                settings.cluster(),
                "dc",
                settings.datacenter(),
                "rack",
                settings.rack(),
                "node",
                settings.node());
        this.status = new NodeStatusCollector(nodeLabels);
        this.jvm = new JvmCollector(nodeLabels);
        this.dataDirectories = new DataDirectoryCollector(nodeLabels);
        this.registry = new RegistryCollector(nodeLabels, settings.tableLimit());
    }

    /** A listener to register on Cassandra's registry; {@link #use} it once registered. */
    SelectedMetrics newSelection() {
        return new SelectedMetrics(nodeLabels, TableFilter.of(settings));
    }

    /** From now on scrapes export this selection's metrics. */
    void use(SelectedMetrics selection) {
        selected = selection;
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
        registry.collect(metrics, out);
        return new MetricSnapshots(out);
    }
}
