package dev.cassini.exporter;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.cassandra.config.DatabaseDescriptor;

/**
 * Size and free space of the file systems holding Cassandra's data directories: compaction needs
 * free space as large as the SSTables it merges, so this is what a disk alert watches.
 */
final class DataDirectoryCollector {
    private final Labels nodeLabels;
    private volatile Map<String, Labels> directories;

    DataDirectoryCollector(Labels nodeLabels) {
        this.nodeLabels = nodeLabels;
    }

    /** Called only once Cassandra's configuration is loaded. */
    void collect(List<MetricSnapshot> out) {
        if (directories == null) {
            Map<String, Labels> dirs = new LinkedHashMap<>();
            for (String dir : DatabaseDescriptor.getAllDataFileLocations()) {
                dirs.put(dir, nodeLabels.add("directory", dir));
            }
            directories = dirs;
        }
        Samples total = new Samples(Catalog.DATA_DIR_TOTAL);
        Samples available = new Samples(Catalog.DATA_DIR_AVAILABLE);
        for (Map.Entry<String, Labels> dir : directories.entrySet()) {
            try {
                FileStore store = Files.getFileStore(Path.of(dir.getKey()));
                total.add(dir.getValue(), store.getTotalSpace());
                available.add(dir.getValue(), store.getUsableSpace());
            } catch (IOException e) {
                // A directory that vanished or a file system that went away: no point rather than a wrong one.
            }
        }
        out.add(total.build());
        out.add(available.build());
    }
}
