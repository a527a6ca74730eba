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
 */
public final class SnapshotFiles {
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
