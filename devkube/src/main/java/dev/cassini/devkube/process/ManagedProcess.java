package dev.cassini.devkube.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child process devkube started: output appended to a log file, PID recorded in the
 * {@link PidRegistry} for the whole of its life so a crashed JVM leaves nothing behind for long.
 */
public final class ManagedProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final PidRegistry registry;
    /**
     * What the process had started when it was told to stop. A container's processes end with its
     * first one (the PID namespace goes), so a child it leaves behind, as a node agent may leave the
     * Cassandra it had not finished stopping, is killed once the process has exited.
     */
    private volatile List<ProcessHandle> startedByIt = List.of();

    private ManagedProcess(String name, Process process, Path logFile, PidRegistry registry) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.registry = registry;
    }

    public static ManagedProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            boolean inheritEnvironment,
            Path workingDirectory,
            Path logFile,
            PidRegistry registry) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workingDirectory);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (!inheritEnvironment) {
                builder.environment().clear();
                // A container sees only its own environment, but a process still needs a PATH and a HOME.
                builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
                builder.environment().put("HOME", System.getProperty("user.home"));
                builder.environment().put("LANG", "C.UTF-8");
            }
            builder.environment().putAll(environment);
            Process process = ProcessLauncher.start(builder);
            registry.record(name, process.toHandle());
            LOG.debug("started {} (pid {}): {}", name, process.pid(), command);
            return new ManagedProcess(name, process, logFile, registry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** The exit code, or null while running. */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** @return true if it exited by itself within the grace period after SIGTERM */
    public boolean stop(Duration grace) {
        boolean graceful = !process.isAlive() || ProcessTree.stop(process.toHandle(), grace);
        registry.forget(name);
        LOG.debug(
                "stopped {} (pid {}, {})",
                name,
                process.pid(),
                graceful ? "exited on SIGTERM" : "killed after " + grace);
        return graceful;
    }

    /** Sends SIGTERM without waiting, so several processes can share one grace period. */
    public void terminate() {
        startedByIt = process.descendants().toList();
        process.destroy();
    }

    /** Waits up to {@code timeout} for the process to exit; true if it did. */
    public boolean awaitExit(Duration timeout) {
        return ProcessTree.waitFor(process.toHandle(), timeout);
    }

    /** SIGKILL to the process and its descendants. */
    public void kill() {
        ProcessTree.kill(process.toHandle(), Duration.ofSeconds(5));
        registry.forget(name);
    }

    /**
     * Drops the PID file once the process has exited by itself. The process-tree wait that comes
     * before this sees the exit as soon as the process is a zombie, a moment before the JDK's reaper
     * marks the Process exited; waiting for the reaper briefly keeps the registry from keeping a
     * dead process's entry.
     */
    public void forgetIfExited() {
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
            killLeftovers();
            registry.forget(name);
        }
    }

    private void killLeftovers() {
        for (ProcessHandle left : ProcessTree.killSurvivors(startedByIt)) {
            LOG.info("{} (pid {}) exited and left pid {} running: killed", name, process.pid(), left.pid());
        }
    }
}
