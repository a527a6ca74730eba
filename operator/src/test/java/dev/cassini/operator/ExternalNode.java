package dev.cassini.operator;

import dev.cassini.contract.AgentEnvironment;
import dev.cassini.pki.AnyServerCertificate;
import dev.cassini.pki.TlsFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Cassandra node outside Kubernetes, as a virtual machine runs it: the node agent in its own JVM
 * with the settings {@code cassini node} gives it (its flags only set these environment
 * variables), Cassandra its child. Closing it sends SIGTERM (the agent drains and stops
 * Cassandra), kills it after a grace period, then kills by PID whatever it left behind.
 */
public final class ExternalNode implements AutoCloseable {
    private static final Duration GRACE = Duration.ofSeconds(60);
    private final String address;
    private final Map<String, String> env;
    private final Process process;
    private final Path log;

    private ExternalNode(String address, Map<String, String> env, Process process, Path log) {
        this.address = address;
        this.env = Map.copyOf(env);
        this.process = process;
        this.log = log;
    }

    /**
     * Starts one node of a new ring of {@code ringSize} that starts together ({@code cassini node
     * --new-ring I/N --start}): its share of precomputed tokens, no bootstrap, the system keyspaces
     * born with up to three replicas, auth on.
     */
    public static ExternalNode startNewRingMember(
            String cluster,
            String datacenter,
            String rack,
            String address,
            List<String> seeds,
            List<Long> tokens,
            int ringSize)
            throws IOException {
        // A fresh ring each run: a node restarting on old data would not be a new ring's member.
        Path dir = Path.of("target", "external-nodes", address).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        Map<String, String> env = new HashMap<>();
        env.put(AgentEnvironment.CLUSTER_NAME, cluster);
        env.put(AgentEnvironment.DATACENTER, datacenter);
        env.put(AgentEnvironment.RACK, rack);
        env.put(AgentEnvironment.ADDRESS, address);
        env.put(AgentEnvironment.SEEDS, String.join(",", seeds));
        env.put(AgentEnvironment.DATA_DIR, dir.resolve("data").toString());
        env.put(AgentEnvironment.HEAP, "512M");
        env.put(AgentEnvironment.AUTH, "true");
        env.put(AgentEnvironment.START, "true");
        env.put(AgentEnvironment.AUTO_BOOTSTRAP, "false");
        env.put(AgentEnvironment.SYSTEM_KEYSPACE_REPLICAS, String.valueOf(Math.min(3, ringSize)));
        env.put(
                AgentEnvironment.INITIAL_TOKENS,
                String.join(",", tokens.stream().map(String::valueOf).toList()));
        return start(address, env, dir.resolve("agent.log"));
    }

    /**
     * Stops this node (the agent drains and stops Cassandra) and starts it again on its data, its API
     * now served over mutual TLS with {@code tls}'s tls.crt, tls.key and ca.crt, as {@code cassini
     * node --api-tls DIR} does once {@code cassini agent-cert} wrote them.
     */
    public ExternalNode restartWithApiTls(Path tls) throws IOException, InterruptedException {
        close();
        Map<String, String> restarted = new HashMap<>(env);
        restarted.put(
                AgentEnvironment.API_TLS_CERTIFICATE,
                TlsFiles.in(tls).certificate().toString());
        restarted.put(
                AgentEnvironment.API_TLS_KEY, TlsFiles.in(tls).privateKey().toString());
        restarted.put(AgentEnvironment.API_TLS_CA, TlsFiles.in(tls).authority().toString());
        return start(address, restarted, log);
    }

    private static ExternalNode start(String address, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.cassini.agent.AgentMain"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ExternalNode(address, env, builder.start(), log);
    }

    public String address() {
        return address;
    }

    /**
     * Waits until the agent says the node is ready (NORMAL and serving CQL), over HTTPS when it
     * serves TLS: as a kubelet's probe, with no client certificate and no check of the agent's.
     */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        boolean tls = env.containsKey(AgentEnvironment.API_TLS_CERTIFICATE);
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (tls) {
            client.sslContext(AnyServerCertificate.context());
        }
        HttpClient http = client.build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent of " + address + " exited:\n" + logTail());
            }
            try {
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(
                                        URI.create((tls ? "https" : "http") + "://" + address + ":8080/healthz/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(address + " not ready within " + timeout.toSeconds() + " s:\n" + logTail());
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process, GRACE);
    }
}
