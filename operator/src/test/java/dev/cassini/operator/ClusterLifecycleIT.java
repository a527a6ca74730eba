package dev.cassini.operator;

import static dev.cassini.operator.ClusterConditions.clientConfig;
import static dev.cassini.operator.ClusterConditions.conditionTrue;
import static dev.cassini.operator.ClusterConditions.converged;
import static dev.cassini.operator.ClusterConditions.dcCondition;
import static dev.cassini.operator.ClusterConditions.degradedMessage;
import static dev.cassini.operator.ClusterConditions.degradedReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.ExternalDatacenterSpec;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.api.v1alpha1.StorageSpec;
import dev.cassini.devkube.DevKube;
import dev.cassini.devkube.SharedDevKube;
import dev.cassini.devkube.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end on devkube with real Cassandra: one CassandraCluster of 3 nodes in 3 racks (one per
 * zone), driven only through the Kubernetes API, carried through bring-up, authentication, data,
 * stop and resume, a restart of the operator in the middle of a resume, then — while a client keeps
 * reading and writing at LOCAL_QUORUM and must see no failed request — a version upgrade, a plain
 * rolling restart, a configuration change, and scaling 3 → 4 (with the operator restarted in the
 * middle of the bootstrap, and cleanup after it) → 3; between them a pod that lost its volume is
 * replaced with the same tokens. Last, storage: growing it where the StorageClass forbids expansion
 * is refused in status while a scale-up still happens, and once the class allows it the volumes grow
 * under traffic with no pod restarted, after which a rolling restart still works. Then backups to a
 * real S3 server: every node's part, content stored once, a second backup reusing it, refusals and
 * bad credentials failing with their cause, and deletion. Every step ends by reading every row.
 */
