package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.cassini.api.v1alpha1.CassandraTask;
import dev.cassini.api.v1alpha1.KubeApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container images (built by the Maven profile {@code images}), run as a container runtime
 * runs them, with no class path or JDK of this build: each archive is checked against the OCI
 * layout rules, its layers are unpacked, and its entrypoint runs chrooted there as the image's
 * non-root user with only the image's environment. The operator image then reconciles against a
 * real API server on a ServiceAccount token mounted where a pod has it; the node image runs a real
 * Cassandra that serves CQL.
 */
class ImagesIT {
    private static final String OPERATOR_ARCHIVE = System.getProperty("cassini.images.operator");
    private static final String NODE_ARCHIVE = System.getProperty("cassini.images.node");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void imagesAreBuilt() {
        Assumptions.assumeTrue(
                OPERATOR_ARCHIVE != null, "the images are built by `mvn -Pimages` (./scripts/test does it)");
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "running an image takes chroot and a mount namespace: root, as CI runs");
    }

    @Test
    void theOperatorImageReconcilesAgainstARealApiServerOnItsMountedServiceAccountToken(@TempDir Path tmp)
            throws Exception {
        OciImage image = OciImage.unpack(Path.of(OPERATOR_ARCHIVE), tmp);
        assertThat(image.reference()).isEqualTo("cassini/operator:" + chartAppVersion());
        assertThat(image.user()).isEqualTo("10001:10001");

        try (KubeApiServer apiServer =
                KubeApiServer.startWithCrd(Path.of("target", "images-it").toAbsolutePath())) {
            KubernetesClient admin = apiServer.client();
            apiServer.createNamespaces("shop");
            admin.resource(Serialization.unmarshal("""
                            apiVersion: cassini.dev/v1alpha1
                            kind: CassandraTask
                            metadata: {name: flush-all, namespace: shop}
                            spec: {cluster: nowhere, command: Flush}
                            """, CassandraTask.class)).create();
            // What the kubelet mounts into a pod of the chart's ServiceAccount, at the path fabric8 reads.
            KubernetesClient account = OperatorAccount.client(admin);
            Path secrets =
                    Files.createDirectories(image.rootfs().resolve("var/run/secrets/kubernetes.io/serviceaccount"));
            Files.writeString(
                    secrets.resolve("token"), account.getConfiguration().getOauthToken());
            Files.write(
                    secrets.resolve("ca.crt"),
                    Base64.getDecoder().decode(admin.getConfiguration().getCaCertData()));
            Files.writeString(secrets.resolve("namespace"), OperatorAccount.NAMESPACE);
            account.close();
            URI master = URI.create(admin.getConfiguration().getMasterUrl());

            String podIp = "127.0.77.2";
            Map<String, String> env = new HashMap<>();
            env.put("KUBERNETES_SERVICE_HOST", master.getHost());
            env.put("KUBERNETES_SERVICE_PORT", String.valueOf(master.getPort()));
            env.put("POD_IP", podIp);
            env.put(OperatorMain.ENV_METRICS_PORT, "18081");
            env.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -XX:+UseSerialGC");
            Path log = tmp.resolve("operator.log");
            Process operator = image.start(env, log);
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (phase(admin) == null && operator.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertThat(phase(admin))
                        .as("the task's phase, set by the operator in the image:\n" + tail(log))
                        .isEqualTo("Pending");
                // the chart's liveness probe, and Prometheus's scrape
                for (String path : List.of("/-/healthy", "/metrics")) {
                    HttpResponse<String> answer = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://" + podIp + ":18081" + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as(path).isEqualTo(200);
                }
                assertThat(uid(operator.toHandle())).as("the operator's user").isEqualTo(10001);
            } finally {
                stop(operator);
            }
            assertThat(Files.readString(log))
                    .as("what the operator logged")
                    .contains("cassini operator watching")
                    .doesNotContain(account.getConfiguration().getOauthToken());
        }
    }

    @Test
    void theNodeImageRunsItsOwnCassandraAsANonRootUserAndServesCql(@TempDir Path tmp) throws Exception {
        OciImage image = OciImage.unpack(Path.of(NODE_ARCHIVE), tmp);
        String version = image.reference().substring("cassini/node:".length());
        assertThat(image.reference()).startsWith("cassini/node:");
        assertThat(image.environment()).containsEntry("CASSINI_CASSANDRA_LIB", "/opt/cassandra/lib");
        assertThat(image.rootfs().resolve("opt/cassandra/lib/cassandra-all-" + version + ".jar"))
                .isRegularFile();
        // the volume a pod mounts there is the fsGroup's; here the image's user owns the directory
        Path data = image.rootfs().resolve("var/lib/cassandra");
        OciImage.run(List.of("chown", "-R", image.user(), data.toString()));

        String address = "127.0.77.11";
        Map<String, String> env = new HashMap<>();
        env.put("CASSINI_CLUSTER_NAME", "images-it");
        env.put("CASSINI_DATACENTER", "dc1");
        env.put("CASSINI_RACK", "r1");
        env.put("CASSINI_ADDRESS", address);
        env.put("CASSINI_DATA_DIR", "/var/lib/cassandra");
        env.put("CASSINI_SEEDS", address);
        env.put("CASSINI_AUTH", "false");
        env.put("CASSINI_HEAP", "512M");
        env.put("CASSINI_START", "true");
        env.put("CASSINI_JVM_OPTIONS", "-Dcassandra.skip_wait_for_gossip_to_settle=0");
        Path log = tmp.resolve("node.log");
        Process node = image.start(env, log);
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (readiness(address) != 200 && node.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(readiness(address))
                    .as("the agent's readiness:\n" + tail(log))
                    .isEqualTo(200);
            try (CqlSession session = connect(address)) {
                assertThat(session.execute("SELECT release_version FROM system.local")
                                .one()
                                .getString(0))
                        .isEqualTo(version);
                session.execute(
                        "CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
                session.execute("CREATE TABLE shop.orders (id int PRIMARY KEY, item text)");
                for (int id = 0; id < 50; id++) {
                    session.execute("INSERT INTO shop.orders (id, item) VALUES (" + id + ", 'item-" + id + "')");
                }
                assertThat(session.execute("SELECT count(*) FROM shop.orders")
                                .one()
                                .getLong(0))
                        .isEqualTo(50L);
            }
            ProcessHandle cassandra = node.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("CassandraDaemon"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Cassandra process under the agent:\n" + tail(log)));
            // (seen from this machine, the image's /opt/java is under its root)
            assertThat(cassandra.info().command())
                    .as("Cassandra's java")
                    .hasValue(image.rootfs().resolve("opt/java/bin/java").toString());
            assertThat(uid(cassandra)).as("Cassandra's user").isEqualTo(10001);
        } finally {
            stop(node);
        }
        // a JVM that SIGTERM ended, after its shutdown hook drained and stopped Cassandra
        assertThat(node.exitValue())
                .as("the agent's exit after SIGTERM:\n" + tail(log))
                .isEqualTo(143);
        assertThat(Files.readString(log)).contains("stopped on request");
        // every native library Cassandra's jars bring loads (Netty's epoll transport needs libdl)
        assertThat(Files.readString(log)).doesNotContain("UnsatisfiedLinkError");
    }

    private static String phase(KubernetesClient client) {
        CassandraTask task = client.resources(CassandraTask.class)
                .inNamespace("shop")
                .withName("flush-all")
                .get();
        return task.getStatus() == null ? null : task.getStatus().getPhase();
    }

    private static int readiness(String address) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://" + address + ":8080/healthz/ready"))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static CqlSession connect(String address) {
        return CqlSession.builder()
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(20))
                        .build())
                .addContactPoint(new InetSocketAddress(address, 9042))
                .withLocalDatacenter("dc1")
                .build();
    }

    /** The real user ID of a process, from /proc. */
    private static int uid(ProcessHandle process) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("Uid:"))
                .map(line -> Integer.parseInt(line.split("\\s+")[1]))
                .findFirst()
                .orElseThrow();
    }

    /** SIGTERM, as the kubelet sends, then SIGKILL to whatever is left, by PID. */
    private static void stop(Process process) throws InterruptedException {
        Processes.stop(process, Duration.ofSeconds(90));
    }

    private static String chartAppVersion() throws IOException {
        return Files.readAllLines(Path.of("..", "deploy", "helm", "cassini", "Chart.yaml")).stream()
                .filter(line -> line.startsWith("appVersion:"))
                .map(line -> line.substring("appVersion:".length()).trim().replace("\"", ""))
                .findFirst()
                .orElseThrow();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
