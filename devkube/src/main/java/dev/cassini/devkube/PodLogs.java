package dev.cassini.devkube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds pod logs in a devkube state directory. Each pod incarnation has its own directory
 * {@code pods/<namespace>_<name>_<uid>/logs/<container>.log}; the newest one is "the" pod's log.
 */
public final class PodLogs {
    private PodLogs() {}

    public static Optional<Path> newestLogDirectory(Path podsRoot, String namespace, String pod) {
        if (!Files.isDirectory(podsRoot)) {
            return Optional.empty();
        }
        String prefix = namespace + "_" + pod + "_";
        try (Stream<Path> dirs = Files.list(podsRoot)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix)
                            && d.getFileName()
                                    .toString()
                                    .substring(prefix.length())
                                    .matches("[0-9a-f-]{36}"))
                    .map(d -> d.resolve("logs"))
                    .filter(Files::isDirectory)
                    .max(Comparator.comparing(PodLogs::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
