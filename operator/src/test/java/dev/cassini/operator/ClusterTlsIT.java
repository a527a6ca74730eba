package dev.cassini.operator;

import static dev.cassini.operator.ClusterConditions.clientConfig;
import static dev.cassini.operator.ClusterConditions.conditionTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.ClientTls;
import dev.cassini.api.v1alpha1.InternodeTls;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.api.v1alpha1.TlsSpec;
import dev.cassini.contract.AgentEnvironment;
import dev.cassini.devkube.DevKube;
import dev.cassini.devkube.SharedDevKube;
import dev.cassini.devkube.TestNamespace;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.DesiredResources;
import dev.cassini.pki.Pem;
import dev.cassini.pki.TlsFiles;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * spec.tls end to end, on the operator's own ServiceAccount: a new cluster that comes up with CQL
 * and internode TLS required (the operator sets auth up over TLS; the nodes' own view says what
 * they run; a plaintext client is refused), and, tagged full, TLS turned on for a running cluster
 * under a client's traffic, one rolling restart per step, with no failed request.
 */
@ExtendWith(SharedDevKube.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTlsIT {
    private TestNamespace namespace;
    private KubernetesClient client;
    private KubernetesClient operatorClient;
    private Operator operator;
    private SecretScan.LogCapture operatorLog;

    @BeforeAll
    void install() throws Exception {
        operatorLog = new SecretScan.LogCapture();
        DevKube kube = SharedDevKube.instance();
        namespace = new TestNamespace(kube, "tls");
        client = kube.client();
        CrdInstaller.install(client);
        operatorClient = OperatorAccount.client(client);
        operator = OperatorMain.start(operatorClient, new OperatorMetrics(new PrometheusRegistry()));
    }

    @AfterAll
    void cleanUp() {
        try {
            if (operator != null) {
                operator.stop();
                ApiRequests.SHARED.finished(ClusterTlsIT.class);
            }
        } finally {
            if (operatorClient != null) {
                operatorClient.close();
            }
            if (namespace != null) {
                namespace.close();
            }
            if (operatorLog != null) {
                operatorLog.close();
            }
        }
    }

    @Test
    void aNewClusterWithTlsServesCqlOnlyOverTlsAndItsNodesRequireEachOthersCertificates() throws Exception {
        String name = "sealed";
        long t0 = System.nanoTime();
        create(cluster(name, 2, ClientTls.Required, InternodeTls.Required));
        try {
            CassandraCluster ready = await(name, c -> conditionTrue(c, "Ready"), Duration.ofMinutes(6), "Ready");
            System.out.printf(
                    "%s (2 nodes, client and internode TLS required) Ready in %.1f s%n",
                    name, (System.nanoTime() - t0) / 1e9);
            assertThat(conditionTrue(ready, "EncryptionSettled")).isTrue();
            assertThat(ready.getStatus().getInitialized())
                    .as("the operator set auth up, over TLS")
                    .isTrue();

            // The nodes' CA is their own, not the agents': the operator's agent client certificate
            // cannot speak as a node.
            ClusterNames names = new ClusterNames(name);
            X509Certificate cassandraCa = certificate(secret(names.cassandraCaSecret()), TlsFiles.CERTIFICATE);
            X509Certificate agentCa = certificate(secret(names.agentCaSecret()), TlsFiles.CERTIFICATE);
            assertThat(cassandraCa.getPublicKey()).isNotEqualTo(agentCa.getPublicKey());
            Secret rack = secret(names.cassandraTlsSecret("dc1", "r1"));
            X509Certificate node = certificate(rack, name + "-dc1-r1-0.crt");
            node.verify(cassandraCa.getPublicKey());
            assertThat(node.getExtendedKeyUsage())
                    .as("a node serves and connects")
                    .contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");

            SuperuserSecret.Credentials superuser =
                    SuperuserSecret.read(client, ready).orElseThrow();
            List<String> addresses = addresses(ready);
            SSLContext tls = CqlTransport.trusting(pem(secret(names.cassandraCaSecret()), TlsFiles.CERTIFICATE));
            try (CqlSession session = session(addresses, superuser, Optional.of(tls))) {
                session.execute(
                        "CREATE KEYSPACE e2e WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2}");
                session.execute("CREATE TABLE e2e.kv (k int PRIMARY KEY, v text)");
                for (int k = 0; k < 100; k++) {
                    session.execute(SimpleStatement.newInstance("INSERT INTO e2e.kv (k, v) VALUES (?, ?)", k, "v" + k)
                            .setConsistencyLevel(ConsistencyLevel.ALL));
                }
                // ALL: each write and this read reached both nodes, over the encrypted storage port
                long rows = session.execute(SimpleStatement.newInstance("SELECT count(*) FROM e2e.kv")
                                .setConsistencyLevel(ConsistencyLevel.ALL))
                        .one()
                        .getLong(0);
                assertThat(rows).isEqualTo(100);
                for (Row row : session.execute("SELECT ssl_enabled FROM system_views.clients")) {
                    assertThat(row.getBoolean("ssl_enabled"))
                            .as("every CQL connection")
                            .isTrue();
                }
                assertThat(encryptionSettings(session))
                        .as("the node's own view of its settings")
                        .containsEntry("client_encryption_options.enabled", "true")
                        .containsEntry("client_encryption_options.optional", "false")
                        .containsEntry("server_encryption_options.internode_encryption", "all")
                        .containsEntry("server_encryption_options.optional", "false")
                        .containsEntry("server_encryption_options.require_client_auth", "true");
            }
            assertThatThrownBy(() ->
                            session(addresses, superuser, Optional.empty()).close())
                    .as("a plaintext CQL client")
                    .isInstanceOf(AllNodesFailedException.class);

            // No key of the nodes', the agents' or the CAs' in any log, event, status or rendered file.
            List<SecretScan.Needle> needles = SecretScan.needles(client, namespace.name());
            assertThat(needles)
                    .anyMatch(n -> n.source().equals("Secret " + names.cassandraCaSecret() + " key tls.key"));
            assertThat(needles)
                    .anyMatch(n -> n.source()
                            .equals("Secret " + names.cassandraTlsSecret("dc1", "r1") + " key " + name
                                    + "-dc1-r1-0.key"));
            assertThat(SecretScan.scan(
                            needles,
                            SecretScan.texts(SharedDevKube.instance(), client, namespace.name(), operatorLog.lines())))
                    .as("places that hold a secret")
                    .isEmpty();
        } finally {
            deleteAndAwaitGone(name);
        }
    }

    /**
     * The way a running cluster gets TLS: clients Optional and internode Required (three rolling
     * restarts: accept, optional, required) while a plaintext client keeps writing and reading at
     * LOCAL_QUORUM; then the client moves to TLS and client encryption becomes Required (one more).
     */
    @Test
    @Tag("full")
    void tlsIsTurnedOnForARunningClusterStepByStepWithNoFailedRequest() throws Exception {
        String name = "rollout";
        create(cluster(name, 3, ClientTls.None, InternodeTls.None));
        try {
            CassandraCluster ready = await(name, c -> conditionTrue(c, "Ready"), Duration.ofMinutes(6), "Ready");
            SuperuserSecret.Credentials superuser =
                    SuperuserSecret.read(client, ready).orElseThrow();
            try (CqlSession session = session(addresses(ready), superuser, Optional.empty())) {
                session.execute(
                        "CREATE KEYSPACE e2e WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
                session.execute("CREATE TABLE e2e.kv (k int PRIMARY KEY, v text)");
                for (int k = 0; k < 100; k++) {
                    session.execute(SimpleStatement.newInstance("INSERT INTO e2e.kv (k, v) VALUES (?, ?)", k, "v" + k)
                            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
                }
            }

            long t0 = System.nanoTime();
            List<String> steps;
            try (CqlSession plaintext = session(addresses(ready), superuser, Optional.empty());
                    TrafficClient traffic = new TrafficClient(plaintext, 100)) {
                traffic.start();
                setTls(name, ClientTls.Optional, InternodeTls.Required);
                steps = awaitSteps(name, "optional", "required", Duration.ofMinutes(20));
                traffic.stopAndWait();
                System.out.printf(
                        "%s: client optional, internode required in %.1f s through %s; plaintext traffic: %s%n",
                        name, (System.nanoTime() - t0) / 1e9, steps, traffic.summary());
                assertThat(traffic.failures()).as(traffic.summary()).isZero();
            }
            assertThat(steps)
                    .as("internode went up one step per rolling restart")
                    .containsSubsequence("optional/accept", "optional/optional", "optional/required");

            CassandraCluster optional = get(name);
            SSLContext tls = CqlTransport.trusting(
                    pem(secret(new ClusterNames(name).cassandraCaSecret()), TlsFiles.CERTIFICATE));
            t0 = System.nanoTime();
            try (CqlSession encrypted = session(addresses(optional), superuser, Optional.of(tls));
                    TrafficClient traffic = new TrafficClient(encrypted, 100)) {
                traffic.start();
                setTls(name, ClientTls.Required, InternodeTls.Required);
                awaitSteps(name, "required", "required", Duration.ofMinutes(10));
                traffic.stopAndWait();
                System.out.printf(
                        "%s: client required in %.1f s; TLS traffic: %s%n",
                        name, (System.nanoTime() - t0) / 1e9, traffic.summary());
                assertThat(traffic.failures()).as(traffic.summary()).isZero();
                assertThat(encryptionSettings(encrypted))
                        .containsEntry("client_encryption_options.optional", "false")
                        .containsEntry("server_encryption_options.optional", "false");
                long rows = encrypted
                        .execute(SimpleStatement.newInstance("SELECT count(*) FROM e2e.kv")
                                .setConsistencyLevel(ConsistencyLevel.ALL))
                        .one()
                        .getLong(0);
                assertThat(rows).isEqualTo(100);
            }
            assertThatThrownBy(() -> session(addresses(get(name)), superuser, Optional.empty())
                            .close())
                    .as("a plaintext CQL client, once client encryption is required")
                    .isInstanceOf(AllNodesFailedException.class);
        } finally {
            deleteAndAwaitGone(name);
        }
    }

    /**
     * Waits until every rack's template carries this step, the condition says spec.tls is reached
     * and the cluster is Ready, and returns each distinct client/internode step the templates went
     * through on the way.
     */
    private List<String> awaitSteps(String name, String client, String internode, Duration timeout)
            throws InterruptedException {
        Set<String> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        String target = client + "/" + internode;
        while (System.nanoTime() < deadline) {
            Set<String> now = new LinkedHashSet<>();
            for (StatefulSet set : this.client
                    .apps()
                    .statefulSets()
                    .inNamespace(namespace.name())
                    .withLabel(ClusterNames.LABEL_CLUSTER, name)
                    .list()
                    .getItems()) {
                Map<String, String> env = new HashMap<>();
                set.getSpec().getTemplate().getSpec().getContainers().stream()
                        .filter(c -> c.getName().equals(DesiredResources.CASSANDRA_CONTAINER))
                        .flatMap(c -> c.getEnv().stream())
                        .filter(e -> e.getValue() != null)
                        .forEach(e -> env.put(e.getName(), e.getValue()));
                now.add(env.getOrDefault(AgentEnvironment.CLIENT_ENCRYPTION, "off") + "/"
                        + env.getOrDefault(AgentEnvironment.INTERNODE_ENCRYPTION, "off"));
            }
            seen.addAll(now);
            CassandraCluster cluster = get(name);
            if (now.equals(Set.of(target))
                    && conditionTrue(cluster, "EncryptionSettled")
                    && conditionTrue(cluster, "Ready")) {
                return new ArrayList<>(seen);
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("waited " + timeout + " for " + target + "; templates went through " + seen
                + "; last status: " + Serialization.asYaml(get(name).getStatus()));
    }

    private void setTls(String name, ClientTls client, InternodeTls internode) {
        this.client
                .resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(name)
                .edit(c -> {
                    c.getSpec().getTls().setClient(client);
                    c.getSpec().getTls().setInternode(internode);
                    return c;
                });
    }

    private static Map<String, String> encryptionSettings(CqlSession session) {
        Map<String, String> settings = new HashMap<>();
        for (Row row : session.execute("SELECT name, value FROM system_views.settings")) {
            if (row.getString("name").contains("encryption_options.")) {
                settings.put(row.getString("name"), row.getString("value"));
            }
        }
        return settings;
    }

    private static CassandraCluster cluster(String name, int size, ClientTls client, InternodeTls internode) {
        CassandraCluster cluster = Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata:
                  name: %s
                spec:
                  repair: {enabled: false}
                  datacenters:
                    - name: dc1
                      size: %d
                      heap: 512M
                      storage: {size: 1Gi}
                      racks:
                        - {name: r1, zone: zone-a}
                        - {name: r2, zone: zone-b}
                        - {name: r3, zone: zone-c}
                """.formatted(name, size), CassandraCluster.class);
        TlsSpec tls = new TlsSpec();
        tls.setClient(client);
        tls.setInternode(internode);
        cluster.getSpec().setTls(tls);
        return cluster;
    }

    private static CqlSession session(
            List<String> addresses, SuperuserSecret.Credentials superuser, Optional<SSLContext> tls) {
        var builder = CqlSession.builder()
                .withConfigLoader(clientConfig())
                .withLocalDatacenter("dc1")
                .withAuthCredentials(superuser.username(), superuser.password());
        tls.ifPresent(builder::withSslContext);
        addresses.forEach(a -> builder.addContactPoint(new InetSocketAddress(a, 9042)));
        return builder.build();
    }

    private static List<String> addresses(CassandraCluster cluster) {
        return cluster.getStatus().getNodes().stream()
                .map(NodeStatus::getIp)
                .filter(ip -> ip != null)
                .toList();
    }

    private Secret secret(String name) {
        Secret secret =
                client.secrets().inNamespace(namespace.name()).withName(name).get();
        assertThat(secret).as("Secret " + name).isNotNull();
        return secret;
    }

    private static String pem(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
    }

    private static X509Certificate certificate(Secret secret, String key) {
        return Pem.certificates(pem(secret, key)).get(0);
    }

    private void create(CassandraCluster cluster) {
        client.resource(cluster).inNamespace(namespace.name()).create();
    }

    private CassandraCluster get(String name) {
        return client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(name)
                .get();
    }

    private CassandraCluster await(String name, Predicate<CassandraCluster> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CassandraCluster last = null;
        while (System.nanoTime() < deadline) {
            last = get(name);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("waited " + timeout + " for " + what + "; last status of " + name + ": "
                + (last == null ? "gone" : Serialization.asYaml(last.getStatus())));
    }

    private void deleteAndAwaitGone(String name) throws InterruptedException {
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(name)
                .delete();
        await(name, c -> c == null, Duration.ofMinutes(3), name + " to be deleted");
        TestNamespace.awaitQuietly(
                Duration.ofMinutes(3),
                () -> client.pods()
                        .inNamespace(namespace.name())
                        .withLabel(ClusterNames.LABEL_CLUSTER, name)
                        .list()
                        .getItems()
                        .isEmpty());
    }
}
