package dev.cassini.exporter;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistryListener;
import com.codahale.metrics.Timer;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The registry entries of the default set, kept up to date by listening to the registry: a
 * Dropwizard registry tells its listeners about every metric already there and every one added or
 * removed later (tables created and dropped). Each entry is classified once, here, so a scrape only
 * visits the few thousand metrics it exports instead of scanning the tens of thousands Cassandra
 * registers.
 */
final class SelectedMetrics implements MetricRegistryListener {
    private final Labels nodeLabels;
    private final TableFilter tableFilter;
    private final Map<Family, ConcurrentSkipListMap<List<String>, Source>> node = new LinkedHashMap<>();
    /** Keyed by keyspace.table, so the table limit keeps the same tables on every scrape. */
    private final ConcurrentSkipListMap<String, Map<Family, Source>> tables = new ConcurrentSkipListMap<>();

    SelectedMetrics(Labels nodeLabels, TableFilter tableFilter) {
        this.nodeLabels = nodeLabels;
        this.tableFilter = tableFilter;
        for (Family family : Catalog.NODE_REGISTRY_FAMILIES) {
            node.put(family, new ConcurrentSkipListMap<>(SelectedMetrics::compareLabelValues));
        }
    }

    /** The node-level sources of a registry family, in label order. */
    Iterable<Source> nodeSources(Family family) {
        return node.get(family).values();
    }

    /** Up to {@code limit} tables, first in keyspace.table order, each with its sources by family. */
    List<Map<Family, Source>> tables(int limit) {
        List<Map<Family, Source>> out = new ArrayList<>(Math.min(limit, tables.size()));
        for (Map<Family, Source> table : tables.values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(table);
        }
        return out;
    }

    int tableCount() {
        return tables.size();
    }

    private void add(String name, Metric metric) {
        RegistryName parsed = RegistryName.parse(name);
        Catalog.Binding binding = parsed == null ? null : Catalog.bind(parsed);
        if (binding == null) {
            return;
        }
        Family family = binding.family();
        Source source;
        if (family.perTable()) {
            String keyspace = binding.labelValues().get(0);
            String table = binding.labelValues().get(1);
            if (!tableFilter.exports(keyspace, table)) {
                return;
            }
            source = tables.computeIfAbsent(keyspace + "." + table, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(family, f -> new Source(f, labels(f, binding.labelValues())));
        } else {
            source =
                    node.get(family).computeIfAbsent(binding.labelValues(), v -> new Source(family, labels(family, v)));
        }
        if (binding.role() == Catalog.Role.SUM_MICROS) {
            if (metric instanceof Counting counting) {
                source.sumMicros = counting;
            }
        } else {
            source.value = metric;
        }
    }

    private void remove(String name) {
        RegistryName parsed = RegistryName.parse(name);
        Catalog.Binding binding = parsed == null ? null : Catalog.bind(parsed);
        if (binding == null) {
            return;
        }
        Family family = binding.family();
        if (family.perTable()) {
            String key =
                    binding.labelValues().get(0) + "." + binding.labelValues().get(1);
            Map<Family, Source> table = tables.get(key);
            if (table != null) {
                clear(table.get(family), binding.role());
                table.computeIfPresent(family, (f, s) -> s.isEmpty() ? null : s);
                tables.computeIfPresent(key, (k, t) -> t.isEmpty() ? null : t);
            }
        } else {
            ConcurrentSkipListMap<List<String>, Source> sources = node.get(family);
            clear(sources.get(binding.labelValues()), binding.role());
            sources.computeIfPresent(binding.labelValues(), (v, s) -> s.isEmpty() ? null : s);
        }
    }

    private static void clear(Source source, Catalog.Role role) {
        if (source == null) {
            return;
        }
        if (role == Catalog.Role.SUM_MICROS) {
            source.sumMicros = null;
        } else {
            source.value = null;
        }
    }

    private Labels labels(Family family, List<String> values) {
        return nodeLabels.merge(family.scopeLabels().toArray(new String[0]), values.toArray(new String[0]));
    }

    private static int compareLabelValues(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public void onGaugeAdded(String name, Gauge<?> gauge) {
        add(name, gauge);
    }

    @Override
    public void onGaugeRemoved(String name) {
        remove(name);
    }

    @Override
    public void onCounterAdded(String name, Counter counter) {
        add(name, counter);
    }

    @Override
    public void onCounterRemoved(String name) {
        remove(name);
    }

    @Override
    public void onHistogramAdded(String name, Histogram histogram) {
        add(name, histogram);
    }

    @Override
    public void onHistogramRemoved(String name) {
        remove(name);
    }

    @Override
    public void onMeterAdded(String name, Meter meter) {
        add(name, meter);
    }

    @Override
    public void onMeterRemoved(String name) {
        remove(name);
    }

    @Override
    public void onTimerAdded(String name, Timer timer) {
        add(name, timer);
    }

    @Override
    public void onTimerRemoved(String name) {
        remove(name);
    }
}
