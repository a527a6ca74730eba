package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.Clusters;
import dev.cassini.api.v1alpha1.KubeApiServer;
import dev.cassini.model.security.AgentApiTls;
import dev.cassini.model.security.AgentCertificatePlan;
import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.Pem;
import dev.cassini.pki.ReloadingTls;
import dev.cassini.pki.TlsFiles;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents' certificates written to and read back from a real API server: a CA created once,
 * a rack's Secret issued, left alone, renewed, trimmed and reissued under a new CA, and what it
 * holds good for a real mutual TLS handshake between an agent and the operator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentCertificatesIT {
    /** Now: the CA stamps its certificates with the real clock, the plan reads the test's. */
    private static final Instant T0 = Instant.now();

    private static final List<String> PODS = List.of("demo-dc1-r1-0", "demo-dc1-r1-1", "demo-dc1-r1-2");

    private KubeApiServer apiServer;
    private KubernetesClient client;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        apiServer = KubeApiServer.startWithCrd(
                Path.of("target", "agent-certificates-it").toAbsolutePath());
        client = apiServer.client();
    }

    @AfterAll
    void stop() {
        if (apiServer != null) {
            apiServer.close();
        }
    }

    @Test
    void aRackGetsACertificatePerPodThatTheOperatorsClientAcceptsInARealHandshake() throws Exception {
        CassandraCluster cluster = cluster("issue");
        NodeCertificates certificates = new NodeCertificates(client, clockAt(T0));

        CertificateAuthority authority = certificates.authority(cluster, owner(cluster));
        assertThat(certificates.authority(cluster, owner(cluster)).certificate())
                .as("created once, then read back")
                .isEqualTo(authority.certificate());

        AgentCertificatePlan.Result plan = certificates.rack(cluster, owner(cluster), authority, "dc1", "r1", PODS);
        assertThat(plan.issue()).containsOnlyKeys(PODS).containsValue(AgentCertificatePlan.Reason.NEW_POD);
        assertThat(plan.nextCheck()).as("the new certificates' renewal").isEqualTo(T0.plus(Duration.ofDays(60)));
        Map<String, String> files = rackSecret(cluster);
        assertThat(files)
                .containsOnlyKeys(
                        "ca.crt",
                        "demo-dc1-r1-0.crt",
                        "demo-dc1-r1-0.key",
                        "demo-dc1-r1-1.crt",
                        "demo-dc1-r1-1.key",
                        "demo-dc1-r1-2.crt",
                        "demo-dc1-r1-2.key");
        X509Certificate agent = certificate(files, "demo-dc1-r1-1");
        agent.verify(authority.certificate().getPublicKey());
        assertThat(agent.getSubjectX500Principal().getName()).isEqualTo("CN=demo-dc1-r1-1");
        assertThat(Duration.between(
                        agent.getNotBefore().toInstant(), agent.getNotAfter().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofDays(89));

        // The agent serves what its files hold, as AgentMain reads them from the mounted Secret.
        Path agentDir = Files.createDirectories(dir.resolve("agent"));
        write(agentDir.resolve(TlsFiles.CERTIFICATE), files.get(AgentApiTls.certificateKey("demo-dc1-r1-1")));
        write(agentDir.resolve(TlsFiles.PRIVATE_KEY), files.get(AgentApiTls.privateKeyKey("demo-dc1-r1-1")));
        write(agentDir.resolve(TlsFiles.AUTHORITY), files.get(AgentApiTls.AUTHORITY));
        ReloadingTls agentTls = ReloadingTls.of(TlsFiles.in(agentDir));

        assertThat(handshake(agentTls, NodeCertificates.operatorIdentity(authority)))
                .isEqualTo("CN=" + NodeCertificates.OPERATOR_NAME);
        CertificateAuthority stranger = CertificateAuthority.create("someone else's CA");
        assertThat(handshake(agentTls, NodeCertificates.operatorIdentity(stranger)))
                .startsWith("refused");
    }

    @Test
    void aCurrentSecretIsLeftAloneAnOldOneRenewedAGonePodDroppedAndANewCaReissuesAll() throws Exception {
        CassandraCluster cluster = cluster("renew");
        NodeCertificates atStart = new NodeCertificates(client, clockAt(T0));
        CertificateAuthority authority = atStart.authority(cluster, owner(cluster));
        atStart.rack(cluster, owner(cluster), authority, "dc1", "r1", PODS);
        String version = rackSecretObject(cluster).getMetadata().getResourceVersion();
        String firstCertificate = rackSecret(cluster).get("demo-dc1-r1-0.crt");

        AgentCertificatePlan.Result again = new NodeCertificates(client, clockAt(T0.plus(Duration.ofDays(10))))
                .rack(cluster, owner(cluster), authority, "dc1", "r1", PODS);
        assertThat(again.nothingToDo()).isTrue();
        assertThat(again.nextCheck())
                .as("two thirds of the held certificates' span (backdated an hour)")
                .isBetween(T0.plus(Duration.ofDays(60)).minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(60)));
        assertThat(rackSecretObject(cluster).getMetadata().getResourceVersion())
                .as("nothing written")
                .isEqualTo(version);

        // 61 days on, two thirds of 90 have passed; and the rack shrank to two pods
        AgentCertificatePlan.Result renewed = new NodeCertificates(client, clockAt(T0.plus(Duration.ofDays(61))))
                .rack(cluster, owner(cluster), authority, "dc1", "r1", PODS.subList(0, 2));
        assertThat(renewed.issue())
                .containsOnlyKeys("demo-dc1-r1-0", "demo-dc1-r1-1")
                .containsValue(AgentCertificatePlan.Reason.RENEWAL);
        assertThat(renewed.drop()).containsExactly("demo-dc1-r1-2");
        Map<String, String> files = rackSecret(cluster);
        assertThat(files).doesNotContainKeys("demo-dc1-r1-2.crt", "demo-dc1-r1-2.key");
        assertThat(files.get("demo-dc1-r1-0.crt")).isNotEqualTo(firstCertificate);

        // The CA's Secret deleted: a new CA, and every certificate issued again under it
        client.secrets()
                .inNamespace(cluster.getMetadata().getNamespace())
                .withName("demo-agent-ca")
                .delete();
        await(() -> client.secrets()
                        .inNamespace(cluster.getMetadata().getNamespace())
                        .withName("demo-agent-ca")
                        .get()
                == null);
        NodeCertificates later = new NodeCertificates(client, clockAt(T0.plus(Duration.ofDays(62))));
        CertificateAuthority next = later.authority(cluster, owner(cluster));
        assertThat(next.certificate()).isNotEqualTo(authority.certificate());
        AgentCertificatePlan.Result reissued =
                later.rack(cluster, owner(cluster), next, "dc1", "r1", PODS.subList(0, 2));
        assertThat(reissued.issue())
                .containsValue(AgentCertificatePlan.Reason.NEW_AUTHORITY)
                .hasSize(2);
        files = rackSecret(cluster);
        assertThat(Pem.certificates(files.get("ca.crt")).get(0)).isEqualTo(next.certificate());
        certificate(files, "demo-dc1-r1-0").verify(next.certificate().getPublicKey());
    }

    /**
     * An agent outside Kubernetes (a real agent API, its Cassandra not started) serving mutual TLS
     * with a certificate {@code cassini agent-cert} issued: the operator's client cannot read it over
     * plain HTTP, reads it once the agent's datacenter says https, and cannot again when it says
     * http. An agent whose certificate another CA signed is not read even as https.
     */
    @Test
    void anAgentOutsideKubernetesIsCalledOverMutualTlsOnceItsDatacenterSaysHttps() throws Exception {
        CassandraCluster cluster = cluster("external");
        String ip = "127.0.93.1";
        AgentCredentials.issue(
                client, cluster, "vm-node-1", List.of(ip), List.of(), Duration.ofDays(1), dir.resolve("vm"));
        CertificateAuthority stranger = CertificateAuthority.create("another CA", Duration.ofDays(1));
        String strangerIp = "127.0.93.2";
        TlsFiles.write(
                dir.resolve("stranger"),
                stranger.issueServer("vm-node-2", List.of(), List.of(strangerIp), Duration.ofDays(1)),
                stranger);
        NodeAgentClient agents = NodeAgentClient.forPods(client, java.util.Set.of("external"));
        try (ExternalAgentApi vm = ExternalAgentApi.start(dir.resolve("node-1"), ip, dir.resolve("vm"));
                ExternalAgentApi other =
                        ExternalAgentApi.start(dir.resolve("node-2"), strangerIp, dir.resolve("stranger"))) {
            assertThat(agents.view(ip)).as("over plain HTTP").isEmpty();

            agents.external(ip, "external", "demo", true);
            assertThat(agents.view(ip))
                    .as("over HTTPS with the operator's identity from the cluster's CA")
                    .hasValueSatisfying(
                            reply -> assertThat(reply.node().address()).isEqualTo(ip));

            agents.external(ip, "external", "demo", false);
            assertThat(agents.view(ip)).as("told http again").isEmpty();

            agents.external(strangerIp, "external", "demo", true);
            assertThat(agents.view(strangerIp))
                    .as("an agent another CA vouches for")
                    .isEmpty();
        }
    }

    /** A real agent API on {@code ip}:8080 over mutual TLS with the files in {@code tls}; no Cassandra. */
    private record ExternalAgentApi(dev.cassini.agent.NodeAgent agent, dev.cassini.agent.api.AgentApi api)
            implements AutoCloseable {
        static ExternalAgentApi start(Path dataDir, String ip, Path tls) throws Exception {
            Map<String, String> env = Map.of(
                    dev.cassini.contract.AgentEnvironment.CLUSTER_NAME, "demo",
                    dev.cassini.contract.AgentEnvironment.DATACENTER, "legacy",
                    dev.cassini.contract.AgentEnvironment.RACK, "r1",
                    dev.cassini.contract.AgentEnvironment.ADDRESS, ip,
                    dev.cassini.contract.AgentEnvironment.DATA_DIR, dataDir.toString());
            dev.cassini.agent.NodeAgent agent = new dev.cassini.agent.NodeAgent(
                    dev.cassini.agent.config.NodeConfigLoader.parse(env, Map.of()),
                    Map.of(
                            dev.cassini.contract.AgentEnvironment.CASSANDRA_LIB,
                            Files.createDirectories(dataDir.resolve("no-cassandra"))
                                    .toString()),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                return new ExternalAgentApi(
                        agent,
                        new dev.cassini.agent.api.AgentApi(
                                        agent, java.util.Optional.of(dev.cassini.agent.api.ApiTls.of(TlsFiles.in(tls))))
                                .start(ip, dev.cassini.contract.Ports.AGENT_API));
            } catch (RuntimeException e) {
                agent.close();
                throw e;
            }
        }

        @Override
        public void close() {
            api.close();
            agent.close();
        }
    }

    /** Accepts one connection with the agent's context (client certificate wanted) and says what it saw. */
    private static String handshake(ReloadingTls agent, ReloadingTls operator) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket)
                agent.context().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setWantClientAuth(true);
            server.setSoTimeout(5_000);
            Thread caller = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) operator.context()
                        .getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    socket.setSoTimeout(5_000);
                    socket.startHandshake();
                    socket.getInputStream().read();
                } catch (IOException e) {
                    // the refused side sees it on the server
                }
            });
            caller.start();
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.startHandshake();
                String name = ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal()
                        .getName();
                socket.getOutputStream().write(1);
                return name;
            } catch (IOException e) {
                return "refused: " + e.getMessage();
            } finally {
                caller.join(5_000);
            }
        }
    }

    private CassandraCluster cluster(String namespace) {
        apiServer.createNamespaces(namespace);
        // a real owner: the control plane's garbage collector deletes what an absent owner owns
        CassandraCluster cluster = Clusters.minimal("demo");
        cluster.getMetadata().setNamespace(namespace);
        return client.resource(cluster).create();
    }

    private static OwnerReference owner(CassandraCluster cluster) {
        return Owner.of(cluster);
    }

    private Secret rackSecretObject(CassandraCluster cluster) {
        return client.secrets()
                .inNamespace(cluster.getMetadata().getNamespace())
                .withName("demo-dc1-r1-agent-tls")
                .get();
    }

    private Map<String, String> rackSecret(CassandraCluster cluster) {
        Map<String, String> files = new TreeMap<>();
        rackSecretObject(cluster)
                .getData()
                .forEach((key, value) ->
                        files.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII)));
        return files;
    }

    private static X509Certificate certificate(Map<String, String> files, String pod) {
        return Pem.certificates(files.get(AgentApiTls.certificateKey(pod))).get(0);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
