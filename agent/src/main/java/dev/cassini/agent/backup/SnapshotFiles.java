package dev.cassini.agent.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one snapshot under a data directory: Cassandra writes a snapshot tagged {@code tag}
 * of table {@code ks.t} to {@code <data>/<ks>/<t>-<table id>/snapshots/<tag>/}, as hard links to
 * the table's SSTable components (so taking it costs no space), plus its manifest and schema.
 *
 * <p>The snapshot's own {@code manifest.json} is left out: it only lists the files and the time
 * of the snapshot, which the node's backup manifest records anyway, and being new in every
 * snapshot it would be stored again for every backup. The table's {@code schema.cql} stays: a
 * restore may need to create the table as it was.
 */
public final class SnapshotFiles {
    private static final String CASSANDRA_MANIFEST = "manifest.json";

    private SnapshotFiles() {}

    /** One file of the snapshot and the table it belongs to. */
    public record SnapshotFile(String keyspace, String table, String tableId, Path path) {}

    public static List<SnapshotFile> list(Path dataDirectory, String tag) throws IOException {
        List<SnapshotFile> files = new ArrayList<>();
        if (!Files.isDirectory(dataDirectory)) {
            return files;
        }
        try (Stream<Path> keyspaces = Files.list(dataDirectory)) {
            for (Path keyspace : keyspaces.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> tables = Files.list(keyspace)) {
                    for (Path table : tables.filter(Files::isDirectory).sorted().toList()) {
                        Path snapshot = table.resolve("snapshots").resolve(tag);
                        String name = table.getFileName().toString();
                        int dash = name.lastIndexOf('-');
                        if (!Files.isDirectory(snapshot) || dash <= 0) {
                            continue;
                        }
                        try (Stream<Path> components = Files.list(snapshot)) {
                            components
                                    .filter(Files::isRegularFile)
                                    .filter(file ->
                                            !file.getFileName().toString().equals(CASSANDRA_MANIFEST))
                                    .sorted()
                                    .forEach(file -> files.add(new SnapshotFile(
                                            keyspace.getFileName().toString(),
                                            name.substring(0, dash),
                                            name.substring(dash + 1),
                                            file)));
                        }
                    }
                }
            }
        }
        return files;
    }
}
