package dev.cassini.agent.runtime;

import dev.cassini.agent.config.CassandraYamlRenderer;
import dev.cassini.agent.config.JvmOptions;
import dev.cassini.agent.config.LogbackRenderer;
import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.config.NodeConfigLoader;
import dev.cassini.agent.config.NodeDirectories;
import dev.cassini.agent.config.RackDcRenderer;
import dev.cassini.agent.config.StartPlan;
import dev.cassini.contract.ExitRecord;
import dev.cassini.contract.ProcessState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Cassandra as the agent's child process: starts it only when asked, stops it (the caller
 * drains first), and remembers why the last process ended. One process at a time.
 */
public final class CassandraSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraSupervisor.class);

    private final NodeConfig config;
    private final Map<String, String> env;
    private final Path helperSocket;
    private final PrintStream echo;

    private Process process;
    private OutputPump pump;
    private ProcessState state = ProcessState.NOT_STARTED;
    private Instant startedAt;
    private boolean stopRequested;
    private ExitRecord lastExit;
    private StartPlan lastPlan;

    public CassandraSupervisor(NodeConfig config, Map<String, String> env, Path helperSocket, PrintStream echo) {
        this.config = config;
        this.env = Map.copyOf(env);
        this.helperSocket = helperSocket;
        this.echo = echo;
    }

    public synchronized ProcessState state() {
        return state;
    }

    public synchronized Optional<ExitRecord> lastExit() {
        return Optional.ofNullable(lastExit);
    }

    public synchronized Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public synchronized Optional<StartPlan> lastPlan() {
        return Optional.ofNullable(lastPlan);
    }

    public synchronized Optional<Long> pid() {
        return process == null || !process.isAlive() ? Optional.empty() : Optional.of(process.pid());
    }

    /** Renders the configuration and starts Cassandra. Refuses while a process is running. */
    public synchronized void start(StartPlan plan) throws IOException {
        if (state == ProcessState.RUNNING || state == ProcessState.STOPPING) {
            throw new IllegalStateException("Cassandra is already "
                    + state.name().toLowerCase() + " (pid " + process.pid() + "); stop it first or use restart");
        }
        // Cassandra keeps the token count of its first boot and refuses every later start whose
        // num_tokens differs; later starts render the configured count, so the first one must too.
        int tokens = plan.initialTokens().size();
        if (tokens > 0 && tokens != config.numTokens()) {
            throw new IllegalStateException("initialTokens lists " + tokens + " tokens but this node has "
                    + NodeConfigLoader.ENV_NUM_TOKENS + "=" + config.numTokens()
                    + "; Cassandra fixes the token count at first boot"
                    + " and would refuse to restart with another. Give " + config.numTokens() + " tokens or set "
                    + NodeConfigLoader.ENV_NUM_TOKENS + "=" + tokens);
        }
        NodeDirectories dirs = config.directories();
        dirs.create();
        CassandraDistribution distribution = CassandraDistribution.resolve(config.cassandraVersion(), env);
        Path helperJar = HelperJar.locate(dirs.agentState());
        Path exporterJar = config.metrics().enabled() ? ExporterJar.locate() : null;

        CassandraTlsFiles.stage(config);
        Files.writeString(dirs.cassandraYaml(), CassandraYamlRenderer.render(config, plan));
        Files.writeString(dirs.rackDcProperties(), RackDcRenderer.render(config));
        Files.writeString(dirs.logbackXml(), LogbackRenderer.render(config));
        List<String> jvmOptions = JvmOptions.build(
                config, plan, distribution.jammJar().orElse(null), helperJar, helperSocket, exporterJar);
        Files.writeString(
                dirs.jvmOptionsFile(),
                "# JVM options of the last start, for reference\n" + String.join("\n", jvmOptions) + "\n");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(
                dirs.conf() + java.io.File.pathSeparator + distribution.libDir().resolve("*"));
        command.add("org.apache.cassandra.service.CassandraDaemon");

        Files.deleteIfExists(helperSocket);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dirs.root().toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        process = builder.start();
        pump = new OutputPump(process.getInputStream(), dirs.outputLog(), echo, "cassandra-output-" + process.pid());
        state = ProcessState.RUNNING;
        startedAt = Instant.now();
        stopRequested = false;
        lastPlan = plan;
        Process started = process;
        LOG.info(
                "started Cassandra {} as pid {} on {} (dc {}, rack {})",
                config.cassandraVersion(),
                started.pid(),
                config.address(),
                config.datacenter(),
                config.rack());
        started.onExit().thenAccept(this::recordExit);
    }

    private synchronized void recordExit(Process exited) {
        if (exited != process) {
            return;
        }
        int code = exited.exitValue();
        List<String> lines = stopRequested ? List.of() : pump.lastLines();
        String reason = stopRequested
                ? "stopped on request (exit code " + code + ")"
                : "Cassandra exited on its own with code " + code + describe(code) + "; see the last lines and "
                        + config.directories().systemLog();
        lastExit = new ExitRecord(Instant.now(), code, stopRequested, reason, lines);
        state = ProcessState.EXITED;
        if (stopRequested) {
            LOG.info("Cassandra pid {} {}", exited.pid(), reason);
        } else {
            LOG.warn("Cassandra pid {} {}", exited.pid(), reason);
        }
        notifyAll();
    }

    private static String describe(int code) {
        return code > 128 ? " (killed by signal " + (code - 128) + ")" : "";
    }

    /**
     * Terminates the process (SIGTERM lets Cassandra's shutdown hook run), then kills it if it is
     * still alive after the grace period. Drain before calling this to flush memtables and stop
     * serving cleanly. Returns at once if nothing is running.
     */
    public void terminate(Duration grace) throws InterruptedException {
        Process target;
        synchronized (this) {
            if (process == null || !process.isAlive()) {
                return;
            }
            stopRequested = true;
            state = ProcessState.STOPPING;
            target = process;
        }
        target.destroy();
        if (!target.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn(
                    "Cassandra pid {} did not stop within {}s of SIGTERM; killing it", target.pid(), grace.toSeconds());
            target.destroyForcibly();
            target.waitFor();
        }
        synchronized (this) {
            while (state == ProcessState.STOPPING && process == target) {
                wait(100);
            }
        }
    }

    /** Marks the coming exit as requested, e.g. before a drain that is followed by terminate. */
    public synchronized void beginStop() {
        if (process != null && process.isAlive()) {
            stopRequested = true;
            state = ProcessState.STOPPING;
        }
    }
}