@ExtendWith(SharedDevKube.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLifecycleIT {
    /** Whether this is {@code ./scripts/test --full}: then the long scenarios run their repeated parts too. */
    private static final boolean FULL_RUN = Boolean.getBoolean("cassini.full");

    private static final String NAME = "e2e";
    private static final int ROWS = 200;

    private TestNamespace namespace;
    private KubernetesClient client;
    private Operator operator;
    /** The operator's client: the chart's ServiceAccount and rules, RBAC on ({@link OperatorAccount}). */
    private KubernetesClient operatorClient;

    private final OperatorMetrics metrics = new OperatorMetrics(new PrometheusRegistry());
    /** The cluster of steps 16-17 that joins a ring outside Kubernetes, and that ring's nodes. */
    private static final String MOVED = "moved";
    // Below the loopback blocks devkube takes (127.64 and up), so no pod ever has one of these.
    private static final List<String> LEGACY_ADDRESSES = List.of("127.31.0.1", "127.31.0.2", "127.31.0.3");
    private final List<ExternalNode> legacyNodes = new java.util.ArrayList<>();
    private final String legacyPassword = "legacy-" + java.util.UUID.randomUUID();
    private Map<String, String> hostIds;

    @BeforeAll
    void install() throws Exception {
        DevKube kube = SharedDevKube.instance();
        namespace = new TestNamespace(kube, "cc");
        client = kube.client();
        CrdInstaller.install(client);
        try (var crd = ClusterLifecycleIT.class.getResourceAsStream("/podmonitor-crd.yaml")) {
            client.load(crd).serverSideApply();
        }
        operatorClient = OperatorAccount.client(client);
        operator = OperatorMain.start(operatorClient, metrics);
    }

    @AfterAll
    void cleanUp() throws Exception {
        try {
            if (client != null) {
                client.resources(CassandraCluster.class)
                        .inNamespace(namespace.name())
                        .withName(MOVED)
                        .delete();
                awaitCluster(MOVED, c -> c == null, Duration.ofMinutes(3), MOVED + " to be deleted");
            }
        } finally {
            for (ExternalNode node : legacyNodes) {
                node.close();
            }
        }
        try {
            if (client != null) {
                client.resources(CassandraCluster.class)
                        .inNamespace(namespace.name())
                        .withName(NAME)
                        .delete();
                awaitCluster(c -> c == null, Duration.ofMinutes(3), "the cluster to be deleted");
            }
        } finally {
            if (operator != null) {
                operator.stop();
                ApiRequests.SHARED.finished(ClusterLifecycleIT.class);
            }
            if (operatorClient != null) {
                operatorClient.close();
            }
            if (namespace != null) {
                namespace.close();
            }
        }
    }

    private static String scrape(OperatorMetrics metrics) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        new io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter(false)
                .write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private CassandraCluster cluster() {
        return client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .get();
    }

    private CassandraCluster awaitCluster(Predicate<CassandraCluster> condition, Duration timeout, String what)
            throws InterruptedException {
        return awaitCluster(NAME, condition, timeout, what);
    }

    private CassandraCluster awaitCluster(
            String name, Predicate<CassandraCluster> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CassandraCluster last = null;
        while (System.nanoTime() < deadline) {
            last = client.resources(CassandraCluster.class)
                    .inNamespace(namespace.name())
                    .withName(name)
                    .get();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("waited " + timeout + " for " + what + "; last status: "
                + (last == null ? "gone" : Serialization.asYaml(last.getStatus())));
    }

    private CqlSession session(String user, String password) {
        var builder = CqlSession.builder().withConfigLoader(clientConfig()).withLocalDatacenter("dc1");
        // dc1's nodes only, as a client pinned to its datacenter has: the driver's control connection
        // goes to a contact point, and one to another datacenter would hold that datacenter's leave.
        for (NodeStatus node : cluster().getStatus().getNodes()) {
            if (node.getDatacenter() == null || node.getDatacenter().equals("dc1")) {
                builder.addContactPoint(new InetSocketAddress(node.getIp(), 9042));
            }
        }
        if (user != null) {
            builder.withAuthCredentials(user, password);
        }
        return builder.build();
    }

    private CqlSession superuser() {
        SuperuserSecret.Credentials credentials =
                SuperuserSecret.read(client, cluster()).orElseThrow();
        return session(credentials.username(), credentials.password());
    }

    /** The superuser's session to another cluster of the namespace, in its datacenter {@code dc}. */
    private CqlSession superuserOf(String clusterName, String dc) {
        CassandraCluster other = client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(clusterName)
                .get();
        SuperuserSecret.Credentials credentials =
                SuperuserSecret.read(client, other).orElseThrow();
        var builder = CqlSession.builder()
                .withConfigLoader(clientConfig())
                .withLocalDatacenter(dc)
                .withAuthCredentials(credentials.username(), credentials.password());
        for (NodeStatus node : other.getStatus().getNodes()) {
            builder.addContactPoint(new InetSocketAddress(node.getIp(), 9042));
        }
        return builder.build();
    }

    @Test
    @Order(1)
    void aNewClusterOfThreeRacksComesUpWithEveryNodeNormal() throws Exception {
        CassandraCluster resource = Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata:
                  name: %s
                spec:
                  cassandraVersion: "5.0.5"
                  datacenters:
                    - name: dc1
                      size: 3
                      heap: 512M
                      storage: {size: 1Gi}
                      racks:
                        - {name: r1, zone: zone-a}
                        - {name: r2, zone: zone-b}
                        - {name: r3, zone: zone-c}
                """.formatted(NAME), CassandraCluster.class);
        client.resource(resource).inNamespace(namespace.name()).create();
        long t0 = System.nanoTime();
        CassandraCluster ready = awaitCluster(c -> conditionTrue(c, "Ready"), Duration.ofMinutes(8), "Ready");
        System.out.printf("kubectl apply -> Ready for 3 nodes: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        CassandraClusterStatus status = ready.getStatus();
        assertThat(status.getReady()).isEqualTo("3/3");
        assertThat(status.getPhase()).isEqualTo("Ready");
        assertThat(conditionTrue(ready, "Initialized")).isTrue();
        assertThat(status.getNodes()).hasSize(3).allSatisfy(n -> {
            assertThat(n.getState()).isEqualTo("UN");
            assertThat(n.getTokens()).isEqualTo(16);
            assertThat(n.getHostId()).hasSize(36);
        });
        assertThat(status.getNodes()).extracting(NodeStatus::getRack).containsExactlyInAnyOrder("r1", "r2", "r3");
        assertThat(status.getDatacenters().get(0).getReadyNodes()).isEqualTo(3);
        hostIds = status.getNodes().stream().collect(Collectors.toMap(NodeStatus::getPod, NodeStatus::getHostId));

        // One pod per zone, as the racks asked.
        List<Pod> pods = client.pods()
                .inNamespace(namespace.name())
                .withLabel("cassini.dev/cluster", NAME)
                .list()
                .getItems();
        Map<String, String> zoneByRack = pods.stream()
                .collect(Collectors.toMap(
                        p -> p.getMetadata().getLabels().get("cassini.dev/rack"),
                        p -> client.nodes()
                                .withName(p.getSpec().getNodeName())
                                .get()
                                .getMetadata()
                                .getLabels()
                                .get("topology.kubernetes.io/zone")));
        assertThat(zoneByRack)
                .containsExactlyInAnyOrderEntriesOf(Map.of("r1", "zone-a", "r2", "zone-b", "r3", "zone-c"));

        var events = client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                .filter(e -> NAME.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason())
                .toList();
        assertThat(events).contains("PushSeeds", "StartNodes", "InitializeAuth");

        // The Prometheus Operator's CRD is there, so the nodes get a PodMonitor; the operator's own metrics see the
        // cluster.
        var monitor = client.genericKubernetesResources("monitoring.coreos.com/v1", "PodMonitor")
                .inNamespace(namespace.name())
                .withName(NAME)
                .get();
        assertThat(monitor).isNotNull();
        String scrape = scrape(metrics);
        assertThat(scrape)
                .contains("cassini_cluster_ready_nodes{cluster=\"e2e\",namespace=\"" + namespace.name() + "\"} 3.0")
                .contains("cassini_cluster_ready{cluster=\"e2e\",namespace=\"" + namespace.name() + "\"} 1.0")
                .contains("cassini_operator_reconciliations_total{cluster=\"e2e\",namespace=\"" + namespace.name()
                        + "\",step=\"StartNodes\"}");
    }

    @Test
    @Order(2)
    void authIsOnTheDefaultRoleIsRetiredAndTheGeneratedSuperuserWorks() {
        assertThatThrownBy(() -> session(null, null).close()).isInstanceOf(AllNodesFailedException.class);
        assertThatThrownBy(() -> session("cassandra", "cassandra").close()).isInstanceOf(AllNodesFailedException.class);
        try (CqlSession session = superuser()) {
            var replication = session.execute(
                            "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'")
                    .one()
                    .getMap("replication", String.class, String.class);
            assertThat(replication)
                    .containsEntry("dc1", "3")
                    .containsEntry("class", "org.apache.cassandra.locator.NetworkTopologyStrategy");
            // The generated password's hash is at bcrypt's least work factor, as every node reads it.
            String hash = session.execute(SimpleStatement.newInstance(
                                    "SELECT salted_hash FROM system_auth.roles WHERE role = ?",
                                    SuperuserSecret.read(client, cluster())
                                            .orElseThrow()
                                            .username())
                            .setConsistencyLevel(ConsistencyLevel.ALL))
                    .one()
                    .getString(0);
            assertThat(hash).startsWith("$2a$04$");
        }
    }

    @Test
    @Order(3)
    void rowsWrittenAtLocalQuorumReadBack() {
        try (CqlSession session = superuser()) {
            session.execute(
                    "CREATE KEYSPACE IF NOT EXISTS e2e WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
            session.execute("CREATE TABLE IF NOT EXISTS e2e.kv (k int PRIMARY KEY, v text)");
            PreparedStatement insert = session.prepare("INSERT INTO e2e.kv (k, v) VALUES (?, ?)");
            for (int k = 0; k < ROWS; k++) {
                session.execute(insert.bind(k, "v" + k).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            }
        }
        assertAllRows(ConsistencyLevel.LOCAL_QUORUM);
    }

    private void assertAllRows(ConsistencyLevel level) {
        try (CqlSession session = superuser()) {
            var rows = session.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e.kv")
                            .setConsistencyLevel(level))
                    .all();
            assertThat(rows).hasSize(ROWS);
            rows.forEach(r -> assertThat(r.getString("v")).isEqualTo("v" + r.getInt("k")));
        }
    }

    @Test
    @Order(4)
    void aStoppedClusterKeepsItsPodsAndVolumesAndResumesWithItsData() throws Exception {
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    c.getSpec().setStopped(true);
                    return c;
                });
        CassandraCluster stopped = awaitCluster(c -> conditionTrue(c, "Stopped"), Duration.ofMinutes(4), "Stopped");
        assertThat(stopped.getStatus().getPhase()).isEqualTo("Stopped");
        assertThat(conditionTrue(stopped, "Ready")).isFalse();
        assertThat(client.persistentVolumeClaims()
                        .inNamespace(namespace.name())
                        .list()
                        .getItems())
                .hasSize(3);

        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    c.getSpec().setStopped(false);
                    return c;
                });
        CassandraCluster resumed =
                awaitCluster(c -> conditionTrue(c, "Ready"), Duration.ofMinutes(6), "Ready after resume");
        assertThat(resumed.getStatus().getNodes())
                .allSatisfy(n -> assertThat(n.getHostId()).isEqualTo(hostIds.get(n.getPod())));
        assertAllRows(ConsistencyLevel.ALL);
    }

    @Test
    @Order(5)
    void anOperatorKilledInTheMiddleOfAResumeIsReplacedAndTheClusterConverges() throws Exception {
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    c.getSpec().setStopped(true);
                    return c;
                });
        awaitCluster(c -> conditionTrue(c, "Stopped"), Duration.ofMinutes(4), "Stopped");
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    c.getSpec().setStopped(false);
                    return c;
                });
        // Let it start the first rack, then take the operator away.
        awaitCluster(
                c -> c.getStatus() != null
                        && c.getStatus().getStep() != null
                        && c.getStatus().getStep().startsWith("starting"),
                Duration.ofMinutes(2),
                "a start step");
        operator.stop();
        operator = OperatorMain.start(operatorClient, metrics);
        CassandraCluster converged =
                awaitCluster(c -> conditionTrue(c, "Ready"), Duration.ofMinutes(6), "Ready after the operator restart");
        assertThat(converged.getStatus().getNodes()).allSatisfy(n -> {
            assertThat(n.getHostId()).isEqualTo(hostIds.get(n.getPod()));
            assertThat(n.getState()).isEqualTo("UN");
        });
        assertAllRows(ConsistencyLevel.ALL);
    }

    @Test
    @Order(6)
    void anUpgradeRestartsOneNodeAtATimeWithoutASingleFailedRequest() throws Exception {
        try (CqlSession session = superuser();
                TrafficClient traffic = new TrafficClient(session, ROWS)) {
            traffic.start();
            Thread.sleep(3000);
            client.resources(CassandraCluster.class)
                    .inNamespace(namespace.name())
                    .withName(NAME)
                    .edit(c -> {
                        c.getSpec().setCassandraVersion("5.0.6");
                        return c;
                    });
            long t0 = System.nanoTime();
            awaitCluster(
                    c -> c.getStatus() != null
                            && c.getStatus().getStep() != null
                            && c.getStatus().getStep().startsWith("rolling restart"),
                    Duration.ofMinutes(2),
                    "the rolling restart to begin");
            CassandraCluster upgraded = awaitCluster(
                    c -> conditionTrue(c, "Ready")
                            && ClusterConditions.everyPodRuns(client, namespace.name(), NAME, "5.0.6"),
                    Duration.ofMinutes(10),
                    "every node on 5.0.6 and Ready");
            System.out.printf(
                    "rolling upgrade of 3 nodes: %.1f s; traffic: %s%n",
                    (System.nanoTime() - t0) / 1e9, traffic.summary());
            traffic.stopAndWait();
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
            assertThat(traffic.successes()).isGreaterThan(50);
            assertThat(upgraded.getStatus().getNodes()).allSatisfy(n -> {
                assertThat(n.getHostId()).isEqualTo(hostIds.get(n.getPod()));
                assertThat(n.getState()).isEqualTo("UN");
            });
            for (var row :
                    session.execute("SELECT release_version FROM system.peers").all()) {
                assertThat(row.getString(0)).isEqualTo("5.0.6");
            }
            assertThat(session.execute("SELECT release_version FROM system.local")
                            .one()
                            .getString(0))
                    .isEqualTo("5.0.6");
        }
        assertAllRows(ConsistencyLevel.ALL);
    }

    private Map<String, String> podUids() {
        return client
                .pods()
                .inNamespace(namespace.name())
                .withLabel("cassini.dev/cluster", NAME)
                .list()
                .getItems()
                .stream()
                .collect(Collectors.toMap(
                        p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
    }

    /** Requests a rolling restart and waits until every pod restarted; returns the seconds it took. */
    private double rollingRestart(String what) throws InterruptedException {
        Map<String, String> before = podUids();
        requestRollingRestart();
        long t0 = System.nanoTime();
        awaitEveryPodRestarted(before, what);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Sets the restartedAt annotation, as `kubectl rollout restart` does for a Deployment. */
    private void requestRollingRestart() {
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    Map<String, String> annotations = new java.util.HashMap<>(
                            c.getMetadata().getAnnotations() == null
                                    ? Map.of()
                                    : c.getMetadata().getAnnotations());
                    annotations.put(
                            "cassini.dev/restartedAt", java.time.Instant.now().toString());
                    c.getMetadata().setAnnotations(annotations);
                    return c;
                });
    }

    /** Waits until every pod of {@code before} was recreated (new UID) and the cluster is Ready again. */
    private void awaitEveryPodRestarted(Map<String, String> before, String what) throws InterruptedException {
        awaitEveryPodRestarted(before, what, c -> conditionTrue(c, "Ready"));
    }

    /** As above, with {@code ready} saying when the cluster counts as Ready again. */
    private void awaitEveryPodRestarted(Map<String, String> before, String what, Predicate<CassandraCluster> ready)
            throws InterruptedException {
        awaitCluster(
                c -> c.getStatus() != null
                        && c.getStatus().getStep() != null
                        && c.getStatus().getStep().startsWith("rolling restart"),
                Duration.ofMinutes(2),
                "the rolling restart for " + what + " to begin");
        awaitCluster(
                c -> {
                    if (!ready.test(c)) {
                        return false;
                    }
                    Map<String, String> now = podUids();
                    return before.keySet().stream()
                            .allMatch(
                                    pod -> now.containsKey(pod) && !now.get(pod).equals(before.get(pod)));
                },
                Duration.ofMinutes(10),
                "every node restarted for " + what + " and Ready");
    }

    // The upgrade (6) already restarts every node under traffic; this one
    // adds the restart annotation and a cassandra.yaml change, and runs with `./scripts/test --full`.
    @Test
    @Order(7)
    @Tag("full")
    void aPlainRollingRestartAndAConfigurationChangeLoseNoRequest() throws Exception {
        try (CqlSession session = superuser();
                TrafficClient traffic = new TrafficClient(session, ROWS)) {
            traffic.start();
            Thread.sleep(3000);

            // A plain restart, as `kubectl rollout restart` does for a Deployment.
            double seconds = rollingRestart("the restartedAt annotation");
            System.out.printf(
                    "plain rolling restart of 3 nodes: %.1f s; traffic so far: %s%n", seconds, traffic.summary());
            assertThat(traffic.failures()).as(traffic.summary()).isZero();

            // A configuration change: the new cassandra.yaml reaches every node by a rolling restart.
            Map<String, String> before = podUids();
            client.resources(CassandraCluster.class)
                    .inNamespace(namespace.name())
                    .withName(NAME)
                    .edit(c -> {
                        c.getSpec().getDatacenters().get(0).setConfig(Map.of("compaction_throughput", "96MiB/s"));
                        return c;
                    });
            long t0 = System.nanoTime();
            awaitEveryPodRestarted(before, "the configuration change");
            System.out.printf(
                    "configuration change, rolling restart of 3 nodes: %.1f s; traffic: %s%n",
                    (System.nanoTime() - t0) / 1e9, traffic.summary());
            traffic.stopAndWait();
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
            assertThat(traffic.successes()).isGreaterThan(100);
        }
        // Every node runs with the new setting. system_views is node-local, so ask each node, from a
        // new session (the traffic session may still be reconnecting to the node restarted last).
        try (CqlSession session = superuser()) {
            var nodes = session.getMetadata().getNodes().values();
            assertThat(nodes).hasSize(3);
            for (var node : nodes) {
                assertThat(settingOn(session, node, "compaction_throughput"))
                        .as("compaction_throughput on " + node)
                        .isEqualTo("96MiB/s");
            }
        }
        assertThat(cluster().getStatus().getNodes()).allSatisfy(n -> {
            assertThat(n.getHostId()).isEqualTo(hostIds.get(n.getPod()));
            assertThat(n.getState()).isEqualTo("UN");
        });
        assertAllRows(ConsistencyLevel.ALL);
    }

    /** A setting as one node runs with it; retried while the driver's pool to that node (re)connects. */
    private static String settingOn(
            CqlSession session, com.datastax.oss.driver.api.core.metadata.Node node, String name)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                var row = session.execute(SimpleStatement.newInstance(
                                        "SELECT value FROM system_views.settings WHERE name = ?", name)
                                .setNode(node))
                        .one();
                return row == null ? null : row.getString(0);
            } catch (AllNodesFailedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** A GET of an agent route as the operator makes it: over mutual TLS with an identity from the cluster's CA. */
    private java.net.http.HttpResponse<String> agentGet(String ip, String route) throws Exception {
        var endpoint =
                new PodAgentEndpoints(client, java.util.Set.of(namespace.name()), java.time.Clock.systemUTC()).of(ip);
        var response = endpoint.http()
                .send(
                        java.net.http.HttpRequest.newBuilder(endpoint.uri(ip, route))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** A node's tokens, from its agent. */
    private List<String> tokensOf(String ip) throws Exception {
        var response = agentGet(ip, "/api/v1/node");
        List<String> tokens = new java.util.ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .path("tokens")
                .forEach(t -> tokens.add(t.asText()));
        return tokens;
    }

    @Test
    @Order(8)
    void aPodThatLosesItsVolumeComesBackAsAReplacementWithTheSameTokensAndData() throws Exception {
        String pod = NAME + "-dc1-r2-0";
        NodeStatus before = cluster().getStatus().getNodes().stream()
                .filter(n -> n.getPod().equals(pod))
                .findFirst()
                .orElseThrow();
        List<String> tokens = tokensOf(before.getIp());
        assertThat(tokens).hasSize(16);

        // Lose the volume: the claim goes once its pod is gone, and the StatefulSet makes an empty one.
        client.persistentVolumeClaims()
                .inNamespace(namespace.name())
                .withName("data-" + pod)
                .delete();
        client.pods().inNamespace(namespace.name()).withName(pod).delete();
        awaitCluster(
                c -> c.getStatus().getStep() != null
                        && c.getStatus().getStep().contains("replacing node " + before.getHostId()),
                Duration.ofMinutes(4),
                "the operator to replace " + pod);
        CassandraCluster replaced = awaitCluster(
                c -> conditionTrue(c, "Ready")
                        && c.getStatus().getNodes().stream()
                                .anyMatch(n -> n.getPod().equals(pod)
                                        && "UN".equals(n.getState())
                                        && !before.getIp().equals(n.getIp())),
                Duration.ofMinutes(8),
                "Ready with " + pod + " replaced");

        NodeStatus after = replaced.getStatus().getNodes().stream()
                .filter(n -> n.getPod().equals(pod))
                .findFirst()
                .orElseThrow();
        assertThat(tokensOf(after.getIp())).containsExactlyInAnyOrderElementsOf(tokens);
        assertThat(replaced.getStatus().getNodes())
                .hasSize(3)
                .allSatisfy(n -> assertThat(n.getState()).isEqualTo("UN"));
        assertAllRows(ConsistencyLevel.ALL);
    }

    private void resize(int size) {
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    c.getSpec().getDatacenters().get(0).setSize(size);
                    return c;
                });
    }

    private List<String> podNames() {
        return client
                .pods()
                .inNamespace(namespace.name())
                .withLabel("cassini.dev/cluster", NAME)
                .list()
                .getItems()
                .stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getMetadata().getName())
                .sorted()
                .toList();
    }

    /** The agent's jobs on a node. */
    private com.fasterxml.jackson.databind.JsonNode jobsOf(String ip) throws Exception {
        var response = agentGet(ip, "/api/v1/jobs");
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .path("jobs");
    }

    @Test
    @Order(9)
    void scalingUnderTrafficBootstrapsCleansUpSurvivesAnOperatorRestartAndDecommissionsUntilReplicationWouldSuffer()
            throws Exception {
        try (CqlSession session = superuser();
                TrafficClient traffic = new TrafficClient(session, ROWS)) {
            traffic.start();
            Thread.sleep(3000);
            resize(4);
            long t0 = System.nanoTime();
            // Take the operator away while the new node bootstraps; a new one must carry on, cleanup included.
            awaitCluster(
                    c -> c.getStatus() != null
                            && c.getStatus().getStep() != null
                            && c.getStatus().getStep().contains("joins the ring"),
                    Duration.ofMinutes(4),
                    "the new node to start bootstrapping");
            assertThat(cluster().getStatus().getPendingCleanup())
                    .extracting(c -> c.getPod())
                    .containsExactlyInAnyOrder(NAME + "-dc1-r1-0", NAME + "-dc1-r2-0", NAME + "-dc1-r3-0");
            operator.stop();
            Thread.sleep(5000);
            operator = OperatorMain.start(operatorClient, metrics);
            CassandraCluster four = awaitCluster(
                    c -> conditionTrue(c, "Ready") && c.getStatus().getNodes().size() == 4,
                    Duration.ofMinutes(10),
                    "Ready with 4 nodes");
            System.out.printf(
                    "scale-up 3 -> 4 (bootstrap + cleanup of 3 nodes, operator restarted mid-bootstrap): %.1f s; traffic: %s%n",
                    (System.nanoTime() - t0) / 1e9, traffic.summary());
            assertThat(four.getStatus().getNodes())
                    .allSatisfy(n -> assertThat(n.getState()).isEqualTo("UN"));
            assertThat(four.getStatus().getPendingCleanup()).isNull();
            assertThat(podNames()).contains(NAME + "-dc1-r1-1");
            for (NodeStatus node : four.getStatus().getNodes()) {
                boolean cleaned = false;
                for (var job : jobsOf(node.getIp())) {
                    cleaned |= job.path("operation").asText().equals("cleanup")
                            && job.path("state").asText().equals("SUCCEEDED");
                }
                // The three nodes that gave ranges away were cleaned; the new node had nothing to clean.
                assertThat(cleaned)
                        .as("a cleanup succeeded on " + node.getPod())
                        .isEqualTo(!node.getPod().equals(NAME + "-dc1-r1-1"));
            }
            var events = client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                    .filter(e -> NAME.equals(e.getInvolvedObject().getName()))
                    .map(e -> e.getReason())
                    .toList();
            assertThat(events).contains("MarkForCleanup", "Cleanup");

            // Down to 2: the extra node of r1 is decommissioned and removed; going below 3 would break RF 3.
            resize(2);
            t0 = System.nanoTime();
            CassandraCluster refused = awaitCluster(
                    c -> c.getStatus() != null
                            && c.getStatus().getConditions().stream()
                                    .anyMatch(k ->
                                            k.getType().equals("Degraded") && "ScaleDownRefused".equals(k.getReason())),
                    Duration.ofMinutes(6),
                    "the scale-down below RF to be refused");
            System.out.printf(
                    "scale-down 4 -> 3 (decommission), then refused at 3: %.1f s; traffic: %s%n",
                    (System.nanoTime() - t0) / 1e9, traffic.summary());
            String message = refused.getStatus().getConditions().stream()
                    .filter(k -> k.getType().equals("Degraded"))
                    .findFirst()
                    .orElseThrow()
                    .getMessage();
            assertThat(message).contains("replicates 3 copies to dc1").contains("only 2 nodes would remain");
            assertThat(refused.getStatus().getPhase()).isEqualTo("Degraded");
            assertThat(podNames()).containsExactly(NAME + "-dc1-r1-0", NAME + "-dc1-r2-0", NAME + "-dc1-r3-0");
            assertThat(client.persistentVolumeClaims()
                            .inNamespace(namespace.name())
                            .withName("data-" + NAME + "-dc1-r1-1")
                            .get())
                    .isNull();

            resize(3);
            CassandraCluster three = awaitCluster(
                    c -> conditionTrue(c, "Ready") && c.getStatus().getNodes().size() == 3,
                    Duration.ofMinutes(3),
                    "Ready with 3 nodes");
            assertThat(three.getStatus().getNodes())
                    .allSatisfy(n -> assertThat(n.getState()).isEqualTo("UN"));
            traffic.stopAndWait();
            System.out.printf("traffic through scale 3 -> 4 -> 3: %s%n", traffic.summary());
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
            assertThat(traffic.successes()).isGreaterThan(100);
        }
        assertAllRows(ConsistencyLevel.ALL);
    }

    private void allowVolumeExpansion(boolean allow) {
        client.storage().v1().storageClasses().withName("devkube-local").edit(c -> {
            c.setAllowVolumeExpansion(allow);
            return c;
        });
    }

    /** Each rack's StatefulSet's volume template size, by StatefulSet name. */
    private Map<String, String> templateSizes() {
        return client
                .apps()
                .statefulSets()
                .inNamespace(namespace.name())
                .withLabel("cassini.dev/cluster", NAME)
                .list()
                .getItems()
                .stream()
                .collect(Collectors.toMap(
                        s -> s.getMetadata().getName(),
                        s -> s.getSpec()
                                .getVolumeClaimTemplates()
                                .get(0)
                                .getSpec()
                                .getResources()
                                .getRequests()
                                .get("storage")
                                .toString()));
    }

    /** Each data claim's requested size and capacity, as "request/capacity", by claim name. */
    private Map<String, String> claimSizes() {
        return client
                .persistentVolumeClaims()
                .inNamespace(namespace.name())
                .withLabel("cassini.dev/cluster", NAME)
                .list()
                .getItems()
                .stream()
                .filter(c -> c.getMetadata().getDeletionTimestamp() == null)
                .collect(Collectors.toMap(
                        c -> c.getMetadata().getName(),
                        c -> c.getSpec().getResources().getRequests().get("storage") + "/"
                                + (c.getStatus().getCapacity() == null
                                        ? "-"
                                        : c.getStatus().getCapacity().get("storage"))));
    }

    private List<String> eventsOfTheCluster() {
        return client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                .filter(e -> NAME.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getType() + " " + e.getReason())
                .toList();
    }

    @Test
    @Order(10)
    void growingStorageWhereTheClassForbidsItIsRefusedInStatusAndAScaleUpStillHappens() throws Exception {
        allowVolumeExpansion(false);
        long generationBefore = cluster().getStatus().getObservedGeneration();
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    StorageSpec storage = new StorageSpec();
                    storage.setSize("2Gi");
                    c.getSpec().getDatacenters().get(0).setStorage(storage);
                    return c;
                });
        CassandraCluster refused = awaitCluster(
                c -> "StorageExpansionRefused".equals(degradedReason(c)),
                Duration.ofMinutes(2),
                "the storage growth to be refused in status");
        String message = refused.getStatus().getConditions().stream()
                .filter(k -> k.getType().equals("Degraded"))
                .findFirst()
                .orElseThrow()
                .getMessage();
        System.out.printf("storage growth refused: %s%n", message);
        assertThat(message)
                .startsWith(
                        "datacenter dc1 asks for 2Gi volumes (they have 1Gi), but StorageClass devkube-local does not "
                                + "allow volume expansion")
                .contains("kubectl patch storageclass devkube-local");
        assertThat(refused.getStatus().getObservedGeneration())
                .as("a spec not applied in full is not reported as observed")
                .isEqualTo(generationBefore)
                .isLessThan(refused.getMetadata().getGeneration());
        assertThat(templateSizes())
                .containsOnlyKeys(NAME + "-dc1-r1", NAME + "-dc1-r2", NAME + "-dc1-r3")
                .allSatisfy((set, size) -> assertThat(size).isEqualTo("1Gi"));
        assertThat(claimSizes())
                .hasSize(3)
                .allSatisfy((claim, size) -> assertThat(size).isEqualTo("1Gi/1Gi"));
        assertThat(eventsOfTheCluster()).contains("Warning StorageExpansionRefused");

        // Everything else still applies: a scale-up goes through the same StatefulSets, and back down.
        resize(4);
        long t0 = System.nanoTime();
        CassandraCluster four = awaitCluster(
                c -> c.getStatus() != null
                        && c.getStatus().getNodes() != null
                        && c.getStatus().getNodes().size() == 4
                        && c.getStatus().getNodes().stream().allMatch(n -> "UN".equals(n.getState()))
                        && c.getStatus().getPendingCleanup() == null
                        && converged(c),
                Duration.ofMinutes(8),
                "4 nodes, all up and cleaned, while the storage growth is refused");
        System.out.printf(
                "scale-up 3 -> 4 while the storage growth is refused: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(degradedReason(four)).isEqualTo("StorageExpansionRefused");
        assertThat(claimSizes()).containsEntry("data-" + NAME + "-dc1-r1-1", "1Gi/1Gi");
        resize(3);
        awaitCluster(
                c -> c.getStatus().getNodes().size() == 3 && podNames().size() == 3,
                Duration.ofMinutes(5),
                "the fourth node decommissioned and removed");
    }

    @Test
    @Order(11)
    void onceTheClassAllowsItTheVolumesGrowUnderTrafficWithoutARestart() throws Exception {
        try (CqlSession session = superuser();
                TrafficClient traffic = new TrafficClient(session, ROWS)) {
            traffic.start();
            Thread.sleep(3000);
            Map<String, String> before = podUids();
            assertThat(before).hasSize(3);
            allowVolumeExpansion(true);
            long t0 = System.nanoTime();
            CassandraCluster grown = awaitCluster(
                    c -> conditionTrue(c, "Ready")
                            && degradedReason(c) == null
                            && converged(c)
                            && templateSizes().values().stream().allMatch("2Gi"::equals),
                    Duration.ofMinutes(4),
                    "every volume and StatefulSet template at 2Gi, Ready and converged at the current generation");
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(3000);
            System.out.printf(
                    "volume expansion of 3 nodes 1Gi -> 2Gi: %.1f s; traffic: %s%n", seconds, traffic.summary());
            assertThat(claimSizes())
                    .hasSize(3)
                    .allSatisfy((claim, size) -> assertThat(size).isEqualTo("2Gi/2Gi"));
            for (var claim : client.persistentVolumeClaims()
                    .inNamespace(namespace.name())
                    .withLabel("cassini.dev/cluster", NAME)
                    .list()
                    .getItems()) {
                assertThat(client.persistentVolumes()
                                .withName(claim.getSpec().getVolumeName())
                                .get()
                                .getSpec()
                                .getCapacity()
                                .get("storage")
                                .toString())
                        .isEqualTo("2Gi");
            }
            assertThat(podUids()).as("no pod restarted").isEqualTo(before);
            // The re-created StatefulSets adopted the running pods.
            for (Pod pod : client.pods()
                    .inNamespace(namespace.name())
                    .withLabel("cassini.dev/cluster", NAME)
                    .list()
                    .getItems()) {
                String owner = pod.getMetadata().getOwnerReferences().stream()
                        .filter(r -> Boolean.TRUE.equals(r.getController()))
                        .map(r -> r.getUid())
                        .findFirst()
                        .orElse("none");
                String set = pod.getMetadata()
                        .getName()
                        .substring(0, pod.getMetadata().getName().lastIndexOf('-'));
                assertThat(owner)
                        .as(pod.getMetadata().getName() + " is owned by its new StatefulSet")
                        .isEqualTo(client.apps()
                                .statefulSets()
                                .inNamespace(namespace.name())
                                .withName(set)
                                .get()
                                .getMetadata()
                                .getUid());
            }
            assertThat(grown.getStatus().getObservedGeneration())
                    .isEqualTo(grown.getMetadata().getGeneration());
            assertThat(eventsOfTheCluster()).contains("Normal ExpandVolumes", "Normal RecreateStatefulSet");
            traffic.stopAndWait();
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
            assertThat(traffic.successes()).isGreaterThan(100);
        } finally {
            allowVolumeExpansion(true);
        }
        assertAllRows(ConsistencyLevel.ALL);
        // devkube runs no endpoint controllers, whose loopback-address warnings would drown these events.
        assertThat(client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                        .map(e -> e.getReason()))
                .doesNotContain("FailedToUpdateEndpointSlices", "FailedToUpdateEndpoint");
    }

    /**
     * The StatefulSets re-created when the volumes grew still carry every change: a rolling restart
     * under traffic restarts every pod and loses no request. Tagged full: step 6 covers rolling
     * restarts, and this one takes about six minutes.
     */
    @Test
    @Order(12)
    @Tag("full")
    void aRollingRestartAfterTheVolumesGrewStillWorks() throws Exception {
        try (CqlSession session = superuser();
                TrafficClient traffic = new TrafficClient(session, ROWS)) {
            traffic.start();
            Thread.sleep(3000);
            double seconds = rollingRestart("the restartedAt annotation after the volumes grew");
            traffic.stopAndWait();
            System.out.printf(
                    "rolling restart of 3 nodes after volume expansion: %.1f s; traffic: %s%n",
                    seconds, traffic.summary());
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
            assertThat(traffic.successes()).isGreaterThan(100);
        }
        assertAllRows(ConsistencyLevel.ALL);
    }

    /**
     * A datacenter added to the running cluster under traffic: its node starts with tokens of its
     * own and no bootstrap, the system keyspaces and the one its join names get replicas there, and
     * its rebuild streams the rows, which it then serves on its own (LOCAL_ONE, one replica there).
     */
    @Test
    @Order(14)
    void aDatacenterAddedToTheRunningClusterJoinsWithTokensOfItsOwnAndRebuildsItsRows() throws Exception {
        try (CqlSession session = superuser();
                TrafficClient traffic = new TrafficClient(session, ROWS)) {
            traffic.start();
            Thread.sleep(2000);
            long t0 = System.nanoTime();
            client.resources(CassandraCluster.class)
                    .inNamespace(namespace.name())
                    .withName(NAME)
                    .edit(c -> {
                        dev.cassini.api.v1alpha1.DatacenterSpec dc1 =
                                c.getSpec().getDatacenters().get(0);
                        dev.cassini.api.v1alpha1.DatacenterSpec dc2 = Serialization.unmarshal(
                                Serialization.asYaml(dc1), dev.cassini.api.v1alpha1.DatacenterSpec.class);
                        dc2.setName("dc2");
                        dc2.setSize(1);
                        dc2.setRacks(null);
                        var join = new dev.cassini.api.v1alpha1.JoinSpec();
                        join.setRebuildFrom("dc1");
                        var replication = new dev.cassini.api.v1alpha1.JoinReplicationSpec();
                        replication.setKeyspaces(Map.of("e2e", 1));
                        join.setReplication(replication);
                        dc2.setJoin(join);
                        c.getSpec().setDatacenters(List.of(dc1, dc2));
                        return c;
                    });
            CassandraCluster joined = awaitCluster(
                    c -> dcCondition(c, "dc2", "Rebuilt") && conditionTrue(c, "Ready"),
                    Duration.ofMinutes(6),
                    "dc2 Rebuilt=True and the cluster Ready");
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(2000);
            traffic.stopAndWait();
            System.out.printf(
                    "datacenter dc2 (1 node) joined and rebuilt in %.1f s; traffic: %s%n", seconds, traffic.summary());
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
            assertThat(dcCondition(joined, "dc2", "Replicated")).isTrue();
            assertRebuildFigures(joined, "dc2");
            assertThat(eventsOfTheCluster()).contains("Normal ExtendReplication", "Normal Rebuild");

            // Tokens: 4 nodes of 16 each, none shared.
            var nodes = joined.getStatus().getNodes();
            assertThat(nodes).hasSize(4);
            try (CqlSession dc1 = superuser()) {
                java.util.Set<String> tokens = new java.util.HashSet<>();
                int count = 0;
                // Both tables read on one node: its own tokens and those of every peer it knows.
                // A dc1 node: the session, local to dc1, holds connections to that datacenter only.
                var node = dc1.getMetadata().getNodes().values().stream()
                        .filter(n -> "dc1".equals(n.getDatacenter())
                                && n.getState() == com.datastax.oss.driver.api.core.metadata.NodeState.UP)
                        .findFirst()
                        .orElseThrow();
                for (var row : dc1.execute(SimpleStatement.newInstance("SELECT tokens FROM system.local")
                        .setNode(node))) {
                    count += row.getSet("tokens", String.class).size();
                    tokens.addAll(row.getSet("tokens", String.class));
                }
                for (var row : dc1.execute(SimpleStatement.newInstance("SELECT tokens FROM system.peers_v2")
                        .setNode(node))) {
                    count += row.getSet("tokens", String.class).size();
                    tokens.addAll(row.getSet("tokens", String.class));
                }
                assertThat(count).isEqualTo(64);
                assertThat(tokens).as("no token twice in the ring").hasSize(64);
                var replication =
                        dc1.execute("SELECT keyspace_name, replication FROM system_schema.keyspaces").all().stream()
                                .collect(java.util.stream.Collectors.toMap(
                                        r -> r.getString(0), r -> r.getMap(1, String.class, String.class)));
                assertThat(replication.get("e2e")).containsEntry("dc1", "3").containsEntry("dc2", "1");
                assertThat(replication.get("system_auth"))
                        .containsEntry("dc1", "3")
                        .containsEntry("dc2", "1");
                assertThat(replication.get("system_distributed")).containsEntry("dc2", "1");
            }

            // dc2's one replica holds every row dc1 has, read there alone.
            Map<Integer, String> inDc1 = new java.util.TreeMap<>();
            try (CqlSession dc1 = superuser()) {
                dc1.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e.kv")
                                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                        .forEach(r -> inDc1.put(r.getInt("k"), r.getString("v")));
            }
            Map<Integer, String> inDc2 = new java.util.TreeMap<>();
            try (CqlSession dc2 = superuserOf(NAME, "dc2")) {
                dc2.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e.kv")
                                .setConsistencyLevel(ConsistencyLevel.LOCAL_ONE))
                        .forEach(r -> inDc2.put(r.getInt("k"), r.getString("v")));
            }
            assertThat(inDc1).isNotEmpty();
            assertThat(inDc2).isEqualTo(inDc1);
            System.out.printf("dc2 serves all %d rows of e2e.kv at LOCAL_ONE%n", inDc2.size());
        }
    }

    /**
     * dc2 taken out of the spec again, under traffic in dc1: refused while an application is
     * connected to dc2 (named in status, nothing changed); once it disconnects, every keyspace lets
     * go of dc2 (system_auth last), its node decommissions, and nothing of dc2 is left.
     */
    @Test
    @Order(15)
    void aDatacenterTakenOutOfTheSpecWaitsForItsApplicationsThenLeavesUnderTraffic() throws Exception {
        try (CqlSession session = superuser();
                TrafficClient traffic = new TrafficClient(session, ROWS)) {
            CqlSession application = superuserOf(NAME, "dc2");
            try {
                application.execute("SELECT release_version FROM system.local");
                traffic.start();
                Thread.sleep(2000);
                long t0 = System.nanoTime();
                client.resources(CassandraCluster.class)
                        .inNamespace(namespace.name())
                        .withName(NAME)
                        .edit(c -> {
                            c.getSpec()
                                    .setDatacenters(
                                            List.of(c.getSpec().getDatacenters().get(0)));
                            return c;
                        });
                CassandraCluster refused = awaitCluster(
                        c -> "DatacenterRemovalRefused".equals(degradedReason(c)),
                        Duration.ofMinutes(2),
                        "the removal of dc2 refused while an application is connected to it");
                String message = degradedMessage(refused);
                System.out.println("refused: " + message);
                assertThat(message)
                        .contains("application connection")
                        .contains(NAME + "-dc2-")
                        .contains("cassini.dev/force-leave")
                        .doesNotContain("cassini-operator");
                assertThat(replicationOf("e2e")).containsEntry("dc2", "1");
                assertThat(podUids().keySet()).anyMatch(pod -> pod.startsWith(NAME + "-dc2-"));
                application.close();
                awaitCluster(
                        c -> conditionTrue(c, "Ready")
                                && c.getStatus().getNodes().size() == 3
                                && client.apps()
                                        .statefulSets()
                                        .inNamespace(namespace.name())
                                        .withLabel("cassini.dev/datacenter", "dc2")
                                        .list()
                                        .getItems()
                                        .isEmpty(),
                        Duration.ofMinutes(5),
                        "dc2 gone: 3 nodes, no dc2 StatefulSet, Ready");
                double seconds = (System.nanoTime() - t0) / 1e9;
                Thread.sleep(2000);
                traffic.stopAndWait();
                System.out.printf(
                        "datacenter dc2 (1 node) left in %.1f s from the spec change (refused while an application"
                                + " was connected); traffic in dc1: %s%n",
                        seconds, traffic.summary());
                assertThat(traffic.failures()).as(traffic.summary()).isZero();
            } finally {
                application.close();
            }
        }
        for (String keyspace : List.of("e2e", "system_auth", "system_distributed", "system_traces")) {
            assertThat(replicationOf(keyspace))
                    .as(keyspace)
                    .doesNotContainKey("dc2")
                    .containsKey("dc1");
        }
        assertThat(podUids().keySet()).noneMatch(pod -> pod.startsWith(NAME + "-dc2-"));
        String dc2 = "cassini.dev/datacenter";
        assertThat(client.services()
                        .inNamespace(namespace.name())
                        .withLabel(dc2, "dc2")
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(client.persistentVolumeClaims()
                        .inNamespace(namespace.name())
                        .withLabel(dc2, "dc2")
                        .list()
                        .getItems())
                .isEmpty();
        try (CqlSession session = superuser()) {
            assertThat(session.execute("SELECT data_center FROM system.peers_v2")
                            .all())
                    .extracting(r -> r.getString(0))
                    .containsOnly("dc1");
        }
        assertThat(eventsOfTheCluster())
                .contains(
                        "Warning Refuse",
                        "Normal WithdrawReplication",
                        "Normal Decommission",
                        "Normal RemoveDatacenter");
        assertAllRows(ConsistencyLevel.LOCAL_QUORUM);
    }

    /**
     * A 3-node ring outside Kubernetes (datacenter legacy: node agents as {@code cassini node} runs
     * them, its own superuser, tokens a new ring of Cassini would also pick) is joined by a
     * CassandraCluster's datacenter k8s through additionalSeeds, under LOCAL_QUORUM traffic in
     * legacy: it starts on tokens the ring does not have, gets replicas, rebuilds, and serves every
     * row, while legacy's replication and roles stay as they were.
     */
    @Test
    @Order(16)
    void aRingOutsideKubernetesIsJoinedByADatacenterThatRebuildsItsRowsUnderTraffic() throws Exception {
        List<String> addresses = LEGACY_ADDRESSES;
        List<List<Long>> tokens = dev.cassini.model.TokenAllocator.allocate(3, 16);
        List<ExternalNode> legacy = legacyNodes;
        String moved = MOVED;
        String password = legacyPassword;
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            legacy.add(ExternalNode.startNewRingMember(
                    "legacy", "legacy", "r" + (i + 1), addresses.get(i), addresses.subList(0, 2), tokens.get(i), 3));
        }
        for (ExternalNode node : legacy) {
            node.awaitReady(Duration.ofMinutes(4));
        }
        System.out.printf("legacy ring of 3 nodes outside Kubernetes up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        // As its operators would have it before a migration: NetworkTopologyStrategy everywhere, its own superuser.
        try (CqlSession admin = legacySession(addresses, "cassandra", "cassandra", Duration.ofMinutes(2))) {
            for (String keyspace : List.of("system_auth", "system_distributed", "system_traces")) {
                admin.execute("ALTER KEYSPACE " + keyspace
                        + " WITH replication = {'class': 'NetworkTopologyStrategy', 'legacy': 3}");
            }
            admin.execute("CREATE ROLE legacy_admin WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = '" + password
                    + "'");
            admin.execute("CREATE KEYSPACE e2e WITH replication = {'class': 'NetworkTopologyStrategy', 'legacy': 3}");
            admin.execute("CREATE TABLE e2e.kv (k int PRIMARY KEY, v text)");
        }
        client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                        .withNewMetadata()
                        .withName("legacy-admin")
                        .withNamespace(namespace.name())
                        .endMetadata()
                        .addToStringData("username", "legacy_admin")
                        .addToStringData("password", password)
                        .build())
                .create();
        Map<String, Map<String, String>> legacyReplicationBefore;
        try (CqlSession app = legacySession(addresses, "legacy_admin", password, Duration.ofMinutes(1));
                TrafficClient traffic = new TrafficClient(app, ROWS)) {
            var insert = app.prepare("INSERT INTO e2e.kv (k, v) VALUES (?, ?)");
            for (int k = 0; k < ROWS; k++) {
                app.execute(insert.bind(k, "legacy-" + k).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            }
            legacyReplicationBefore = replication(app);
            traffic.start();
            Thread.sleep(2000);
            t0 = System.nanoTime();
            client.resource(movedCluster(moved, addresses.subList(0, 2))).create();
            CassandraCluster joined = awaitCluster(
                    moved,
                    c -> dcCondition(c, "k8s", "Rebuilt") && conditionTrue(c, "Ready"),
                    Duration.ofMinutes(8),
                    "datacenter k8s of " + moved + " joined legacy's ring, Rebuilt=True, Ready");
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(2000);
            traffic.stopAndWait();
            System.out.printf(
                    "datacenter k8s (1 node) joined the external ring and rebuilt in %.1f s; traffic in legacy: %s%n",
                    seconds, traffic.summary());
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
            assertThat(dcCondition(joined, "k8s", "Replicated")).isTrue();
            assertRebuildFigures(joined, "k8s");

            // Tokens: 4 nodes of 16 each, none shared, although legacy's are those a new ring here would pick.
            var node = app.getMetadata().getNodes().values().stream()
                    .filter(n -> "legacy".equals(n.getDatacenter())
                            && n.getState() == com.datastax.oss.driver.api.core.metadata.NodeState.UP)
                    .findFirst()
                    .orElseThrow();
            List<String> ring = new java.util.ArrayList<>();
            app.execute(SimpleStatement.newInstance("SELECT tokens FROM system.local")
                            .setNode(node))
                    .forEach(r -> ring.addAll(r.getSet(0, String.class)));
            app.execute(SimpleStatement.newInstance("SELECT data_center, tokens FROM system.peers_v2")
                            .setNode(node))
                    .forEach(r -> ring.addAll(r.getSet(1, String.class)));
            assertThat(ring).hasSize(64).doesNotHaveDuplicates();

            // legacy keeps every entry it had; k8s is merged in.
            Map<String, Map<String, String>> after = replication(app);
            for (String keyspace : List.of("e2e", "system_auth", "system_distributed", "system_traces")) {
                assertThat(after.get(keyspace))
                        .as(keyspace)
                        .containsAllEntriesOf(legacyReplicationBefore.get(keyspace))
                        .containsEntry("k8s", "1");
            }
            // Its roles are untouched: no role created, the default one not retired.
            assertThat(app
                            .execute(SimpleStatement.newInstance("SELECT role, can_login FROM system_auth.roles")
                                    .setConsistencyLevel(ConsistencyLevel.ALL))
                            .all()
                            .stream()
                            .map(r -> r.getString(0) + ":" + r.getBoolean(1))
                            .toList())
                    .containsExactlyInAnyOrder("cassandra:true", "legacy_admin:true");
        }
        assertThat(client.secrets()
                        .inNamespace(namespace.name())
                        .withName(moved + "-superuser")
                        .get())
                .as("no superuser of its own")
                .isNull();
        // k8s's one replica holds every row legacy has, read there alone.
        Map<Integer, String> inLegacy = new java.util.TreeMap<>();
        Map<Integer, String> inK8s = new java.util.TreeMap<>();
        try (CqlSession app = legacySession(addresses, "legacy_admin", password, Duration.ofMinutes(1))) {
            app.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e.kv")
                            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                    .forEach(r -> inLegacy.put(r.getInt(0), r.getString(1)));
        }
        try (CqlSession k8s = superuserOf(moved, "k8s")) {
            k8s.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e.kv")
                            .setConsistencyLevel(ConsistencyLevel.LOCAL_ONE))
                    .forEach(r -> inK8s.put(r.getInt(0), r.getString(1)));
        }
        assertThat(inLegacy).hasSize(ROWS);
        assertThat(inK8s).isEqualTo(inLegacy);
    }

    /**
     * A join backed out, after step 16: a second resource joins the same ring as datacenter k8s2
     * (legacy and k8s are external to it), rebuilds, and is then emptied of datacenters. Under
     * LOCAL_QUORUM traffic in legacy, its node leaves (every keyspace lets go of k8s2, the node
     * decommissions, system_auth lets go last) and its objects go; the ring, every keyspace's
     * replication and the roles are then exactly as before it joined. Tagged full: step 15 covers a
     * managed datacenter's leave.
     */
    @Test
    @Order(17)
    @Tag("full")
    void aJoinBackedOutLeavesTheRingItsReplicationAndItsRolesAsTheyWere() throws Exception {
        String aborted = "aborted";
        List<String> addresses = LEGACY_ADDRESSES;
        try (CqlSession app = legacySession(addresses, "legacy_admin", legacyPassword, Duration.ofMinutes(1));
                TrafficClient traffic = new TrafficClient(app, ROWS)) {
            Map<String, Map<String, String>> before = replication(app);
            List<String> rolesBefore = roles(app);
            java.util.Set<String> ringBefore = ringDatacenters(app);
            assertThat(ringBefore).containsExactlyInAnyOrder("legacy", "k8s");
            traffic.start();
            Thread.sleep(2000);

            long t0 = System.nanoTime();
            CassandraCluster joining = movedCluster(aborted, addresses.subList(0, 2));
            joining.getSpec().getDatacenters().get(0).setName("k8s2");
            ExternalDatacenterSpec k8s = new ExternalDatacenterSpec();
            k8s.setName("k8s");
            joining.getSpec()
                    .setExternalDatacenters(
                            List.of(joining.getSpec().getExternalDatacenters().get(0), k8s));
            client.resource(joining).create();
            awaitCluster(
                    aborted,
                    c -> dcCondition(c, "k8s2", "Rebuilt") && conditionTrue(c, "Ready"),
                    Duration.ofMinutes(8),
                    "datacenter k8s2 of " + aborted + " joined, Rebuilt=True, Ready");
            double joinSeconds = (System.nanoTime() - t0) / 1e9;
            assertThat(replication(app).get("e2e")).containsEntry("k8s2", "1").containsEntry("k8s", "1");
            assertThat(ringDatacenters(app)).contains("k8s2");

            t0 = System.nanoTime();
            // A JSON patch, as the README has users do it: an edit() diff drops the emptied list altogether,
            // which the API server refuses (spec.datacenters: Required value).
            client.resources(CassandraCluster.class)
                    .inNamespace(namespace.name())
                    .withName(aborted)
                    .patch(
                            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                    io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
                            "[{\"op\":\"replace\",\"path\":\"/spec/datacenters\",\"value\":[]}]");
            CassandraCluster emptied = awaitCluster(
                    aborted,
                    c -> conditionTrue(c, "Ready")
                            && c.getStatus().getStep() != null
                            && c.getStatus().getStep().startsWith("no datacenter of this resource is left in the ring")
                            && (c.getStatus().getNodes() == null
                                    || c.getStatus().getNodes().isEmpty()),
                    Duration.ofMinutes(6),
                    aborted + " backed out: its nodes left the ring");
            double backOutSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.println("backed out: " + emptied.getStatus().getStep());
            Thread.sleep(2000);
            traffic.stopAndWait();
            System.out.printf(
                    "datacenter k8s2 joined and rebuilt in %.1f s, backed out in %.1f s; traffic in legacy: %s%n",
                    joinSeconds, backOutSeconds, traffic.summary());
            assertThat(traffic.failures()).as(traffic.summary()).isZero();

            assertThat(ringDatacenters(app)).as("the ring as before").isEqualTo(ringBefore);
            assertThat(replication(app))
                    .as("every keyspace's replication as before")
                    .isEqualTo(before);
            assertThat(roles(app)).as("the roles as before").isEqualTo(rolesBefore);
            java.util.Set<Integer> keys = new java.util.TreeSet<>();
            app.execute(SimpleStatement.newInstance("SELECT k FROM e2e.kv")
                            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                    .forEach(r -> keys.add(r.getInt(0)));
            assertThat(keys).hasSize(ROWS);
        }
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace(namespace.name())
                        .withLabel("cassini.dev/cluster", aborted)
                        .list()
                        .getItems())
                .as("its StatefulSets are gone")
                .isEmpty();
        assertThat(client.persistentVolumeClaims()
                        .inNamespace(namespace.name())
                        .withLabel("cassini.dev/cluster", aborted)
                        .list()
                        .getItems())
                .as("its volume claims are gone")
                .isEmpty();
        var events = client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                .filter(e -> aborted.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getType() + " " + e.getReason())
                .toList();
        assertThat(events).contains("Normal WithdrawReplication", "Normal Decommission", "Normal RemoveDatacenter");
        deleteAndAwaitPodsGone(aborted);
    }

    /** Every role and whether it may log in, read at ALL. */
    private static List<String> roles(CqlSession session) {
        return session
                .execute(SimpleStatement.newInstance("SELECT role, can_login FROM system_auth.roles")
                        .setConsistencyLevel(ConsistencyLevel.ALL))
                .all()
                .stream()
                .map(r -> r.getString(0) + ":" + r.getBoolean(1))
                .sorted()
                .toList();
    }

    /** The datacenters of the ring as one node sees it: its own and its peers'. */
    private static java.util.Set<String> ringDatacenters(CqlSession session) {
        java.util.Set<String> datacenters = new java.util.TreeSet<>();
        datacenters.add(
                session.execute("SELECT data_center FROM system.local").one().getString(0));
        session.execute("SELECT data_center FROM system.peers_v2").forEach(r -> datacenters.add(r.getString(0)));
        return datacenters;
    }

    /**
     * The migration's end, after step 16: the clients switch to k8s, one legacy machine is lost
     * (its node stops for good), legacy is marked leaving, and the leave waits, saying the node is
     * down and what to do. Forced, under LOCAL_QUORUM traffic in k8s: every keyspace lets go of
     * legacy, the lost node is removed from the ring (removenode through k8s's node), the other two
     * decommission one at a time through their agents (forced, as system_auth keeps its replicas
     * there until the last is gone), and system_auth lets go last. Tagged full: step 15 covers a
     * datacenter's leave, and the decommissions take minutes.
     */
    @Test
    @Order(18)
    @Tag("full")
    void theRingOutsideKubernetesLeavesOnceItsClientsMovedAndKubernetesKeepsEveryRow() throws Exception {
        String lost = LEGACY_ADDRESSES.get(2);
        legacyNodes.get(2).close();
        // Their agents serve mutual TLS from here on, with certificates from k8s's agent CA, as the
        // README tells a migration to do (cassini agent-cert, then cassini node --api-tls): the
        // operator can decommission them only over HTTPS, which agentApi: https below tells it.
        CassandraCluster movedResource = client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(MOVED)
                .get();
        for (int i = 0; i < 2; i++) {
            java.nio.file.Path tls = java.nio.file.Path.of("target", "external-nodes", "tls", LEGACY_ADDRESSES.get(i))
                    .toAbsolutePath();
            AgentCredentials.issue(
                    client,
                    movedResource,
                    "legacy-" + i,
                    List.of(LEGACY_ADDRESSES.get(i)),
                    List.of(),
                    Duration.ofDays(1),
                    tls);
            legacyNodes.set(i, legacyNodes.get(i).restartWithApiTls(tls));
            legacyNodes.get(i).awaitReady(Duration.ofMinutes(3));
        }
        try (CqlSession k8s = superuserOf(MOVED, "k8s");
                TrafficClient traffic = new TrafficClient(k8s, ROWS)) {
            traffic.start();
            Thread.sleep(2000);
            long t0 = System.nanoTime();
            client.resources(CassandraCluster.class)
                    .inNamespace(namespace.name())
                    .withName(MOVED)
                    .edit(c -> {
                        c.getSpec().getExternalDatacenters().get(0).setLeaving(true);
                        c.getSpec().getExternalDatacenters().get(0).setAgentApi("https");
                        return c;
                    });
            CassandraCluster waiting = awaitCluster(
                    MOVED,
                    c -> progressingMessage(c).contains(lost + " (host ID "),
                    Duration.ofMinutes(2),
                    "the leave of legacy waiting on its lost node " + lost);
            String message = progressingMessage(waiting);
            System.out.println("waiting: " + message);
            assertThat(message).contains("is down and cannot decommission").contains("cassini.dev/force-leave");
            assertThat(replication(k8s).get("e2e"))
                    .as("nothing withdrawn while it waits")
                    .containsKey("legacy");
            client.resources(CassandraCluster.class)
                    .inNamespace(namespace.name())
                    .withName(MOVED)
                    .edit(c -> {
                        Map<String, String> annotations = new java.util.HashMap<>();
                        if (c.getMetadata().getAnnotations() != null) {
                            annotations.putAll(c.getMetadata().getAnnotations());
                        }
                        annotations.put("cassini.dev/force-leave", "true");
                        c.getMetadata().setAnnotations(annotations);
                        return c;
                    });
            long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
            Map<String, String> auth = Map.of();
            List<String> peers = List.of();
            while (System.nanoTime() < deadline) {
                auth = k8s.execute(SimpleStatement.newInstance(
                                "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'"))
                        .one()
                        .getMap(0, String.class, String.class);
                peers = k8s.execute("SELECT peer FROM system.peers_v2").all().stream()
                        .map(r -> r.getInetAddress(0).getHostAddress())
                        .toList();
                if (!auth.containsKey("legacy") && peers.isEmpty()) {
                    break;
                }
                Thread.sleep(2000);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(peers).as("legacy's nodes left the ring").isEmpty();
            assertThat(auth).as("system_auth let go of legacy last").doesNotContainKey("legacy");
            Thread.sleep(2000);
            traffic.stopAndWait();
            System.out.printf(
                    "datacenter legacy (3 nodes outside Kubernetes, 1 of them lost) left in %.1f s; traffic in k8s:"
                            + " %s%n",
                    seconds, traffic.summary());
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
            Map<String, Map<String, String>> replication = replication(k8s);
            replication.forEach((keyspace, r) -> assertThat(r).as(keyspace).doesNotContainKey("legacy"));
            for (String keyspace : List.of("e2e", "system_auth", "system_distributed", "system_traces")) {
                assertThat(replication.get(keyspace)).as(keyspace).containsEntry("k8s", "1");
            }
            java.util.Set<Integer> keys = new java.util.TreeSet<>();
            k8s.execute(SimpleStatement.newInstance("SELECT k FROM e2e.kv")
                            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                    .forEach(r -> keys.add(r.getInt(0)));
            assertThat(keys).hasSize(ROWS);
        }
        CassandraCluster moved = awaitCluster(
                MOVED, c -> conditionTrue(c, "Ready"), Duration.ofMinutes(2), MOVED + " Ready after legacy left");
        assertThat(moved.getStatus().getNodes()).hasSize(1);
        var events = client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                .filter(e -> MOVED.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getType() + " " + e.getReason())
                .toList();
        assertThat(events)
                .contains("Normal WithdrawReplication", "Normal RemoveDeadNode", "Normal DecommissionExternal");
    }

    /** The CassandraCluster that joins the legacy ring: one node in datacenter k8s, legacy's login. */
    private CassandraCluster movedCluster(String name, List<String> seeds) {
        CassandraCluster moved = Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  clusterName: legacy
                  datacenters:
                    - name: k8s
                      size: 1
                      heap: 512M
                      join:
                        rebuildFrom: legacy
                        replication:
                          default: 1
                  externalDatacenters:
                    - name: legacy
                  auth:
                    superuserSecretRef: legacy-admin
                """.formatted(name, namespace.name()), CassandraCluster.class);
        moved.getSpec().setAdditionalSeeds(seeds);
        return moved;
    }

    /** A session to the legacy ring as {@code user}, local to it, retried until the login works. */
    private static CqlSession legacySession(List<String> addresses, String user, String password, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            var builder = CqlSession.builder()
                    .withConfigLoader(clientConfig())
                    .withLocalDatacenter("legacy")
                    .withAuthCredentials(user, password);
            addresses.forEach(a -> builder.addContactPoint(new InetSocketAddress(a, 9042)));
            try {
                return builder.build();
            } catch (com.datastax.oss.driver.api.core.AllNodesFailedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(2000); // Cassandra creates its default role about 10 s after it serves
            }
        }
    }

    private static Map<String, Map<String, String>> replication(CqlSession session) {
        Map<String, Map<String, String>> replication = new java.util.HashMap<>();
        session.execute("SELECT keyspace_name, replication FROM system_schema.keyspaces")
                .forEach(r -> replication.put(r.getString(0), r.getMap(1, String.class, String.class)));
        return replication;
    }

    private Map<String, String> replicationOf(String keyspace) {
        try (CqlSession session = superuser()) {
            return session.execute(SimpleStatement.newInstance(
                            "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace))
                    .one()
                    .getMap(0, String.class, String.class);
        }
    }

    /** Every node of the joined datacenter rebuilt and kept what it received, at what rate, in status. */
    private static void assertRebuildFigures(CassandraCluster joined, String dc) {
        var rebuilds = joined.getStatus().getDatacenters().stream()
                .filter(d -> dc.equals(d.getName()))
                .findFirst()
                .orElseThrow()
                .getRebuilds();
        rebuilds.forEach(r -> System.out.printf(
                "rebuild of %s: %s, %d of %d bytes received, %d B/s, %d s left%n",
                r.getPod(),
                r.getState(),
                r.getReceivedBytes(),
                r.getTotalBytes(),
                r.getBytesPerSecond(),
                r.getEtaSeconds()));
        assertThat(rebuilds).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getState()).isEqualTo("SUCCEEDED");
            assertThat(r.getReceivedBytes()).as("bytes received").isPositive();
            assertThat(r.getTotalBytes()).isEqualTo(r.getReceivedBytes());
            assertThat(r.getBytesPerSecond()).isPositive();
            assertThat(r.getEtaSeconds()).isZero();
        });
    }

    private static String progressingMessage(CassandraCluster c) {
        if (c == null || c.getStatus() == null || c.getStatus().getConditions() == null) {
            return "";
        }
        return c.getStatus().getConditions().stream()
                .filter(k -> k.getType().equals("Progressing"))
                .map(k -> k.getMessage())
                .findFirst()
                .orElse("");
    }

    private dev.cassini.api.v1alpha1.CassandraBackup createBackup(String name) {
        dev.cassini.api.v1alpha1.CassandraBackup backup = new dev.cassini.api.v1alpha1.CassandraBackup();
        backup.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace.name())
                .build());
        dev.cassini.api.v1alpha1.CassandraBackupSpec spec = new dev.cassini.api.v1alpha1.CassandraBackupSpec();
        spec.setCluster(NAME);
        backup.setSpec(spec);
        return client.resource(backup).create();
    }

    private dev.cassini.api.v1alpha1.CassandraBackup awaitBackup(String name, String phase)
            throws InterruptedException {
        return awaitPhase(
                dev.cassini.api.v1alpha1.CassandraBackup.class,
                name,
                phase,
                b -> b.getStatus() == null ? null : b.getStatus().getPhase());
    }

    private dev.cassini.api.v1alpha1.CassandraRestore createRestore(String name, String backup, String... tables) {
        return createRestore(name, spec -> spec.setBackup(backup), tables);
    }

    /** A restore of backup {@code backupId} found in the cluster's own bucket and prefix, not by its resource. */
    private dev.cassini.api.v1alpha1.CassandraRestore createRestoreFromBucket(
            String name, String backupId, String... tables) {
        var source = new dev.cassini.api.v1alpha1.BackupSourceSpec();
        source.setBackupId(backupId);
        return createRestore(name, spec -> spec.setSource(source), tables);
    }

    private dev.cassini.api.v1alpha1.CassandraRestore createRestore(
            String name,
            java.util.function.Consumer<dev.cassini.api.v1alpha1.CassandraRestoreSpec> from,
            String... tables) {
        dev.cassini.api.v1alpha1.CassandraRestore restore = new dev.cassini.api.v1alpha1.CassandraRestore();
        restore.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace.name())
                .build());
        dev.cassini.api.v1alpha1.CassandraRestoreSpec spec = new dev.cassini.api.v1alpha1.CassandraRestoreSpec();
        spec.setCluster(NAME);
        from.accept(spec);
        spec.setTables(List.of(tables));
        restore.setSpec(spec);
        return client.resource(restore).create();
    }

    private dev.cassini.api.v1alpha1.CassandraRestore awaitRestore(String name, String phase)
            throws InterruptedException {
        return awaitPhase(
                dev.cassini.api.v1alpha1.CassandraRestore.class,
                name,
                phase,
                r -> r.getStatus() == null ? null : r.getStatus().getPhase());
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T awaitPhase(
            Class<T> type, String name, String phase, java.util.function.Function<T, String> phaseOf)
            throws InterruptedException {
        return awaitPhase(type, name, phase, phaseOf, Duration.ofMinutes(3));
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T awaitPhase(
            Class<T> type, String name, String phase, java.util.function.Function<T, String> phaseOf, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = client.resources(type)
                    .inNamespace(namespace.name())
                    .withName(name)
                    .get();
            if (last != null && phase.equals(phaseOf.apply(last))) {
                return last;
            }
            String now = last == null ? null : phaseOf.apply(last);
            if ("Succeeded".equals(now) || "Failed".equals(now)) {
                break; // finished otherwise: waiting longer cannot change it
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(type.getSimpleName() + " " + name + " not " + phase + "; last: "
                + (last == null ? "gone" : Serialization.asYaml(last)));
    }

    private void credentials(String secretAccessKey) {
        client.resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                        .withNewMetadata()
                        .withName("backup-credentials")
                        .withNamespace(namespace.name())
                        .endMetadata()
                        .addToStringData("accessKeyId", dev.cassini.store.S3ProxyServer.ACCESS_KEY)
                        .addToStringData("secretAccessKey", secretAccessKey)
                        .build())
                .serverSideApply();
    }

    @Test
    @Order(13)
    void backupsStoreEveryNodeOnceContentIsSharedAndBadStorageFailsWithTheCause() throws Exception {
        // Refused before the cluster has storage: the status says what to set.
        createBackup("no-storage");
        assertThat(awaitBackup("no-storage", "Failed").getStatus().getMessage()).contains("has no spec.backup.storage");

        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("cassini-e2e-s3");
        try (var server = dev.cassini.store.S3ProxyServer.start("127.0.3.31", 19_093, data);
                var store = new dev.cassini.store.ObjectStore(server.settings("backups"))) {
            store.createBucket();
            credentials(dev.cassini.store.S3ProxyServer.SECRET_KEY);
            client.resources(CassandraCluster.class)
                    .inNamespace(namespace.name())
                    .withName(NAME)
                    .edit(c -> {
                        var storage = new dev.cassini.api.v1alpha1.BackupStorageSpec();
                        storage.setBucket("backups");
                        storage.setEndpoint(server.endpoint());
                        storage.setPathStyle(true);
                        storage.setCredentialsSecretRef("backup-credentials");
                        var backup = new dev.cassini.api.v1alpha1.BackupSpec();
                        backup.setStorage(storage);
                        c.getSpec().setBackup(backup);
                        return c;
                    });

            long t0 = System.nanoTime();
            createBackup("first");
            var first = awaitBackup("first", "Succeeded");
            System.out.printf(
                    "backup of 3 nodes: %.1f s, %d bytes, %d uploaded, %d reused%n",
                    (System.nanoTime() - t0) / 1e9,
                    first.getStatus().getTotalBytes(),
                    first.getStatus().getUploadedBytes(),
                    first.getStatus().getReusedBytes());
            String prefix = namespace.name() + "/" + NAME + "/";
            assertThat(first.getStatus().getLocation()).isEqualTo("s3://backups/" + prefix + "backups/first/");
            assertThat(first.getStatus().getNodes()).hasSize(3).allSatisfy(n -> {
                assertThat(n.getState()).isEqualTo("Succeeded");
                assertThat(n.getFiles()).isPositive();
                assertThat(n.getTotalBytes()).isPositive();
            });
            assertThat(first.getStatus().getConditions())
                    .anySatisfy(
                            c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Complete=True"));
            assertThat(client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                            .filter(e -> e.getInvolvedObject().getName().equals("first"))
                            .map(e -> e.getType() + " " + e.getReason()))
                    .contains("Normal BackupRunning", "Normal BackupSucceeded");
            var layout = new dev.cassini.contract.backup.BackupLayout(prefix);
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                    .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
            var index =
                    mapper.readValue(store.get(layout.index("first")), dev.cassini.contract.backup.BackupIndex.class);
            assertThat(index.nodes()).hasSize(3);
            assertThat(index.totalBytes()).isEqualTo(first.getStatus().getTotalBytes());
            // The schema, as the snapshots saw it, is kept next to the manifests.
            var schema =
                    mapper.readValue(store.get(layout.schema("first")), dev.cassini.contract.backup.BackupSchema.class);
            var e2e = schema.keyspaces().stream()
                    .filter(k -> k.name().equals("e2e"))
                    .findFirst()
                    .orElseThrow();
            assertThat(e2e.replication()).containsEntry("dc1", "3");
            assertThat(e2e.tables())
                    .anySatisfy(t -> assertThat(t.name() + " " + t.columns()).isEqualTo("kv {k=int, v=text}"));
            assertThat(e2e.statements()).anySatisfy(st -> assertThat(st.cql()).startsWith("CREATE TABLE e2e.kv"));
            assertThat(schema.keyspaces()).noneMatch(k -> k.name().startsWith("system"));
            for (var node : index.nodes()) {
                var manifest =
                        mapper.readValue(store.get(node.manifest()), dev.cassini.contract.backup.NodeManifest.class);
                assertThat(manifest.tokens()).hasSize(16);
                assertThat(manifest.files())
                        .anySatisfy(
                                f -> assertThat(f.keyspace() + "." + f.table()).isEqualTo("e2e.kv"));
                for (var file : manifest.files()) {
                    assertThat(store.exists(layout.blob(file.sha256())))
                            .as(file.name())
                            .isTrue();
                }
            }

            // No write in between: the second backup finds the content in the store.
            createBackup("second");
            var second = awaitBackup("second", "Succeeded");
            System.out.printf(
                    "second backup: %d bytes, %d uploaded, %d reused%n",
                    second.getStatus().getTotalBytes(),
                    second.getStatus().getUploadedBytes(),
                    second.getStatus().getReusedBytes());
            assertThat(second.getStatus().getReusedBytes()).isPositive();
            assertThat(second.getStatus().getUploadedBytes())
                    .isLessThan(first.getStatus().getUploadedBytes());

            restoreInPlaceBringsBackExactlyTheBackedUpRowsAndLeavesOtherTablesServing();
            aTableRestoredUnderAnotherKeyspaceHoldsTheBackedUpRowsBesideTheLiveOnes();
            aNewClusterCreatedFromTheBackupStartsWithItsTokensAndHoldsExactlyItsRows();
            if (FULL_RUN) {
                // Restores by streaming are touched above (into another keyspace); these two add a
                // cluster of another shape, then nodes killed mid-transfer (about 4 minutes).
                aOneNodeClusterCreatedFromTheBackupGetsItsRowsStreamed();
            }
            aScheduleBacksUpEveryMinuteAndPrunesPastItsRetention(store, layout);
            deletingABackupCollectsTheContentOnlyItReferenced(store, layout);
            if (FULL_RUN) {
                aNodeKilledMidUploadResumesItsBackupWithoutWritingAnyObjectTwice(store, layout);
            }

            // Wrong credentials: the backup fails, and its status says so.
            credentials("not-the-secret");
            createBackup("bad-credentials");
            var refused = awaitBackup("bad-credentials", "Failed");
            System.out.println(
                    "backup with wrong credentials: " + refused.getStatus().getMessage());
            assertThat(refused.getStatus().getMessage()).containsIgnoringCase("credentials");
            assertThat(refused.getStatus().getConditions())
                    .anySatisfy(
                            c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Failed=True"));
            credentials(dev.cassini.store.S3ProxyServer.SECRET_KEY);

            // Deleting a backup deletes its manifests and index; content the second backup shares stays.
            client.resources(dev.cassini.api.v1alpha1.CassandraBackup.class)
                    .inNamespace(namespace.name())
                    .withName("first")
                    .delete();
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (store.exists(layout.index("first")) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(store.exists(layout.index("first"))).isFalse();
            assertThat(store.list(layout.backup("first"))).isEmpty();
            assertThat(store.exists(layout.index("second"))).isTrue();
            var kept =
                    mapper.readValue(store.get(layout.index("second")), dev.cassini.contract.backup.BackupIndex.class);
            for (var node : kept.nodes()) {
                var manifest =
                        mapper.readValue(store.get(node.manifest()), dev.cassini.contract.backup.NodeManifest.class);
                for (var file : manifest.files()) {
                    assertThat(store.exists(layout.blob(file.sha256())))
                            .as(file.name())
                            .isTrue();
                }
            }

            // The rest go while the store still runs, so their cleanup can reach it.
            client.resources(dev.cassini.api.v1alpha1.CassandraBackup.class)
                    .inNamespace(namespace.name())
                    .delete();
            deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!client.resources(dev.cassini.api.v1alpha1.CassandraBackup.class)
                            .inNamespace(namespace.name())
                            .list()
                            .getItems()
                            .isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(store.list(layout.index())).isEmpty();
        } finally {
            // After a failure the store is gone: these keep their finalizer until the cluster is deleted.
            client.resources(dev.cassini.api.v1alpha1.CassandraBackup.class)
                    .inNamespace(namespace.name())
                    .delete();
        }
    }

    /**
     * Rows changed, added and deleted after the backup, then the table restored in place from it:
     * exactly the backed-up rows come back, on every replica, while a table the restore does not
     * name keeps its rows. Restores that cannot run are refused with the reason and touch nothing.
     */
    private void restoreInPlaceBringsBackExactlyTheBackedUpRowsAndLeavesOtherTablesServing() throws Exception {
        try (CqlSession session = superuser()) {
            session.execute("CREATE TABLE IF NOT EXISTS e2e.notes (k int PRIMARY KEY, v text)");
            PreparedStatement insert = session.prepare("INSERT INTO e2e.kv (k, v) VALUES (?, ?)");
            for (int k = ROWS; k < ROWS + 50; k++) {
                session.execute(insert.bind(k, "after" + k).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            }
            session.execute(SimpleStatement.newInstance("UPDATE e2e.kv SET v = 'changed' WHERE k = 0")
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            session.execute(SimpleStatement.newInstance("DELETE FROM e2e.kv WHERE k = 1")
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            session.execute(SimpleStatement.newInstance("INSERT INTO e2e.notes (k, v) VALUES (1, 'kept')")
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
        }

        // Refused with the reason, nothing touched: no such backup, and a table the backup does not hold.
        createRestore("no-such-backup", "nope", "e2e.kv");
        assertThat(awaitRestore("no-such-backup", "Failed").getStatus().getMessage())
                .contains("backup nope does not exist");
        createRestoreFromBucket("not-in-bucket", "nope", "e2e.kv");
        assertThat(awaitRestore("not-in-bucket", "Failed").getStatus().getMessage())
                .contains("there is no complete backup nope in s3://backups/" + namespace.name() + "/" + NAME + "/");
        createRestore("no-such-table", "second", "e2e.missing");
        assertThat(awaitRestore("no-such-table", "Failed").getStatus().getMessage())
                .contains("holds nothing of e2e.missing")
                .contains("e2e.kv");
        try (CqlSession session = superuser()) {
            assertThat(session.execute(SimpleStatement.newInstance("SELECT count(*) FROM e2e.kv")
                                    .setConsistencyLevel(ConsistencyLevel.ALL))
                            .one()
                            .getLong(0))
                    .as("rows after two refused restores")
                    .isEqualTo(ROWS + 50 - 1);
        }

        long t0 = System.nanoTime();
        createRestore("kv-from-second", "second", "e2e.kv");
        var restored = awaitRestore("kv-from-second", "Succeeded");
        System.out.printf(
                "in-place restore of e2e.kv on 3 nodes: %.1f s, %d bytes, %d downloaded%n",
                (System.nanoTime() - t0) / 1e9,
                restored.getStatus().getTotalBytes(),
                restored.getStatus().getDownloadedBytes());
        assertThat(restored.getStatus().getStep()).isEqualTo("Done");
        assertThat(restored.getStatus().getTables()).containsExactly("e2e.kv");
        assertThat(restored.getStatus().getNodes()).hasSize(3).allSatisfy(n -> {
            assertThat(n.getManifest()).endsWith(n.getHostId() + ".json");
            assertThat(n.getDownloadedBytes()).isPositive();
            assertThat(n.getBytesPerSecond()).as("download rate").isPositive();
            assertThat(n.getEtaSeconds()).as("nothing left").isZero();
        });
        assertThat(restored.getStatus().getConditions())
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Complete=True"));
        assertThat(client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                        .filter(e -> e.getInvolvedObject().getName().equals("kv-from-second"))
                        .map(e -> e.getType() + " " + e.getReason()))
                .contains("Normal RestoreRunning", "Normal RestoreSucceeded");
        assertAllRows(ConsistencyLevel.ALL);
        assertAllRows(ConsistencyLevel.ONE);
        try (CqlSession session = superuser()) {
            assertThat(session.execute(SimpleStatement.newInstance("SELECT v FROM e2e.notes WHERE k = 1")
                                    .setConsistencyLevel(ConsistencyLevel.ALL))
                            .one()
                            .getString(0))
                    .isEqualTo("kept");
        }

        // A dropped table comes back: the restore creates it from the backup's schema, then imports. This
        // one names the backup by its place in the bucket, as for a backup whose resource is gone.
        try (CqlSession session = superuser()) {
            session.execute("DROP TABLE e2e.kv");
        }
        t0 = System.nanoTime();
        createRestoreFromBucket("kv-after-drop", "second", "e2e.kv");
        awaitRestore("kv-after-drop", "Succeeded");
        System.out.printf("restore of the dropped table e2e.kv: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertAllRows(ConsistencyLevel.ALL);
        client.resources(dev.cassini.api.v1alpha1.CassandraRestore.class)
                .inNamespace(namespace.name())
                .delete();
    }

    /**
     * Backup "second"'s e2e.kv restored into keyspace e2e_second (as {@code cassini backup verify
     * --restore-table} and {@code restore create --keyspace-mapping} do): the keyspace is created from
     * the backup's schema, every backed-up row is there on every replica, and the live e2e.kv keeps
     * the rows written since. A mapping of a keyspace the restore does not restore is refused.
     */
    private void aTableRestoredUnderAnotherKeyspaceHoldsTheBackedUpRowsBesideTheLiveOnes() throws Exception {
        try (CqlSession session = superuser()) {
            session.execute(SimpleStatement.newInstance("UPDATE e2e.kv SET v = 'live' WHERE k = 0")
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            session.execute(SimpleStatement.newInstance("INSERT INTO e2e.kv (k, v) VALUES (?, 'live')", ROWS + 100)
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
        }
        createRestore(
                "kv-unused-mapping",
                spec -> {
                    spec.setBackup("second");
                    spec.setKeyspaceMapping(Map.of("nope", "elsewhere"));
                },
                "e2e.kv");
        assertThat(awaitRestore("kv-unused-mapping", "Failed").getStatus().getMessage())
                .contains("keyspaceMapping names nope, of which this restore restores no table");

        long t0 = System.nanoTime();
        createRestore(
                "kv-beside",
                spec -> {
                    spec.setBackup("second");
                    spec.setKeyspaceMapping(Map.of("e2e", "e2e_second"));
                },
                "e2e.kv");
        var restored = awaitRestore("kv-beside", "Succeeded").getStatus();
        System.out.printf(
                "restore of e2e.kv into e2e_second.kv (3 nodes, by streaming): %.1f s, %d bytes of files, %d bytes"
                        + " streamed%n",
                (System.nanoTime() - t0) / 1e9, restored.getTotalBytes(), restored.getStreamedBytes());
        assertThat(restored.getMethod()).isEqualTo("Stream");
        assertThat(restored.getMessage()).contains("restored e2e.kv into e2e_second.kv from backup second");
        try (CqlSession session = superuser()) {
            var rows = session.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e_second.kv")
                            .setConsistencyLevel(ConsistencyLevel.ALL))
                    .all();
            assertThat(rows).hasSize(ROWS);
            rows.forEach(r -> assertThat(r.getString("v")).isEqualTo("v" + r.getInt("k")));
            assertThat(session.execute(SimpleStatement.newInstance(
                                            "SELECT k FROM e2e.kv WHERE k IN (0, ?) AND v = 'live'"
                                                    + " ALLOW FILTERING",
                                            ROWS + 100)
                                    .setConsistencyLevel(ConsistencyLevel.ALL))
                            .all())
                    .as("the live table's rows written after the backup")
                    .hasSize(2);
            session.execute(
                    SimpleStatement.newInstance("DROP KEYSPACE e2e_second").setTimeout(Duration.ofSeconds(60)));
            session.execute(SimpleStatement.newInstance("UPDATE e2e.kv SET v = 'v0' WHERE k = 0")
                    .setConsistencyLevel(ConsistencyLevel.ALL));
            session.execute(SimpleStatement.newInstance("DELETE FROM e2e.kv WHERE k = ?", ROWS + 100)
                    .setConsistencyLevel(ConsistencyLevel.ALL));
        }
        assertAllRows(ConsistencyLevel.ALL);
        client.resources(dev.cassini.api.v1alpha1.CassandraRestore.class)
                .inNamespace(namespace.name())
                .delete();
    }

    /**
     * A new cluster of the same shape under another name and datacenter name, created from backup
     * "second" with spec.restoreFrom: each node starts with the tokens of a backed-up node (so no
     * node is matched by host ID), the backup's schema is created with the datacenter mapped, and
     * the new cluster holds exactly the backed-up rows on every replica.
     */
    /** A cluster restored from backup {@code second}, its one datacenter named {@code dc} (dc1 mapped to it). */
    private static CassandraCluster clusterFromBackup(String name, String dc, int size, String racks) {
        return Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata:
                  name: %s
                spec:
                  cassandraVersion: "5.0.5"
                  deletionPolicy: Delete
                  restoreFrom:
                    backup: second
                    datacenterMapping: {dc1: %s}
                  datacenters:
                    - name: %s
                      size: %d
                      heap: 512M
                      storage: {size: 1Gi}
                """.formatted(name, dc, dc, size) + racks, CassandraCluster.class);
    }

    /** Deletes a cluster of the test and waits (up to 3 minutes) for its pods to be gone, freeing their memory. */
    private void deleteAndAwaitPodsGone(String cluster) throws InterruptedException {
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(cluster)
                .delete();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline
                && !client.pods()
                        .inNamespace(namespace.name())
                        .withLabel("cassini.dev/cluster", cluster)
                        .list()
                        .getItems()
                        .isEmpty()) {
            Thread.sleep(1000);
        }
    }

    /**
     * A cluster of one node from the backup of three: its shape differs, so it starts with tokens of
     * its own and each backed-up node's files stream to it. The keyspace gets one replica (the
     * datacenter has one node), and every row of the backup is there.
     */
    private void aOneNodeClusterCreatedFromTheBackupGetsItsRowsStreamed() throws Exception {
        String one = "e2e-one";
        CassandraCluster resource = clusterFromBackup(one, "one", 1, "");
        long t0 = System.nanoTime();
        client.resource(resource).inNamespace(namespace.name()).create();
        try {
            var restored = awaitPhase(
                    dev.cassini.api.v1alpha1.CassandraRestore.class,
                    one + "-restore",
                    "Succeeded",
                    r -> r.getStatus() == null ? null : r.getStatus().getPhase(),
                    Duration.ofMinutes(8));
            var status = restored.getStatus();
            System.out.printf(
                    "one-node cluster from backup second (3 nodes) by streaming: %.1f s from create to restored,"
                            + " %d bytes of files, %d bytes streamed%n",
                    (System.nanoTime() - t0) / 1e9, status.getTotalBytes(), status.getStreamedBytes());
            assertThat(status.getMethod()).isEqualTo("Stream");
            // One entry per backed-up node, all streamed by the one node.
            assertThat(status.getNodes())
                    .hasSize(3)
                    .extracting(dev.cassini.api.v1alpha1.NodeRestoreStatus::getManifest)
                    .doesNotHaveDuplicates();
            assertThat(status.getNodes())
                    .extracting(dev.cassini.api.v1alpha1.NodeRestoreStatus::getPod)
                    .containsOnly(status.getNodes().get(0).getPod());
            assertThat(status.getStreamedBytes()).isPositive();
            // One replica of each range received every backed-up copy: nothing for a repair to reconcile.
            assertThat(status.getRepairAdvised()).isFalse();
            try (CqlSession session = superuserOf(one, "one")) {
                assertThat(session.execute(
                                        "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'e2e'")
                                .one()
                                .getMap("replication", String.class, String.class))
                        .containsEntry("one", "1")
                        .doesNotContainKey("dc1");
                var rows = session.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e.kv")
                                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                        .all();
                assertThat(rows).hasSize(ROWS);
                rows.forEach(r -> assertThat(r.getString("v")).isEqualTo("v" + r.getInt("k")));
            }
        } finally {
            deleteAndAwaitPodsGone(one);
        }
    }

    private void aNewClusterCreatedFromTheBackupStartsWithItsTokensAndHoldsExactlyItsRows() throws Exception {
        String copy = "e2e-copy";
        CassandraCluster resource = clusterFromBackup(copy, "copy", 3, """
                      racks:
                        - {name: r1, zone: zone-a}
                        - {name: r2, zone: zone-b}
                        - {name: r3, zone: zone-c}
                """);
        long t0 = System.nanoTime();
        client.resource(resource).inNamespace(namespace.name()).create();
        try {
            var restored = awaitPhase(
                    dev.cassini.api.v1alpha1.CassandraRestore.class,
                    copy + "-restore",
                    "Succeeded",
                    r -> r.getStatus() == null ? null : r.getStatus().getPhase(),
                    Duration.ofMinutes(8));
            System.out.printf(
                    "new cluster from backup second (3 nodes): %.1f s from create to restored, %d bytes%n",
                    (System.nanoTime() - t0) / 1e9, restored.getStatus().getTotalBytes());
            assertThat(restored.getStatus().getNodes())
                    .hasSize(3)
                    .allSatisfy(n -> assertThat(hostIds.values()).doesNotContain(n.getHostId()));
            assertThat(restored.getStatus().getNodes())
                    .extracting(dev.cassini.api.v1alpha1.NodeRestoreStatus::getManifest)
                    .doesNotHaveDuplicates();
            CassandraCluster created = client.resources(CassandraCluster.class)
                    .inNamespace(namespace.name())
                    .withName(copy)
                    .get();
            assertThat(created.getStatus().getRestore()).isEqualTo(copy + "-restore");
            try (CqlSession session = superuserOf(copy, "copy")) {
                var rows = session.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e.kv")
                                .setConsistencyLevel(ConsistencyLevel.ALL))
                        .all();
                assertThat(rows).hasSize(ROWS);
                rows.forEach(r -> assertThat(r.getString("v")).isEqualTo("v" + r.getInt("k")));
                assertThat(session.execute(
                                        "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = 'e2e'")
                                .one()
                                .getMap("replication", String.class, String.class))
                        .containsEntry("copy", "3")
                        .doesNotContainKey("dc1");
            }
        } finally {
            deleteAndAwaitPodsGone(copy);
        }
    }

    /**
     * A schedule that runs every minute and keeps the last backup: it creates a backup per run,
     * named after the scheduled time, and once the second is complete it deletes the first, whose
     * index and manifests then leave the bucket. Deleting the schedule keeps its backups.
     */
    private void aScheduleBacksUpEveryMinuteAndPrunesPastItsRetention(
            dev.cassini.store.ObjectStore store, dev.cassini.contract.backup.BackupLayout layout) throws Exception {
        var schedule = new dev.cassini.api.v1alpha1.CassandraBackupSchedule();
        schedule.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName("every-minute")
                .withNamespace(namespace.name())
                .build());
        var spec = new dev.cassini.api.v1alpha1.CassandraBackupScheduleSpec();
        spec.setCluster(NAME);
        spec.setSchedule("* * * * *");
        spec.setTables(List.of("e2e.kv"));
        var retention = new dev.cassini.api.v1alpha1.RetentionSpec();
        retention.setLast(1);
        spec.setRetention(retention);
        schedule.setSpec(spec);
        client.resource(schedule).create();
        long t0 = System.nanoTime();

        java.util.function.Supplier<List<dev.cassini.api.v1alpha1.CassandraBackup>> scheduled =
                () -> client.resources(dev.cassini.api.v1alpha1.CassandraBackup.class)
                        .inNamespace(namespace.name())
                        .withLabel(dev.cassini.api.v1alpha1.CassandraBackupSchedule.LABEL, "every-minute")
                        .list()
                        .getItems();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        dev.cassini.api.v1alpha1.CassandraBackupSchedule current = null;
        while (System.nanoTime() < deadline) {
            current = client.resource(schedule).get();
            if (current.getStatus() != null
                    && current.getStatus().getPruned() != null
                    && !current.getStatus().getPruned().isEmpty()) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(current.getStatus().getPruned())
                .as("the schedule pruned a backup within 4 minutes; status: %s", Serialization.asYaml(current))
                .hasSize(1);
        String pruned = current.getStatus().getPruned().get(0);
        System.out.printf(
                "schedule: pruned %s after %.0f s; kept %s%n",
                pruned,
                (System.nanoTime() - t0) / 1e9,
                scheduled.get().stream().map(b -> b.getMetadata().getName()).toList());
        assertThat(pruned).matches("every-minute-\\d{12}");
        assertThat(current.getStatus().getLastSuccessfulTime()).isNotNull();
        assertThat(current.getStatus().getNextScheduleTime()).isNotNull();
        while (store.exists(layout.index(pruned)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(store.exists(layout.index(pruned)))
                .as("the pruned backup's index")
                .isFalse();
        assertThat(store.list(layout.backup(pruned)))
                .as("the pruned backup's manifests")
                .isEmpty();
        var kept = scheduled.get().stream()
                .filter(b -> b.getMetadata().getDeletionTimestamp() == null)
                .filter(b -> b.getStatus() != null
                        && "Succeeded".equals(b.getStatus().getPhase()))
                .toList();
        assertThat(kept).isNotEmpty();
        for (var backup : kept) {
            assertThat(store.exists(layout.index(backup.getMetadata().getName())))
                    .as(backup.getMetadata().getName())
                    .isTrue();
        }

        client.resource(schedule).delete();
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (client.resource(schedule).get() != null && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(scheduled.get()).as("a deleted schedule keeps its backups").isNotEmpty();
        // Wait for a backup the schedule started just before it went, so the next steps see a quiet store.
        deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (scheduled.get().stream()
                        .anyMatch(b -> b.getStatus() == null
                                || !List.of("Succeeded", "Failed")
                                        .contains(b.getStatus().getPhase()))
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
    }

    /**
     * New rows, a backup of them, and that backup deleted: the content only it referenced leaves the
     * bucket with it, the content other backups share stays.
     */
    /**
     * A node's pod killed (no grace) while its agent uploads: the pod comes back, the operator finds
     * the agent no longer knows the job and starts it again under the same backup, which completes.
     * Every object the bucket held when the pod died is left as it was (same last-modified time):
     * content already uploaded is reused, never written again. The upload is slowed by
     * bandwidthPerNode so the kill lands in the middle of it.
     */
    private void aNodeKilledMidUploadResumesItsBackupWithoutWritingAnyObjectTwice(
            dev.cassini.store.ObjectStore store, dev.cassini.contract.backup.BackupLayout layout) throws Exception {
        try (CqlSession session = superuser()) {
            session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS e2e_bulk WITH replication ="
                            + " {'class': 'NetworkTopologyStrategy', 'dc1': 3}")
                    .setTimeout(Duration.ofSeconds(60)));
            session.execute(SimpleStatement.newInstance(
                            "CREATE TABLE IF NOT EXISTS e2e_bulk.blobs (k int PRIMARY KEY, v blob) WITH compression ="
                                    + " {'enabled': 'false'}")
                    .setTimeout(Duration.ofSeconds(60)));
            PreparedStatement insert = session.prepare("INSERT INTO e2e_bulk.blobs (k, v) VALUES (?, ?)");
            java.util.Random random = new java.util.Random(11);
            for (int k = 0; k < 256; k++) {
                byte[] payload = new byte[8192];
                random.nextBytes(payload);
                session.execute(
                        insert.bind(k, java.nio.ByteBuffer.wrap(payload)).setConsistencyLevel(ConsistencyLevel.ALL));
            }
        }
        bandwidthPerNode("256Ki");
        String victim = NAME + "-dc1-r1-0";
        String uidBefore = podUids().get(victim);
        java.util.Set<String> blobsBefore = new java.util.HashSet<>();
        store.list(layout.blobs()).forEach(o -> blobsBefore.add(o.key()));
        long t0 = System.nanoTime();
        createBackup("killed-mid-upload");
        // Mid-upload: the new rows' first objects are in the bucket while the backup still runs.
        java.util.Map<String, java.time.Instant> written = new java.util.HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            written.clear();
            // Complete objects only: s3proxy lists the parts of a multipart upload in flight under other names.
            store.list(layout.blobs()).stream()
                    .filter(o -> !blobsBefore.contains(o.key()) && layout.digestOfBlob(o.key()) != null)
                    .forEach(o -> written.put(o.key(), o.lastModified()));
            if (!written.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(written).as("objects uploaded before the kill").isNotEmpty();
        assertThat(client.resources(dev.cassini.api.v1alpha1.CassandraBackup.class)
                        .inNamespace(namespace.name())
                        .withName("killed-mid-upload")
                        .get()
                        .getStatus()
                        .getPhase())
                .as("the backup when the pod is killed")
                .isEqualTo("Running");
        client.pods()
                .inNamespace(namespace.name())
                .withName(victim)
                .withGracePeriod(0)
                .delete();
        System.out.printf(
                "killed %s %.1f s into the backup, %d new objects in the bucket%n",
                victim, (System.nanoTime() - t0) / 1e9, written.size());

        var backup = awaitPhase(
                dev.cassini.api.v1alpha1.CassandraBackup.class,
                "killed-mid-upload",
                "Succeeded",
                b -> b.getStatus() == null ? null : b.getStatus().getPhase(),
                Duration.ofMinutes(8));
        System.out.printf(
                "backup with %s killed mid-upload: Succeeded %.1f s after it started, %d uploaded, %d reused%n",
                victim,
                (System.nanoTime() - t0) / 1e9,
                backup.getStatus().getUploadedBytes(),
                backup.getStatus().getReusedBytes());
        assertThat(podUids().get(victim))
                .as("the pod was really replaced")
                .isNotNull()
                .isNotEqualTo(uidBefore);
        java.util.Map<String, java.time.Instant> after = new java.util.HashMap<>();
        store.list(layout.blobs()).forEach(o -> after.put(o.key(), o.lastModified()));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        var index = mapper.readValue(
                store.get(layout.index("killed-mid-upload")), dev.cassini.contract.backup.BackupIndex.class);
        assertThat(index.nodes()).hasSize(3);
        java.util.Map<String, java.util.Set<String>> podsByBlob = new java.util.HashMap<>();
        for (var node : index.nodes()) {
            var manifest = mapper.readValue(store.get(node.manifest()), dev.cassini.contract.backup.NodeManifest.class);
            assertThat(manifest.files())
                    .anySatisfy(f -> assertThat(f.keyspace() + "." + f.table()).isEqualTo("e2e_bulk.blobs"));
            manifest.files().forEach(f -> assertThat(after).containsKey(layout.blob(f.sha256())));
            manifest.files()
                    .forEach(f -> podsByBlob
                            .computeIfAbsent(layout.blob(f.sha256()), k -> new java.util.HashSet<>())
                            .add(manifest.pod()));
        }
        // Content the victim alone holds: written once, never again by its resumed job. Content that
        // replicas share byte for byte (a TOC.txt, a Data.db flushed from the same rows) may be
        // uploaded by two nodes that checked for it at the same moment: the same bytes, written twice.
        java.util.List<String> victimsOwn = written.keySet().stream()
                .filter(key -> podsByBlob.getOrDefault(key, java.util.Set.of()).equals(java.util.Set.of(victim)))
                .toList();
        System.out.printf(
                "%d of the %d objects complete before the kill are %s's alone; none is written again%n",
                victimsOwn.size(), written.size(), victim);
        victimsOwn.forEach(key -> assertThat(after.get(key))
                .as("object %s, complete before the kill, is not written again", key)
                .isEqualTo(written.get(key)));

        awaitCluster(c -> conditionTrue(c, "Ready"), Duration.ofMinutes(6), "Ready after the killed pod came back");
        aNodeKilledMidDownloadResumesTheRestoreWhichBringsBackEveryRow();
        bandwidthPerNode(null);
        try (CqlSession session = superuser()) {
            session.execute(
                    SimpleStatement.newInstance("DROP KEYSPACE e2e_bulk").setTimeout(Duration.ofSeconds(60)));
        }
        assertAllRows(ConsistencyLevel.ALL);
    }

    /**
     * After {@link #aNodeKilledMidUploadResumesItsBackupWithoutWritingAnyObjectTwice}, slowed by
     * bandwidthPerNode: rows deleted, a restore of the bulk table, and a node's pod killed (no
     * grace) while it downloads. Nothing has been truncated yet; the pod comes back on its volume,
     * the operator finds the agent no longer knows the job and starts the step again (staged files
     * of the right digest are kept, as NodeRestoreDownloadIT shows), and the restore completes with
     * every row of the backup.
     */
    private void aNodeKilledMidDownloadResumesTheRestoreWhichBringsBackEveryRow() throws Exception {
        try (CqlSession session = superuser()) {
            session.execute(SimpleStatement.newInstance("DELETE FROM e2e_bulk.blobs WHERE k IN (0, 1, 2, 3, 4)")
                    .setConsistencyLevel(ConsistencyLevel.ALL));
        }
        // 2 MiB per node at 128 KiB/s: about 16 s of download, status updated every few seconds.
        bandwidthPerNode("128Ki");
        String victim = NAME + "-dc1-r2-0";
        String uidBefore = podUids().get(victim);
        long t0 = System.nanoTime();
        createRestore("killed-mid-download", "killed-mid-upload", "e2e_bulk.blobs");
        dev.cassini.api.v1alpha1.NodeRestoreStatus downloading = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (downloading == null && System.nanoTime() < deadline) {
            var restore = client.resources(dev.cassini.api.v1alpha1.CassandraRestore.class)
                    .inNamespace(namespace.name())
                    .withName("killed-mid-download")
                    .get();
            if (restore.getStatus() != null && restore.getStatus().getNodes() != null) {
                downloading = restore.getStatus().getNodes().stream()
                        .filter(n -> victim.equals(n.getPod())
                                && "Running".equals(n.getState())
                                && n.getDownloadedBytes() != null
                                && n.getDownloadedBytes() > 0
                                && n.getTotalBytes() != null
                                && n.getDownloadedBytes() < n.getTotalBytes())
                        .findFirst()
                        .orElse(null);
                assertThat(restore.getStatus().getStep())
                        .as("nothing truncated yet")
                        .isEqualTo("Download");
            }
            Thread.sleep(200);
        }
        assertThat(downloading).as(victim + " part-way through its download").isNotNull();
        client.pods()
                .inNamespace(namespace.name())
                .withName(victim)
                .withGracePeriod(0)
                .delete();
        System.out.printf(
                "killed %s %.1f s into the restore, %d of %d bytes downloaded%n",
                victim, (System.nanoTime() - t0) / 1e9, downloading.getDownloadedBytes(), downloading.getTotalBytes());
        var restored = awaitPhase(
                dev.cassini.api.v1alpha1.CassandraRestore.class,
                "killed-mid-download",
                "Succeeded",
                r -> r.getStatus() == null ? null : r.getStatus().getPhase(),
                Duration.ofMinutes(8));
        System.out.printf(
                "restore with %s killed mid-download: Succeeded %.1f s after it started, %d bytes downloaded%n",
                victim, (System.nanoTime() - t0) / 1e9, restored.getStatus().getDownloadedBytes());
        assertThat(podUids().get(victim))
                .as("the pod was really replaced")
                .isNotNull()
                .isNotEqualTo(uidBefore);
        awaitCluster(c -> conditionTrue(c, "Ready"), Duration.ofMinutes(6), "Ready after the restore");
        try (CqlSession session = superuser()) {
            assertThat(session.execute(SimpleStatement.newInstance("SELECT k FROM e2e_bulk.blobs")
                                    .setConsistencyLevel(ConsistencyLevel.ALL))
                            .all())
                    .as("every row of the backup")
                    .hasSize(256);
        }
    }

    private void bandwidthPerNode(String bandwidth) {
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    c.getSpec().getBackup().getStorage().setBandwidthPerNode(bandwidth);
                    return c;
                });
    }

    private void deletingABackupCollectsTheContentOnlyItReferenced(
            dev.cassini.store.ObjectStore store, dev.cassini.contract.backup.BackupLayout layout) throws Exception {
        try (CqlSession session = superuser()) {
            PreparedStatement insert = session.prepare("INSERT INTO e2e.kv (k, v) VALUES (?, ?)");
            for (int k = 10_000; k < 10_020; k++) {
                session.execute(insert.bind(k, "extra" + k).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            }
        }
        createBackup("third");
        awaitBackup("third", "Succeeded");
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        java.util.Map<String, java.util.Set<String>> digestsByBackup = new java.util.HashMap<>();
        for (var entry : store.list(layout.index())) {
            String id = layout.backupIdOfIndex(entry.key());
            var index = mapper.readValue(store.get(entry.key()), dev.cassini.contract.backup.BackupIndex.class);
            java.util.Set<String> digests = new java.util.HashSet<>();
            for (var node : index.nodes()) {
                mapper.readValue(store.get(node.manifest()), dev.cassini.contract.backup.NodeManifest.class)
                        .files()
                        .forEach(f -> digests.add(f.sha256()));
            }
            digestsByBackup.put(id, digests);
        }
        java.util.Set<String> onlyThird = new java.util.HashSet<>(digestsByBackup.get("third"));
        java.util.Set<String> shared = new java.util.HashSet<>();
        digestsByBackup.forEach((id, digests) -> {
            if (!id.equals("third")) {
                shared.addAll(digests);
            }
        });
        onlyThird.removeAll(shared);
        assertThat(onlyThird)
                .as("content only the third backup holds (the new rows' SSTables)")
                .isNotEmpty();

        client.resources(dev.cassini.api.v1alpha1.CassandraBackup.class)
                .inNamespace(namespace.name())
                .withName("third")
                .delete();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (client.resources(dev.cassini.api.v1alpha1.CassandraBackup.class)
                                .inNamespace(namespace.name())
                                .withName("third")
                                .get()
                        != null
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        System.out.printf(
                "deleting a backup collected %d blobs only it referenced; %d shared blobs stay%n",
                onlyThird.size(), shared.size());
        for (String digest : onlyThird) {
            assertThat(store.exists(layout.blob(digest)))
                    .as("collected " + digest)
                    .isFalse();
        }
        for (String digest : shared) {
            assertThat(store.exists(layout.blob(digest))).as("shared " + digest).isTrue();
        }
        try (CqlSession session = superuser()) {
            session.execute(SimpleStatement.newInstance("DELETE FROM e2e.kv WHERE k IN (10000, 10001, 10002, 10003,"
                            + " 10004, 10005, 10006, 10007, 10008, 10009, 10010, 10011, 10012, 10013, 10014, 10015,"
                            + " 10016, 10017, 10018, 10019)")
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
        }
    }
}
