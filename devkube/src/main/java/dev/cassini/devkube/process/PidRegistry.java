package dev.cassini.devkube.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers every process devkube starts in a directory of PID files, so that after a JVM killed
 * with SIGKILL (no shutdown hook runs) the next start in the same state directory can reap the
 * orphans. A PID file also holds the process start time: a PID reused by an unrelated process
 * after a reboot or wrap-around is never killed.
 */
public final class PidRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PidRegistry.class);
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(2);

    private final Path directory;

    public PidRegistry(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the PID directory " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    public void record(String name, ProcessHandle process) {
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            Files.writeString(file(name), process.pid() + " " + started + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record PID of " + name, e);
        }
    }

    public void forget(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            LOG.warn("cannot delete PID file of {}", name, e);
        }
    }

    /** The live process recorded under this name, if it is still the one we started. */
    public Optional<ProcessHandle> lookup(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> sameStart(p, started));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable PID file {}", file, e);
            return Optional.empty();
        }
    }

    /** Kills every recorded process still alive (children first) and clears the registry. */
    public int reapLeftovers() {
        int reaped = 0;
        for (String name : names()) {
            Optional<ProcessHandle> leftover = lookup(name);
            if (leftover.isPresent()) {
                ProcessHandle p = leftover.get();
                LOG.warn(
                        "reaping leftover process {} (pid {}) from an earlier devkube in {}", name, p.pid(), directory);
                ProcessTree.kill(p, Duration.ofSeconds(5));
                reaped++;
            }
            forget(name);
        }
        return reaped;
    }

    public List<String> names() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean sameStart(ProcessHandle p, long recordedMillis) {
        if (recordedMillis == 0) {
            return true;
        }
        return p.info()
                .startInstant()
                .map(s -> Math.abs(s.toEpochMilli() - recordedMillis) <= START_TIME_TOLERANCE.toMillis())
                .orElse(false);
    }

    private Path file(String name) {
        return directory.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".pid");
    }
}
