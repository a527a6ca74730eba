package dev.cassini.devkube;

import dev.cassini.devkube.binaries.KubeBinaries;
import dev.cassini.devkube.image.JavaMainLauncher;
import dev.cassini.devkube.process.PidRegistry;
import dev.cassini.devkube.process.ProcessTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs devkube in a background JVM ({@link DevKubeMain}) for the CLI: start, find, stop. The
 * background JVM's PID is recorded with its start time, so {@code stop} never signals a stranger,
 * and after a crash {@code stop} or the next {@code start} reaps whatever it left.
 */
public final class DevKubeDaemon {
    private static final String NAME = "devkube-daemon";
    private final Path stateDirectory;
    private final PidRegistry daemonPid;

    public DevKubeDaemon(Path stateDirectory) {
        this.stateDirectory = stateDirectory.toAbsolutePath();
        this.daemonPid = new PidRegistry(this.stateDirectory.resolve("daemon"));
    }

    /** The default state directory: {@code $CASSINI_CACHE/devkube} (i.e. {@code ~/.cache/cassini/devkube}). */
    public static Path defaultStateDirectory(Map<String, String> env) {
        return KubeBinaries.cacheRoot(env).resolve("devkube");
    }

    public Path stateDirectory() {
        return stateDirectory;
    }

    public Path logFile() {
        return stateDirectory.resolve("devkube.log");
    }

    /** The running devkube's status, if its background JVM is alive and ready. */
    public Optional<DevKubeStatus> status() {
        Optional<ProcessHandle> process = daemonPid.lookup(NAME);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        return DevKubeStatus.read(stateDirectory)
                .filter(s -> s.pid() == process.get().pid());
    }

    public boolean isRunning() {
        return daemonPid.lookup(NAME).isPresent();
    }

    /**
     * Starts the background devkube and waits until it is ready, after building the control-plane
     * binaries in this process if none are cached.
     *
     * @param images extra images: repository to entrypoint (JVM options, then the main class, space-separated),
     *     run from this JVM's class path
     */
    public DevKubeStatus start(List<String> zones, int nodesPerZone, Map<String, String> images, Duration timeout) {
        Optional<DevKubeStatus> running = status();
        if (running.isPresent()) {
            return running.get();
        }
        if (isRunning()) {
            throw new IllegalStateException("a devkube is starting or stuck in " + stateDirectory + "; run stop first");
        }
        if (DevKube.isInUse(stateDirectory)) {
            throw new IllegalStateException(
                    "another program runs a devkube in " + stateDirectory + "; use another --state-dir");
        }
        new PidRegistry(stateDirectory.resolve("pids")).reapLeftovers();
        // A first run builds the control plane (many minutes): do it here, where its progress is
        // seen, so the timeout below covers only the start itself.
        KubeBinaries.findOrBuild(System.getenv());
        List<String> command = new ArrayList<>(List.of(
                JavaMainLauncher.javaExecutable(),
                "-Dlogback.configurationFile=dev/cassini/devkube/daemon-logback.xml",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                DevKubeMain.class.getName(),
                stateDirectory.toString(),
                "--zones",
                String.join(",", zones),
                "--nodes-per-zone",
                String.valueOf(nodesPerZone)));
        images.forEach((repository, mainClass) -> command.addAll(List.of("--image", repository + "=" + mainClass)));
        Process process;
        try {
            Files.createDirectories(stateDirectory);
            Files.deleteIfExists(DevKubeStatus.file(stateDirectory));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the devkube background process", e);
        }
        daemonPid.record(NAME, process.toHandle());
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<DevKubeStatus> status = DevKubeStatus.read(stateDirectory).filter(s -> s.pid() == process.pid());
            if (status.isPresent()) {
                return status.get();
            }
            if (!process.isAlive()) {
                daemonPid.forget(NAME);
                throw new IllegalStateException(
                        "devkube exited with code " + process.exitValue() + " while starting; see " + logFile());
            }
            sleep(200);
        }
        stop(Duration.ofSeconds(30));
        throw new IllegalStateException("devkube not ready within " + timeout + "; see " + logFile());
    }

    /**
     * Stops the background devkube (SIGTERM: it stops its pods and control plane), kills it after
     * {@code grace}, then reaps any process it recorded and left behind.
     *
     * @return whether a devkube was running
     */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> process = daemonPid.lookup(NAME);
        process.ifPresent(p -> ProcessTree.stop(p, grace));
        daemonPid.forget(NAME);
        if (!DevKube.isInUse(stateDirectory)) { // never reap a devkube another program runs here
            new PidRegistry(stateDirectory.resolve("pids")).reapLeftovers();
        }
        try {
            Files.deleteIfExists(DevKubeStatus.file(stateDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return process.isPresent();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
