package dev.cassini.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node agent running as its own JVM, as in a pod, with Cassandra as its child. Stopping it sends
 * SIGTERM (the agent drains and stops Cassandra), kills it after a grace period, and then kills
 * any process it left behind, by PID, so no test leaves a Cassandra running even when it fails.
 */
final class AgentProcess implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final Path log;
    private final AgentClient client;

    private AgentProcess(String name, Process process, Path log, AgentClient client) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.client = client;
    }

    /** Launches the agent and waits until its API answers. */
    static AgentProcess launch(String name, Map<String, String> settings) throws IOException, InterruptedException {
        Path logDir = Path.of("target", "it-logs");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.cassini.agent.AgentMain"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.putAll(settings);
        Process process = builder.start();
        String address = settings.get("CASSINI_ADDRESS");
        int port = Integer.parseInt(settings.getOrDefault("CASSINI_API_PORT", "8080"));
        AgentProcess agent = new AgentProcess(name, process, log, new AgentClient(address, port));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "agent " + name + " exited with " + process.exitValue() + ":\n" + agent.logTail(30));
            }
            if (agent.client.liveStatus() == 200) {
                return agent;
            }
            Thread.sleep(200);
        }
        agent.close();
        throw new IllegalStateException(
                "agent " + name + " did not answer on " + address + ":" + port + " within 60 s:\n" + agent.logTail(30));
    }

    AgentClient client() {
        return client;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as Kubernetes sends on pod deletion; returns the agent's exit code. */
    int terminate() throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        killLeftovers(descendants);
        return process.exitValue();
    }

    /** SIGKILL to the agent and everything it started: a crash, nothing drained. */
    void kill() throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor();
        killLeftovers(descendants);
    }

    private static void killLeftovers(List<ProcessHandle> handles) {
        for (ProcessHandle h : handles) {
            if (h.isAlive()) {
                h.destroyForcibly();
                h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> h).join();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ")";
    }

    /** The settings of a test node: auth off unless asked, small heap, fast gossip settle. */
    static Map<String, String> nodeSettings(
            String cluster, String rack, String address, Path dataDir, List<String> seeds) {
        Map<String, String> env = new HashMap<>();
        env.put("CASSINI_CLUSTER_NAME", cluster);
        env.put("CASSINI_DATACENTER", "dc1");
        env.put("CASSINI_RACK", rack);
        env.put("CASSINI_ADDRESS", address);
        env.put("CASSINI_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.put("CASSINI_SEEDS", String.join(",", seeds));
        env.put("CASSINI_AUTH", "false");
        env.put("CASSINI_HEAP", "512M");
        // Tests start nodes they already know the whole ring of; waiting for gossip to settle only costs time.
        env.put("CASSINI_JVM_OPTIONS", "-Dcassandra.skip_wait_for_gossip_to_settle=0");
        return env;
    }
}
