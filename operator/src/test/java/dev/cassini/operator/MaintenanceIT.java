package dev.cassini.operator;

import static dev.cassini.operator.ClusterConditions.clientConfig;
import static dev.cassini.operator.ClusterConditions.conditionTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRepair;
import dev.cassini.api.v1alpha1.CassandraTask;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.api.v1alpha1.NodeTaskStatus;
import dev.cassini.devkube.DevKube;
import dev.cassini.devkube.SharedDevKube;
import dev.cassini.devkube.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Repairs and maintenance tasks on one real 3-node cluster (RF 3, hinted handoff off, the dynamic
 * snitch off so a read at ONE is answered by the node it is sent to): a node that missed writes
 * while it was stopped lacks them, and a CassandraRepair, then continuous repair, gives them back;
 * CassandraTasks run node by node and their effect shows in each node's files.
 */
@ExtendWith(SharedDevKube.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaintenanceIT {
    private static final String NAME = "mend";
    private static final int ROWS = 300;

    private TestNamespace namespace;
    private KubernetesClient client;
    private Operator operator;
    /** The operator's client: the chart's ServiceAccount and rules, RBAC on ({@link OperatorAccount}). */
    private KubernetesClient operatorClient;

    private OperatorMetrics metrics;
    /** What the operator logs during the scenarios, for the secret scan at the end. */
    private SecretScan.LogCapture operatorLog;

    @BeforeAll
    void install() throws Exception {
        operatorLog = new SecretScan.LogCapture();
        DevKube kube = SharedDevKube.instance();
        namespace = new TestNamespace(kube, "rp");
        client = kube.client();
        CrdInstaller.install(client);
        metrics = new OperatorMetrics(new PrometheusRegistry());
        operatorClient = OperatorAccount.client(client);
        operator = startOperator();
    }

    @AfterAll
    void cleanUp() throws Exception {
        try {
            if (client != null) {
                client.resources(CassandraCluster.class)
                        .inNamespace(namespace.name())
                        .withName(NAME)
                        .delete();
                await(() -> cluster() == null, Duration.ofMinutes(3), "the cluster to be deleted");
            }
        } finally {
            if (operator != null) {
                operator.stop();
                ApiRequests.SHARED.finished(MaintenanceIT.class);
            }
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
    @Order(1)
    void aNodeThatMissedWritesGetsThemBackFromACassandraRepair() throws Exception {
        client.resource(Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata:
                  name: %s
                spec:
                  repair: {enabled: false, segmentsPerNode: 2}
                  datacenters:
                    - name: dc1
                      size: 3
                      heap: 512M
                      storage: {size: 1Gi}
                      config:
                        hinted_handoff_enabled: false
                        dynamic_snitch: false
                      racks:
                        - {name: r1, zone: zone-a}
                        - {name: r2, zone: zone-b}
                        - {name: r3, zone: zone-c}
                """.formatted(NAME), CassandraCluster.class))
                .inNamespace(namespace.name())
                .create();
        await(() -> conditionTrue(cluster(), "Ready"), Duration.ofMinutes(8), "Ready");
        // Off for the measurement, and the status says so.
        await(
                () -> cluster().getStatus().getRepair().getMessage().contains("spec.repair.enabled: false"),
                Duration.ofMinutes(1),
                "status.repair to say continuous repair is off");
        try (CqlSession session = superuser()) {
            session.execute("CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
            session.execute("CREATE TABLE shop.orders (id int PRIMARY KEY, item text)"
                    + " WITH speculative_retry = 'NONE' AND read_repair = 'NONE'");
            session.execute("CREATE TABLE shop.carts (id int PRIMARY KEY, item text)");
        }

        NodeStatus behind = missWrites("r3", null, "shop.orders");

        int before = rowsOn(node("r3"), "shop.orders");
        System.out.printf("rows on %s before the repair: %d of %d%n", behind.getPod(), before, ROWS);
        assertThat(before)
                .as("hinted handoff is off: the node missed every write")
                .isZero();

        client.resource(Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraRepair
                metadata:
                  name: after-outage
                spec:
                  cluster: %s
                  keyspaces: [shop]
                  segmentsPerNode: 2
                """.formatted(NAME), CassandraRepair.class))
                .inNamespace(namespace.name())
                .create();
        long t0 = System.nanoTime();
        await(
                () -> {
                    CassandraRepair r = repair("after-outage");
                    return r != null
                            && r.getStatus() != null
                            && "Succeeded".equals(r.getStatus().getPhase());
                },
                Duration.ofMinutes(5),
                "the repair to succeed");
        CassandraRepair done = repair("after-outage");
        System.out.printf(
                "repair of shop: %s segments in %.1f s, %d bytes streamed%n",
                done.getStatus().getProgress(),
                (System.nanoTime() - t0) / 1e9,
                done.getStatus().getBytesStreamed());

        int after = rowsOn(node("r3"), "shop.orders");
        System.out.printf("rows on %s after the repair: %d of %d%n", behind.getPod(), after, ROWS);
        assertThat(after).isEqualTo(ROWS);

        var status = done.getStatus();
        assertThat(status.getSegmentsDone()).isEqualTo(status.getSegments()).isGreaterThanOrEqualTo(3);
        assertThat(status.getBytesStreamed()).isPositive();
        assertThat(status.getRunning()).isNull();
        assertThat(status.getFailures()).isNull();
        assertThat(status.getConditions())
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Complete=True"));
        // The smaller (empty) table went first; each table is one merged span: the whole ring.
        assertThat(status.getTables()).extracting(t -> t.getName()).containsExactly("shop.carts", "shop.orders");
        assertThat(status.getTables())
                .allSatisfy(
                        t -> assertThat(t.getRepaired()).containsExactly("-9223372036854775808:9223372036854775807"));
        assertThat(status.getKeyspaces()).singleElement().satisfies(k -> {
            assertThat(k.getTablesDone()).isEqualTo(2);
            assertThat(k.getCompletionTime()).isNotNull();
        });
        String labels = "{cluster=\"" + NAME + "\",namespace=\"" + namespace.name() + "\"";
        assertThat(scrape(metrics))
                .contains("cassini_repair_segments_total" + labels + "} " + status.getSegments() + ".0")
                .contains("cassini_repair_streamed_bytes_total" + labels + "} ")
                .contains("cassini_repairs_total" + labels + ",result=\"Succeeded\"} 1.0")
                .contains("cassini_repair_last_success_timestamp_seconds" + labels + "}");
        var reasons = client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                .filter(e -> "after-outage".equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason())
                .toList();
        assertThat(reasons).contains("KeyspaceRepaired", "RepairSucceeded");
    }

    /**
     * The agents serve their API over mutual TLS, checked with real handshakes against a running
     * node: plain HTTP gets no node report, a client without a certificate reaches the health
     * routes only, a certificate another CA signed ends the handshake, and the operator's
     * identity, issued from the cluster's CA, is answered. The agent presents the certificate its
     * rack's Secret holds for its pod.
     */
    @Test
    @Order(2)
    void theAgentsAnswerOnlyTheOperatorsCertificateAndTheirHealthToAnyone() throws Exception {
        NodeStatus node = node("r1");
        Pod pod = client.pods()
                .inNamespace(namespace.name())
                .withName(node.getPod())
                .get();
        assertThat(pod.getMetadata().getAnnotations())
                .containsEntry(dev.cassini.model.security.AgentApiTls.ANNOTATION, "https");
        String nodeRoute = "/api/v1/node";

        try {
            HttpResponse<String> plain = java.net.http.HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://" + node.getIp() + ":8080" + nodeRoute))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).as("plain HTTP: " + plain.body()).isGreaterThanOrEqualTo(400);
            assertThat(plain.body()).doesNotContain(node.getHostId());
        } catch (java.io.IOException refused) {
            // the TLS listener closing a plain connection is a refusal too
        }

        java.net.http.HttpClient anonymous = java.net.http.HttpClient.newBuilder()
                .sslContext(dev.cassini.pki.AnyServerCertificate.context())
                .build();
        HttpResponse<String> health = anonymous.send(
                HttpRequest.newBuilder(URI.create("https://" + node.getIp() + ":8080/healthz/ready"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"ready\":true");
        HttpResponse<String> withoutCertificate = anonymous.send(
                HttpRequest.newBuilder(URI.create("https://" + node.getIp() + ":8080" + nodeRoute))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutCertificate.statusCode()).isEqualTo(401);
        assertThat(withoutCertificate.body()).contains("certificate").doesNotContain(node.getHostId());

        dev.cassini.pki.CertificateAuthority other = dev.cassini.pki.CertificateAuthority.create("someone else");
        java.net.http.HttpClient impostor = java.net.http.HttpClient.newBuilder()
                .sslContext(NodeCertificates.operatorIdentity(other).context())
                .build();
        assertThatThrownBy(() -> impostor.send(
                        HttpRequest.newBuilder(URI.create("https://" + node.getIp() + ":8080" + nodeRoute))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .as("a certificate another CA signed, and that CA trusted for the server")
                .isInstanceOf(java.io.IOException.class);

        assertThat(agents().view(node.getIp()).orElseThrow().node().hostId()).isEqualTo(node.getHostId());

        // What the agent presents is its pod's certificate from the rack's Secret, signed by the cluster's CA.
        var names = new dev.cassini.model.ClusterNames(NAME);
        Secret ca = client.secrets()
                .inNamespace(namespace.name())
                .withName(names.agentCaSecret())
                .get();
        java.security.cert.X509Certificate authority =
                NodeCertificates.authorityIn(ca, names.agentCaSecret()).certificate();
        java.security.cert.X509Certificate first = presentedCertificate(node.getIp());
        first.verify(authority.getPublicKey());
        assertThat(first.getSubjectX500Principal().getName()).contains("CN=" + node.getPod());

        // Renewed (after two thirds of its four minutes) and taken by the agent without restarting Cassandra.
        long pid = agents().view(node.getIp()).orElseThrow().node().pid();
        java.security.cert.X509Certificate[] renewed = new java.security.cert.X509Certificate[1];
        await(
                () -> {
                    try {
                        renewed[0] = presentedCertificate(node.getIp());
                    } catch (Exception e) {
                        throw new IllegalStateException(e); // looked at again
                    }
                    return !renewed[0].getSerialNumber().equals(first.getSerialNumber());
                },
                Duration.ofMinutes(4),
                "the agent to present a renewed certificate");
        renewed[0].verify(authority.getPublicKey());
        assertThat(renewed[0].getNotAfter()).isAfter(first.getNotAfter());
        var after = agents().view(node.getIp()).orElseThrow().node();
        assertThat(after.pid()).as("the same Cassandra process").isEqualTo(pid);
        assertThat(after.hostId()).isEqualTo(node.getHostId());
    }

    /**
     * Suspend and resume, a node down, intensity patched, and the operator killed, all in one repair
     * of many segments; each segment's session is counted in Cassandra's own history, so a segment
     * run twice shows.
     */
    @Test
    @Order(2)
    @Tag("full")
    void aRepairSuspendedResumedPostponedSlowedDownAndTakenOverByANewOperatorRunsEverySegmentOnce() throws Exception {
        java.time.Instant started = java.time.Instant.now();
        client.resource(Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraRepair
                metadata:
                  name: long-one
                spec:
                  cluster: %s
                  keyspaces: [shop]
                  segmentsPerNode: 8
                  minSegmentSize: "0"
                """.formatted(NAME), CassandraRepair.class))
                .inNamespace(namespace.name())
                .create();
        await(() -> segmentsDone("long-one") >= 3, Duration.ofMinutes(3), "3 segments done");

        patchSpec("long-one", "{\"spec\":{\"suspend\":true}}");
        await(() -> "Suspended".equals(repair("long-one").getStatus().getPhase()), Duration.ofMinutes(2), "Suspended");
        int atSuspend = segmentsDone("long-one");
        long sessionsAtSuspend = sessionsSince(started);
        Thread.sleep(8000);
        assertThat(segmentsDone("long-one")).as("nothing runs while suspended").isEqualTo(atSuspend);
        assertThat(sessionsSince(started)).isEqualTo(sessionsAtSuspend).isEqualTo(atSuspend);

        // A node down: every segment has a replica on it (RF 3 on 3 nodes), so all of them wait and say why.
        NodeStatus down = node("r2");
        agents().stop(down.getIp());
        patchSpec("long-one", "{\"spec\":{\"suspend\":false}}");
        await(
                () -> String.valueOf(repair("long-one").getStatus().getMessage())
                        .contains(down.getPod() + " is not serving"),
                Duration.ofMinutes(1),
                "the segments to be postponed for " + down.getPod());
        assertThat(segmentsDone("long-one")).isEqualTo(atSuspend);
        await(() -> segmentsDone("long-one") >= atSuspend + 2, Duration.ofMinutes(5), "the repair to go on");

        // Intensity patched on the running repair: its replicas now rest after each session.
        patchSpec("long-one", "{\"spec\":{\"intensity\":0.2}}");
        await(
                () -> repair("long-one").getStatus().getRestingUntil() != null,
                Duration.ofMinutes(1),
                "the nodes to rest after a session at intensity 0.2");
        patchSpec("long-one", "{\"spec\":{\"intensity\":1.0}}");

        // The operator killed mid-repair; a new one goes on from status.
        int beforeKill = segmentsDone("long-one");
        operator.stop();
        operator = null;
        Thread.sleep(5000);
        metrics = new OperatorMetrics(new PrometheusRegistry());
        operator = startOperator();
        await(
                () -> "Succeeded".equals(repair("long-one").getStatus().getPhase()),
                Duration.ofMinutes(8),
                "the repair to succeed after the operator restarted");
        var status = repair("long-one").getStatus();
        long sessions = sessionsSince(started);
        System.out.printf(
                "long-one: %d segments, suspended at %d, operator killed at %d, %d sessions in parent_repair_history%n",
                status.getSegments(), atSuspend, beforeKill, sessions);
        assertThat(status.getFailures()).isNull();
        // Every segment ran once. One more is allowed: a session the old operator started in its last moment,
        // before status recorded it, is started again by the new one when it has already ended (the agent adopts
        // it only while it runs).
        assertThat(sessions).isBetween((long) status.getSegments(), (long) status.getSegments() + 1);
    }

    /** The same entropy, and continuous repair (on by default) gives the rows back on its own. */
    @Test
    @Order(3)
    void continuousRepairGivesAMissedWriteBackOnItsOwnBeforeTheTableIsDue() throws Exception {
        // A quarter of 240 s after the operator first sees it, the table is due; continuous repair
        // is still off (test 1), so nothing repairs it before the check below.
        NodeStatus behind = missWrites(
                "r1",
                "CREATE TABLE shop.fast (id int PRIMARY KEY, item text)"
                        + " WITH gc_grace_seconds = 240 AND speculative_retry = 'NONE' AND read_repair = 'NONE'",
                "shop.fast");
        int before = rowsOn(node("r1"), "shop.fast");
        System.out.printf(
                "rows of shop.fast on %s before continuous repair: %d of %d%n", behind.getPod(), before, ROWS);
        assertThat(before).isZero();

        patchCluster("{\"spec\":{\"repair\":{\"enabled\":true}}}");
        long t0 = System.nanoTime();
        await(
                () -> cluster().getStatus().getRepair().getTables().stream()
                        .anyMatch(t -> t.getName().equals("shop.fast") && t.getRepairedAt() != null),
                Duration.ofMinutes(5),
                "continuous repair to repair shop.fast");
        var repairStatus = cluster().getStatus().getRepair();
        System.out.printf(
                "continuous repair of shop.fast done %.1f s after it was switched on; run %s; %s%n",
                (System.nanoTime() - t0) / 1e9, repairStatus.getRun(), repairStatus.getMessage());
        var fast = repairStatus.getTables().stream()
                .filter(t -> t.getName().equals("shop.fast"))
                .findFirst()
                .orElseThrow();
        assertThat(repairStatus.getNextRunTime())
                .as("the next run: when shop.fast falls due again, a quarter of its grace after this repair")
                .isEqualTo(java.time.Instant.parse(fast.getRepairedAt())
                        .plusSeconds(60)
                        .toString());
        int after = rowsOn(node("r1"), "shop.fast");
        System.out.printf("rows of shop.fast on %s after continuous repair: %d of %d%n", behind.getPod(), after, ROWS);
        assertThat(after).isEqualTo(ROWS);

        CassandraRepair run = repair(repairStatus.getRun());
        assertThat(run.getMetadata().getLabels()).containsEntry(ContinuousRepairs.LABEL, "true");
        assertThat(run.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(o -> assertThat(o.getName()).isEqualTo(NAME));
        // Only the table due: the others have the default grace of 10 days.
        assertThat(run.getSpec().getTables()).containsExactly("shop.fast");
        assertThat(run.getSpec().getIntensity()).isEqualTo(0.5);
        assertThat(repairStatus.getTables())
                .filteredOn(t -> t.getName().equals("shop.orders"))
                .singleElement()
                .satisfies(t -> assertThat(t.getGcGraceSeconds()).isEqualTo(864000L));
        assertThat(scrape(metrics))
                .contains("cassini_table_gc_grace_seconds{cluster=\"" + NAME + "\",namespace=\"" + namespace.name()
                        + "\",table=\"shop.fast\"} 240.0");
        // Off again: the tasks below must not meet its sessions (shop.fast is due every minute).
        patchCluster("{\"spec\":{\"repair\":{\"enabled\":false}}}");
    }

    /**
     * Three flushes leave three SSTables of a table on each node; a Compact task then runs node by
     * node (one node's job ends before the next one's starts) and leaves one on each, every row kept.
     */
    @Test
    @Order(4)
    void aCompactTaskRunsNodeByNodeAndLeavesOneSSTableOnEachNode() throws Exception {
        try (CqlSession session = superuser()) {
            session.execute("CREATE TABLE shop.items (id int PRIMARY KEY, item text)"
                    + " WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'min_threshold': 32}");
            PreparedStatement insert = session.prepare("INSERT INTO shop.items (id, item) VALUES (?, ?)");
            for (int batch = 0; batch < 3; batch++) {
                for (int i = batch * 100; i < (batch + 1) * 100; i++) {
                    session.execute(insert.bind(i, "item-" + i).setConsistencyLevel(ConsistencyLevel.ALL));
                }
                runTask("flush-" + batch, "command: Flush\n  keyspaces: [shop]");
            }
        }
        for (NodeStatus node : cluster().getStatus().getNodes()) {
            assertThat(liveSSTables(node, "shop", "items"))
                    .as("SSTables of shop.items on " + node.getPod() + " after three flushes")
                    .isGreaterThanOrEqualTo(3);
        }

        CassandraTask compact = runTask("compact-items", "command: Compact\n  tables: [shop.items]");
        var status = compact.getStatus();
        System.out.printf("task compact-items: %s; %s%n", status.getProgress(), status.getMessage());
        assertThat(status.getProgress()).isEqualTo("3/3");
        assertThat(status.getNodes()).extracting(NodeTaskStatus::getRack).containsExactly("r1", "r2", "r3");
        assertThat(status.getNodes()).allSatisfy(n -> {
            assertThat(n.getState()).isEqualTo("Succeeded");
            assertThat(n.getAttempts()).isEqualTo(1);
            assertThat(n.getMessage()).contains("compacted tables [items] of keyspace shop");
        });
        for (int i = 1; i < status.getNodes().size(); i++) {
            NodeTaskStatus previous = status.getNodes().get(i - 1);
            assertThat(java.time.Instant.parse(status.getNodes().get(i).getStartTime()))
                    .as("one node at a time")
                    .isAfterOrEqualTo(java.time.Instant.parse(previous.getCompletionTime()));
        }
        assertThat(status.getConditions())
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Complete=True"));
        for (NodeStatus node : cluster().getStatus().getNodes()) {
            assertThat(liveSSTables(node, "shop", "items"))
                    .as("SSTables of shop.items on " + node.getPod() + " after the compaction")
                    .isEqualTo(1);
        }
        try (CqlSession session = superuser()) {
            assertThat(session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                                            "SELECT id FROM shop.items")
                                    .setConsistencyLevel(ConsistencyLevel.ALL))
                            .all())
                    .hasSize(300);
        }
        var reasons = client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                .filter(e -> "compact-items".equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason())
                .toList();
        assertThat(reasons).contains("TaskSucceeded");
    }

    /**
     * A scrub waits while another node is down (a scrub that drops rows needs the other replicas to
     * repair them) and says so; once the node is back it runs. A restart per rack brings the rack's
     * node back as the same node with a new process, and survives the operator being replaced. Then
     * UpgradeSSTables, GarbageCollect, ClearSnapshot and Cleanup, each seen in the nodes' files.
     */
    @Test
    @Order(5)
    @Tag("full")
    void aScrubWaitsForADownNodeARestartKeepsTheNodeAndEveryOtherCommandShowsInTheFiles() throws Exception {
        NodeStatus down = node("r2");
        agents().stop(down.getIp());
        create("scrub-r1", "command: Scrub\n  racks: [r1]\n  keyspaces: [shop]");
        await(
                () -> String.valueOf(task("scrub-r1").getStatus().getMessage()).contains(down.getPod()),
                Duration.ofMinutes(1),
                "the scrub to wait for " + down.getPod());
        System.out.printf(
                "scrub while %s is down: %s%n",
                down.getPod(), task("scrub-r1").getStatus().getMessage());
        assertThat(task("scrub-r1").getStatus().getMessage()).contains("Scrub refused while");
        assertThat(task("scrub-r1").getStatus().getNodes())
                .singleElement()
                .satisfies(n -> assertThat(n.getJob()).isNull());
        await(() -> "Succeeded".equals(phase("scrub-r1")), Duration.ofMinutes(5), "the scrub once the node is back");

        long pidBefore = agents().view(node("r3").getIp()).orElseThrow().node().pid();
        String hostIdBefore = node("r3").getHostId();
        create("restart-r3", "command: Restart\n  racks: [r3]\n  concurrency: PerRack");
        // the operator replaced while the task runs: the new one follows it from status
        operator.stop();
        operator = null;
        Thread.sleep(3000);
        metrics = new OperatorMetrics(new PrometheusRegistry());
        operator = startOperator();
        await(() -> "Succeeded".equals(phase("restart-r3")), Duration.ofMinutes(5), "the restart");
        var report = agents().view(node("r3").getIp()).orElseThrow().node();
        assertThat(report.pid()).as("a new Cassandra process").isNotEqualTo(pidBefore);
        assertThat(report.hostId()).as("the same node").isEqualTo(hostIdBefore);
        assertThat(task("restart-r3").getStatus().getNodes())
                .singleElement()
                .satisfies(n -> assertThat(n.getAttempts()).isEqualTo(1));
        assertThat(rowsOn(node("r3"), "shop.orders")).isEqualTo(ROWS);

        // The other table commands, each seen in the nodes' files.
        NodeStatus r1 = node("r1");
        assertThat(snapshots(r1, "shop", "orders"))
                .as("the scrub's own snapshot")
                .isNotEmpty();
        List<String> before = dataFiles(r1, "shop", "items");
        runTask("upgrade-items", "command: UpgradeSSTables\n  tables: [shop.items]");
        List<String> upgraded = dataFiles(r1, "shop", "items");
        assertThat(upgraded).as("every SSTable rewritten").isNotEmpty().doesNotContainAnyElementsOf(before);
        runTask("gc-items", "command: GarbageCollect\n  tables: [shop.items]");
        assertThat(dataFiles(r1, "shop", "items")).isNotEmpty().doesNotContainAnyElementsOf(upgraded);
        CassandraTask cleared = runTask("clear-snapshots", "command: ClearSnapshot\n  keyspaces: [shop]");
        assertThat(cleared.getStatus().getNodes()).hasSize(3);
        for (NodeStatus node : cluster().getStatus().getNodes()) {
            assertThat(snapshots(node, "shop", "orders"))
                    .as("snapshots on " + node.getPod())
                    .isEmpty();
        }
        CassandraTask cleanup =
                runTask("cleanup-shop", "command: Cleanup\n  keyspaces: [shop]\n  concurrency: PerRack");
        assertThat(cleanup.getStatus().getNodes())
                .allSatisfy(n -> assertThat(n.getState()).isEqualTo("Succeeded"));
        try (CqlSession session = superuser()) {
            assertThat(session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                                            "SELECT id FROM shop.items")
                                    .setConsistencyLevel(ConsistencyLevel.ALL))
                            .all())
                    .hasSize(300);
        }
    }

    /** The table's SSTable data files on a node, read from the node's volume (a hostPath under devkube). */
    private List<String> dataFiles(NodeStatus node, String keyspace, String table) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(tableDir(node, keyspace, table))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-Data.db"))
                    .sorted()
                    .toList();
        }
    }

    /** The names of the table's snapshots on a node. */
    private List<String> snapshots(NodeStatus node, String keyspace, String table) throws java.io.IOException {
        java.nio.file.Path dir = tableDir(node, keyspace, table).resolve("snapshots");
        if (!java.nio.file.Files.isDirectory(dir)) {
            return List.of();
        }
        try (var names = java.nio.file.Files.list(dir)) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private java.nio.file.Path tableDir(NodeStatus node, String keyspace, String table) throws java.io.IOException {
        var pod = client.pods()
                .inNamespace(namespace.name())
                .withName(node.getPod())
                .get();
        String claim = pod.getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName())
                .findFirst()
                .orElseThrow();
        String volume = client.persistentVolumeClaims()
                .inNamespace(namespace.name())
                .withName(claim)
                .get()
                .getSpec()
                .getVolumeName();
        java.nio.file.Path root = java.nio.file.Path.of(client.persistentVolumes()
                .withName(volume)
                .get()
                .getSpec()
                .getHostPath()
                .getPath());
        try (var dirs = java.nio.file.Files.find(
                root,
                4,
                (p, a) -> a.isDirectory()
                        && p.getFileName().toString().startsWith(table + "-")
                        && p.getParent().getFileName().toString().equals(keyspace))) {
            return dirs.findFirst()
                    .orElseThrow(
                            () -> new AssertionError("no directory of " + keyspace + "." + table + " under " + root));
        }
    }

    /** Creates a task on the cluster and waits until it succeeds. */
    private CassandraTask runTask(String name, String spec) throws InterruptedException {
        create(name, spec);
        await(() -> "Succeeded".equals(phase(name)), Duration.ofMinutes(3), "task " + name + " to succeed");
        return task(name);
    }

    /**
     * With {@code repair.mode: Cassandra} on 5.0.9, Cassandra's own scheduler, not the operator,
     * gives a node the writes it missed: the table's auto-repair is off while the node misses them
     * (the rows stay missing), then on, and the node has every row without a CassandraRepair.
     * The scheduler's intervals are cut from minutes to seconds through the datacenter's config.
     */
    /**
     * The same missed writes, given back by an incremental repair: afterwards every node holds
     * every row and has the table's data in SSTables marked repaired, as its exporter reports.
     */
    @Test
    @Order(6)
    @Tag("full")
    void anIncrementalRepairGivesAMissedWriteBackAndLeavesTheTableMarkedRepairedOnEveryNode() throws Exception {
        NodeStatus behind = missWrites(
                "r2",
                "CREATE TABLE shop.ledger (id int PRIMARY KEY, item text)"
                        + " WITH speculative_retry = 'NONE' AND read_repair = 'NONE'",
                "shop.ledger");
        assertThat(rowsOn(node("r2"), "shop.ledger")).isZero();

        client.resource(Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraRepair
                metadata:
                  name: incremental
                spec:
                  cluster: %s
                  tables: [shop.ledger]
                  incremental: true
                  segmentsPerNode: 2
                """.formatted(NAME), CassandraRepair.class))
                .inNamespace(namespace.name())
                .create();
        await(
                () -> "Succeeded".equals(repair("incremental").getStatus().getPhase()),
                Duration.ofMinutes(5),
                "the incremental repair to succeed");
        int after = rowsOn(node("r2"), "shop.ledger");
        System.out.printf(
                "rows of shop.ledger on %s after an incremental repair: %d of %d%n", behind.getPod(), after, ROWS);
        assertThat(after).isEqualTo(ROWS);
        for (NodeStatus n : cluster().getStatus().getNodes()) {
            var percent = java.util.regex.Pattern.compile(
                            "(?m)^cassandra_table_percent_repaired\\{[^}]*keyspace=\"shop\"[^}]*table=\"ledger\"[^}]*} ([0-9.eE+]+)$")
                    .matcher(nodeMetrics(n));
            assertThat(percent.find())
                    .as("percent repaired of shop.ledger on " + n.getPod())
                    .isTrue();
            assertThat(Double.parseDouble(percent.group(1)))
                    .as("percent repaired of shop.ledger on " + n.getPod())
                    .isEqualTo(100.0);
        }
    }

    @Test
    @Order(7)
    @Tag("full")
    void cassandrasOwnSchedulerGivesAMissedWriteBackInRepairModeCassandra() throws Exception {
        java.time.Instant upgradeStart = java.time.Instant.now();
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    c.getSpec().setCassandraVersion("5.0.9");
                    c.getSpec().getRepair().setEnabled(true);
                    c.getSpec().getRepair().setMode(dev.cassini.api.v1alpha1.RepairMode.Cassandra);
                    Map<String, Object> config = new java.util.LinkedHashMap<>(
                            c.getSpec().getDatacenters().get(0).getConfig());
                    config.put(
                            "auto_repair",
                            Map.of(
                                    "repair_check_interval",
                                    "5s",
                                    // Cassandra rests 5 s after each range it repairs by default: 64 ranges a turn
                                    // here.
                                    "repair_task_min_duration",
                                    "0s",
                                    "repair_type_overrides",
                                    Map.of(
                                            "full",
                                            Map.of(
                                                    "initial_scheduler_delay", "5s",
                                                    "min_repair_interval", "20s"))));
                    c.getSpec().getDatacenters().get(0).setConfig(config);
                    return c;
                });
        await(
                () -> conditionTrue(cluster(), "Ready")
                        && ClusterConditions.everyPodRuns(client, namespace.name(), NAME, "5.0.9"),
                Duration.ofMinutes(10),
                "every node on 5.0.9 and Ready");
        System.out.printf(
                "rolling upgrade to 5.0.9 with repair.mode Cassandra: %d s%n",
                Duration.between(upgradeStart, java.time.Instant.now()).toSeconds());
        assertThat(cluster().getStatus().getRepair().getMessage()).isEqualTo(ContinuousRepairs.CASSANDRA_SCHEDULES);

        NodeStatus behind = missWrites(
                "r1",
                "CREATE TABLE shop.auto (id int PRIMARY KEY, item text) WITH speculative_retry = 'NONE'"
                        + " AND read_repair = 'NONE' AND auto_repair = {'full_enabled': 'false'}",
                "shop.auto");
        int before = rowsOn(node("r1"), "shop.auto");
        System.out.printf(
                "rows of shop.auto on %s with its auto-repair off: %d of %d%n", behind.getPod(), before, ROWS);
        assertThat(before).isZero();

        java.time.Instant t0 = java.time.Instant.now();
        try (CqlSession session = superuser()) {
            session.execute("ALTER TABLE shop.auto WITH auto_repair = {'full_enabled': 'true'}");
        }
        await(
                () -> {
                    try {
                        return rowsOn(node("r1"), "shop.auto") == ROWS;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                },
                Duration.ofMinutes(10),
                "Cassandra's scheduler to repair shop.auto on r1");
        System.out.printf(
                "Cassandra's scheduler gave %s every row of shop.auto %d s after the table's auto-repair was turned on%n",
                behind.getPod(), Duration.between(t0, java.time.Instant.now()).toSeconds());

        // Its own record says it repaired since, and the operator started no run of its own.
        try (CqlSession session = superuser()) {
            long finished = session
                    .execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                                    "SELECT repair_type, host_id, repair_finish_ts"
                                            + " FROM system_distributed.auto_repair_history")
                            .setConsistencyLevel(ConsistencyLevel.QUORUM))
                    .all()
                    .stream()
                    // The scheduler's own spelling of the type (FULL) is not the yaml's (full).
                    .filter(r -> "full".equalsIgnoreCase(r.getString("repair_type"))
                            && r.getInstant("repair_finish_ts") != null
                            && r.getInstant("repair_finish_ts").isAfter(t0))
                    .count();
            assertThat(finished)
                    .as("nodes whose full auto-repair finished after t0")
                    .isPositive();
        }
        // The scheduler's own metrics, on every node's endpoint.
        for (NodeStatus n : cluster().getStatus().getNodes()) {
            assertThat(nodeMetrics(n))
                    .as(n.getPod())
                    .containsPattern(
                            "(?m)^cassandra_auto_repair_longest_unrepaired_seconds\\{[^}]*repair_type=\"full\"");
        }
        assertThat(client.resources(CassandraRepair.class)
                        .inNamespace(namespace.name())
                        .withLabel(ContinuousRepairs.LABEL, "true")
                        .list()
                        .getItems())
                .noneMatch(r -> java.time.Instant.parse(r.getMetadata().getCreationTimestamp())
                        .isAfter(upgradeStart));
    }

    /**
     * Secrets stay secret: after every scenario above (auth set up, repairs, tasks, restarts), no
     * line the operator logged, no log of an agent or of Cassandra, no text file on the nodes'
     * volumes (the agent's rendered configuration among them), no event and no resource's status
     * holds the superuser's password or any other password, key or token of the namespace's Secrets.
     */
    @Test
    @Order(8)
    void noLogEventStatusOrRenderedFileHoldsASecret() throws Exception {
        List<SecretScan.Needle> needles = SecretScan.needles(client, namespace.name());
        assertThat(needles)
                .as("the superuser's password is among what is looked for")
                .anyMatch(n -> n.source().equals("Secret " + NAME + "-superuser key password"));
        java.util.Map<String, String> texts =
                SecretScan.texts(SharedDevKube.instance(), client, namespace.name(), operatorLog.lines());
        // the scan read what it claims to: the operator's log, every node's Cassandra log and config,
        // and the agents' own logs
        assertThat(operatorLog.lines()).anyMatch(line -> line.contains("superuser " + NAME + "-superuser ready"));
        assertThat(texts.keySet().stream().filter(k -> k.endsWith("/system.log")))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(texts.keySet().stream().filter(k -> k.endsWith("cassandra.yaml")))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(texts.keySet())
                .anyMatch(k -> k.contains("/" + namespace.name() + "_" + NAME + "-") && k.endsWith(".log"));
        assertThat(texts.keySet()).anyMatch(k -> k.startsWith("event "));

        assertThat(SecretScan.scan(needles, texts))
                .as("places that hold a secret")
                .isEmpty();
    }

    private void create(String name, String spec) {
        client.resource(Serialization.unmarshal("""
                        apiVersion: cassini.dev/v1alpha1
                        kind: CassandraTask
                        metadata:
                          name: %s
                        spec:
                          cluster: %s
                          %s
                        """.formatted(name, NAME, spec), CassandraTask.class))
                .inNamespace(namespace.name())
                .create();
    }

    private String phase(String name) {
        CassandraTask t = task(name);
        return t == null || t.getStatus() == null ? null : t.getStatus().getPhase();
    }

    private CassandraTask task(String name) {
        return client.resources(CassandraTask.class)
                .inNamespace(namespace.name())
                .withName(name)
                .get();
    }

    /** A scrape of the node's own metrics endpoint. */
    private static String nodeMetrics(NodeStatus node) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://" + node.getIp() + ":" + dev.cassini.model.DesiredResources.METRICS_PORT + "/metrics"))
                .timeout(Duration.ofSeconds(30))
                .build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The table's live SSTables on a node, as its own metrics endpoint tells. */
    private static int liveSSTables(NodeStatus node, String keyspace, String table) throws Exception {
        String body = nodeMetrics(node);
        var matcher = java.util.regex.Pattern.compile("(?m)^cassandra_table_live_sstables\\{[^}]*keyspace=\"" + keyspace
                        + "\"[^}]*table=\"" + table + "\"[^}]*} ([0-9.eE+]+)$")
                .matcher(body);
        if (!matcher.find()) {
            throw new AssertionError(
                    "no cassandra_table_live_sstables of " + keyspace + "." + table + " on " + node.getPod());
        }
        return (int) Double.parseDouble(matcher.group(1));
    }

    /**
     * A node that misses writes: with the operator away nothing starts it again, so it stays down
     * while {@value #ROWS} rows are written to {@code table} at LOCAL_QUORUM (after {@code ddl}, when
     * given); then the operator comes back, starts it, and the cluster is Ready.
     */
    private NodeStatus missWrites(String rack, String ddl, String table) throws Exception {
        NodeStatus behind = node(rack);
        operator.stop();
        operator = null;
        agents().stop(behind.getIp());
        try (CqlSession session = superuser()) {
            if (ddl != null) {
                session.execute(ddl);
            }
            PreparedStatement insert = session.prepare("INSERT INTO " + table + " (id, item) VALUES (?, ?)");
            for (int i = 0; i < ROWS; i++) {
                session.execute(insert.bind(i, "item-" + i).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            }
        }
        metrics = new OperatorMetrics(new PrometheusRegistry());
        operator = startOperator();
        await(
                () -> conditionTrue(cluster(), "Ready")
                        && "UN".equals(node(rack).getState()),
                Duration.ofMinutes(5),
                rack + " to serve again");
        return behind;
    }

    private void patchCluster(String json) {
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .patch(
                        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        json);
    }

    private int segmentsDone(String name) {
        CassandraRepair r = repair(name);
        return r == null || r.getStatus() == null || r.getStatus().getSegmentsDone() == null
                ? 0
                : r.getStatus().getSegmentsDone();
    }

    private void patchSpec(String name, String json) {
        client.resources(CassandraRepair.class)
                .inNamespace(namespace.name())
                .withName(name)
                .patch(
                        io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        json);
    }

    /** Repair sessions of keyspace shop that Cassandra recorded since {@code since}, read at ALL. */
    private long sessionsSince(java.time.Instant since) {
        try (CqlSession session = superuser()) {
            long count = 0;
            for (var row : session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                            "SELECT keyspace_name, started_at FROM system_distributed.parent_repair_history")
                    .setConsistencyLevel(ConsistencyLevel.ALL))) {
                if ("shop".equals(row.getString("keyspace_name"))
                        && row.getInstant("started_at") != null
                        && !row.getInstant("started_at").isBefore(since)) {
                    count++;
                }
            }
            return count;
        }
    }

    private static String scrape(OperatorMetrics metrics) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        new io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter(false)
                .write(out, metrics.registry().scrape());
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** How many of the rows the node answers for itself: each read at ONE sent to it, and it the coordinator. */
    private int rowsOn(NodeStatus target, String table) throws InterruptedException {
        try (CqlSession session = superuser()) {
            Node node = session.getMetadata().getNodes().values().stream()
                    .filter(n -> n.getEndPoint().resolve() instanceof InetSocketAddress a
                            && a.getAddress().getHostAddress().equals(target.getIp()))
                    .findFirst()
                    .orElseThrow();
            // A node that just came back may have no connection in the pool yet.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (node.getOpenConnections() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            PreparedStatement select = session.prepare("SELECT id FROM " + table + " WHERE id = ?");
            int found = 0;
            for (int i = 0; i < ROWS; i++) {
                if (session.execute(select.bind(i)
                                        .setConsistencyLevel(ConsistencyLevel.ONE)
                                        .setNode(node))
                                .one()
                        != null) {
                    found++;
                }
            }
            return found;
        }
    }

    /**
     * The operator, issuing agent certificates valid 4 minutes: they are renewed every 2 minutes 40
     * all through the scenarios, under repairs, tasks and restarts (the renewal then has up to 80 s
     * to reach the agents: a converged cluster's reconcile comes every 30 s, devkube's Secret sync
     * every 20 s).
     */
    private Operator startOperator() {
        return OperatorMain.start(
                operatorClient,
                metrics,
                dev.cassini.model.plan.NewClusterStart.CONCURRENT,
                java.util.Set.of(),
                Duration.ofMinutes(4));
    }

    /** The certificate the agent at {@code ip} presents, read in a real handshake that trusts anything. */
    private static java.security.cert.X509Certificate presentedCertificate(String ip) throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) dev.cassini.pki.AnyServerCertificate.context()
                .getSocketFactory()
                .createSocket(ip, 8080)) {
            socket.startHandshake();
            return (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** The agents as the operator calls them: over mutual TLS with an identity from the cluster's CA. */
    private NodeAgentClient agents() {
        return NodeAgentClient.forPods(client, java.util.Set.of(namespace.name()));
    }

    private NodeStatus node(String rack) {
        return cluster().getStatus().getNodes().stream()
                .filter(n -> rack.equals(n.getRack()))
                .findFirst()
                .orElseThrow();
    }

    private CassandraCluster cluster() {
        return client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .get();
    }

    private CassandraRepair repair(String name) {
        return client.resources(CassandraRepair.class)
                .inNamespace(namespace.name())
                .withName(name)
                .get();
    }

    private CqlSession superuser() {
        CassandraCluster c = cluster();
        SuperuserSecret.Credentials credentials =
                SuperuserSecret.read(client, c).orElseThrow();
        var builder = CqlSession.builder()
                .withConfigLoader(clientConfig())
                .withLocalDatacenter("dc1")
                .withAuthCredentials(credentials.username(), credentials.password());
        for (NodeStatus node : c.getStatus().getNodes()) {
            builder.addContactPoint(new InetSocketAddress(node.getIp(), 9042));
        }
        return builder.build();
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // a status not there yet, or a node not answering: look again
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("waited " + timeout + " for " + what);
    }
}
