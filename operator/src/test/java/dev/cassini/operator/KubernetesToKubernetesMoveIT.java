package dev.cassini.operator;

import static dev.cassini.operator.ClusterConditions.clientConfig;
import static dev.cassini.operator.ClusterConditions.conditionTrue;
import static dev.cassini.operator.ClusterConditions.dcCondition;
import static dev.cassini.operator.ClusterConditions.degradedMessage;
import static dev.cassini.operator.ClusterConditions.degradedReason;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.cassini.api.v1alpha1.AuthSpec;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.ExternalDatacenterSpec;
import dev.cassini.api.v1alpha1.JoinReplicationSpec;
import dev.cassini.api.v1alpha1.JoinSpec;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.devkube.DevKube;
import dev.cassini.devkube.SharedDevKube;
import dev.cassini.devkube.TestNamespace;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A move between two Kubernetes clusters, end to end: two devkubes on one machine, each with its
 * own API server and its own operator, their pods reaching each other over loopback as peered
 * clusters' pods do. Datacenter east (3 nodes) in the first is joined by datacenter west (3 nodes)
 * of the second, which rebuilds from it while a client writes and reads in east at LOCAL_QUORUM;
 * in the middle of that, one east pod (a seed west was given) is deleted and comes back at another
 * address. The client then switches to west. Just before the handover, east loses a machine for
 * good (zone-c takes no pods, its r3 pod stays Pending), and east's resource is emptied of
 * datacenters: the leave waits for the lost pod and says what to do, then, told to go on
 * ({@code cassini.dev/force-leave}), removes its node (removenode through a node of east that still
 * serves) and takes the others out of the ring under the client's traffic in west. West ends up
 * the ring's only datacenter with every row, and no request failed on either side. Tagged full:
 * six nodes and two control planes take minutes, and the steps CI runs cover each part of it.
 */
@Tag("full")
@ExtendWith(SharedDevKube.class)
class KubernetesToKubernetesMoveIT {
    private static final String CLUSTER_NAME = "handover";
    private static final String SOURCE = "source";
    private static final String TARGET = "target";
    private static final int ROWS = 200;

    @Test
    void aDatacenterMovesToAnotherKubernetesClusterWhileASourcePodChangesAddressAndNoRequestFails() throws Exception {
        DevKube east = SharedDevKube.instance();
        CrdInstaller.install(east.client());
        Operator eastOperator = OperatorMain.start(east.client(), new OperatorMetrics(new PrometheusRegistry()));
        try (TestNamespace eastNamespace = new TestNamespace(east, "k2k")) {
            Side source = new Side(east.client(), eastNamespace.name(), SOURCE);
            try {
                DevKube west = SharedDevKube.startAnother("devkube-west");
                try {
                    CrdInstaller.install(west.client());
                    Operator westOperator =
                            OperatorMain.start(west.client(), new OperatorMetrics(new PrometheusRegistry()));
                    try (TestNamespace westNamespace = new TestNamespace(west, "k2k")) {
                        Side target = new Side(west.client(), westNamespace.name(), TARGET);
                        try {
                            move(source, target);
                        } finally {
                            target.deleteAndAwaitGone();
                        }
                    } finally {
                        westOperator.stop();
                    }
                } finally {
                    west.close();
                }
            } finally {
                source.deleteAndAwaitGone();
            }
        } finally {
            eastOperator.stop();
        }
    }

    private void move(Side source, Side target) throws Exception {
        long t0 = System.nanoTime();
        source.create(threeRackCluster(SOURCE, "east"));
        source.await(c -> conditionTrue(c, "Ready"), Duration.ofMinutes(8), "east Ready");
        System.out.printf("east (3 nodes) Ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        var credentials = SuperuserSecret.read(source.client, source.get()).orElseThrow();
        try (CqlSession app = source.session(credentials, "east")) {
            app.execute("CREATE KEYSPACE e2e WITH replication = {'class': 'NetworkTopologyStrategy', 'east': 3}");
            app.execute("CREATE TABLE e2e.kv (k int PRIMARY KEY, v text)");
            var insert = app.prepare("INSERT INTO e2e.kv (k, v) VALUES (?, ?)");
            for (int k = 0; k < ROWS; k++) {
                app.execute(insert.bind(k, "v" + k).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            }
        }
        // East learns that west is coming: a datacenter it does not manage, and the role it logs in with is
        // the ring's (its own generated one, which west uses too).
        source.client
                .resources(CassandraCluster.class)
                .inNamespace(source.namespace)
                .withName(SOURCE)
                .edit(c -> {
                    ExternalDatacenterSpec westDc = new ExternalDatacenterSpec();
                    westDc.setName("west");
                    c.getSpec().setExternalDatacenters(List.of(westDc));
                    c.getSpec().getAuth().setSuperuserSecretRef(SOURCE + "-superuser");
                    return c;
                });
        source.await(c -> conditionTrue(c, "Ready"), Duration.ofMinutes(2), "east Ready with west external");

        // The other Kubernetes cluster: the ring's superuser as a Secret of its own, east's first two pods as seeds.
        target.client
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("handover-admin")
                        .withNamespace(target.namespace)
                        .endMetadata()
                        .addToStringData("username", credentials.username())
                        .addToStringData("password", credentials.password())
                        .build())
                .create();
        Map<String, NodeStatus> eastBefore = source.nodesByPod();
        String restartedPod = SOURCE + "-east-r1-0";
        NodeStatus restartedBefore = eastBefore.get(restartedPod);
        List<String> eastSeeds = List.of(
                restartedBefore.getIp(), eastBefore.get(SOURCE + "-east-r2-0").getIp());

        refusedJoinsLeaveBothSidesAsTheyWere(source, target, credentials, eastSeeds);

        double joinSeconds;
        double restartSeconds;
        String newAddress;
        try (CqlSession app = source.session(credentials, "east");
                TrafficClient traffic = new TrafficClient(app, ROWS)) {
            traffic.start();
            Thread.sleep(2000);
            t0 = System.nanoTime();
            target.create(targetCluster(eastSeeds));
            // Mid-migration: west's nodes joined and the keyspaces are getting replicas there, so its rebuilds are
            // about to stream from east. A seed west was given goes away and comes back at another address.
            target.await(
                    c -> dcCondition(c, "west", "Replicated") || dcCondition(c, "west", "Rebuilt"),
                    Duration.ofMinutes(8),
                    "west's keyspaces replicated");
            System.out.printf("west joined and replicated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            long restart0 = System.nanoTime();
            source.client
                    .pods()
                    .inNamespace(source.namespace)
                    .withName(restartedPod)
                    .delete();
            CassandraCluster back = source.await(
                    c -> {
                        NodeStatus n = nodesByPod(c).get(restartedPod);
                        return n != null
                                && "UN".equals(n.getState())
                                && n.getIp() != null
                                && !n.getIp().equals(restartedBefore.getIp())
                                && conditionTrue(c, "Ready");
                    },
                    Duration.ofMinutes(6),
                    restartedPod + " back at another address");
            restartSeconds = (System.nanoTime() - restart0) / 1e9;
            newAddress = nodesByPod(back).get(restartedPod).getIp();
            assertThat(nodesByPod(back).get(restartedPod).getHostId()).isEqualTo(restartedBefore.getHostId());
            CassandraCluster rebuilt = target.await(
                    c -> dcCondition(c, "west", "Rebuilt") && conditionTrue(c, "Ready"),
                    Duration.ofMinutes(10),
                    "west Rebuilt=True and Ready");
            joinSeconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(2000);
            traffic.stopAndWait();
            System.out.printf(
                    "west (3 nodes) joined and rebuilt in %.1f s; %s went from %s to %s in %.1f s; traffic in east: %s%n",
                    joinSeconds, restartedPod, restartedBefore.getIp(), newAddress, restartSeconds, traffic.summary());
            rebuilt.getStatus().getDatacenters().stream()
                    .filter(d -> "west".equals(d.getName()))
                    .flatMap(d -> d.getRebuilds().stream())
                    .forEach(r -> System.out.printf(
                            "rebuild of %s: %s, %d bytes at %d B/s%n",
                            r.getPod(), r.getState(), r.getReceivedBytes(), r.getBytesPerSecond()));
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
        }

        try (CqlSession westSession = target.session(credentials, "west")) {
            // West sees the restarted east node at its new address under its host ID, and not at the old one.
            Map<String, String> hostIdByAddress = ring(westSession);
            assertThat(hostIdByAddress)
                    .containsEntry(newAddress, restartedBefore.getHostId())
                    .doesNotContainKey(restartedBefore.getIp());
            List<String> tokens = tokens(westSession);
            assertThat(tokens)
                    .as("6 nodes of 16 tokens, none shared")
                    .hasSize(96)
                    .doesNotHaveDuplicates();
            assertThat(replication(westSession).get("e2e"))
                    .containsEntry("east", "3")
                    .containsEntry("west", "3");
            assertThat(rows(westSession)).as("every row, read in west alone").isEqualTo(expectedRows());
        }

        // Just before the handover, east loses a machine for good: zone-c takes no more pods, and east's r3 pod,
        // gone, stays Pending. Its node can never decommission itself.
        String lostPod = SOURCE + "-east-r3-0";
        List<String> zoneC =
                source.client.nodes().withLabel("topology.kubernetes.io/zone", "zone-c").list().getItems().stream()
                        .map(n -> n.getMetadata().getName())
                        .toList();
        assertThat(zoneC).isNotEmpty();
        try {
            zoneC.forEach(n -> source.client.nodes().withName(n).edit(node -> {
                node.getSpec().setUnschedulable(true);
                return node;
            }));
            source.client.pods().inNamespace(source.namespace).withName(lostPod).delete();
            source.await(
                    c -> c.getStatus().getStep() != null
                            && c.getStatus().getStep().contains("waiting for pods to run")
                            && c.getStatus().getStep().contains(lostPod),
                    Duration.ofMinutes(3),
                    lostPod + " not running");
            handOver(source, target, credentials, lostPod);
        } finally {
            zoneC.forEach(n -> source.client.nodes().withName(n).edit(node -> {
                node.getSpec().setUnschedulable(false);
                return node;
            }));
        }
        System.out.printf(
                "move east -> west: join and rebuild %.1f s (with a source pod restarted in %.1f s)%n",
                joinSeconds, restartSeconds);
    }

    /**
     * The clients switch to west; east's resource lets go of its datacenter, with west's seeds to reach the ring
     * once its own nodes are gone. The leave waits for the lost pod until told to go on, then removes its node.
     */
    private void handOver(Side source, Side target, SuperuserSecret.Credentials credentials, String lostPod)
            throws Exception {
        List<String> westSeeds = target.nodesByPod().values().stream()
                .map(NodeStatus::getIp)
                .sorted()
                .limit(2)
                .toList();
        double leaveSeconds;
        try (CqlSession app = target.session(credentials, "west");
                TrafficClient traffic = new TrafficClient(app, ROWS)) {
            traffic.start();
            Thread.sleep(2000);
            long t0 = System.nanoTime();
            source.client
                    .resources(CassandraCluster.class)
                    .inNamespace(source.namespace)
                    .withName(SOURCE)
                    .patch(
                            PatchContext.of(PatchType.JSON),
                            "[{\"op\":\"add\",\"path\":\"/spec/additionalSeeds\",\"value\":"
                                    + Serialization.asJson(westSeeds)
                                    + "},{\"op\":\"replace\",\"path\":\"/spec/datacenters\",\"value\":[]}]");
            CassandraCluster waiting = source.await(
                    c -> c.getStatus().getStep() != null
                            && c.getStatus().getStep().contains(lostPod)
                            && c.getStatus().getStep().contains("cannot decommission"),
                    Duration.ofMinutes(3),
                    "the leave waiting for " + lostPod);
            System.out.println("east waits: " + waiting.getStatus().getStep());
            assertThat(waiting.getStatus().getStep()).contains("cassini.dev/force-leave");
            try (CqlSession westSession = target.session(credentials, "west")) {
                assertThat(replication(westSession).get("e2e"))
                        .as("nothing withdrawn while the leave waits")
                        .containsEntry("east", "3");
            }
            source.client
                    .resources(CassandraCluster.class)
                    .inNamespace(source.namespace)
                    .withName(SOURCE)
                    .edit(c -> {
                        Map<String, String> annotations = c.getMetadata().getAnnotations() == null
                                ? new java.util.HashMap<>()
                                : new java.util.HashMap<>(c.getMetadata().getAnnotations());
                        annotations.put("cassini.dev/force-leave", "true");
                        c.getMetadata().setAnnotations(annotations);
                        return c;
                    });
            CassandraCluster left = source.await(
                    c -> conditionTrue(c, "Ready")
                            && c.getStatus().getStep() != null
                            && c.getStatus().getStep().startsWith("no datacenter of this resource is left in the ring")
                            && (c.getStatus().getNodes() == null
                                    || c.getStatus().getNodes().isEmpty()),
                    Duration.ofMinutes(10),
                    "east's nodes out of the ring");
            leaveSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.println("east: " + left.getStatus().getStep());
            Thread.sleep(2000);
            traffic.stopAndWait();
            System.out.printf("east left the ring in %.1f s; traffic in west: %s%n", leaveSeconds, traffic.summary());
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
        }
        var events = source.client.v1().events().inNamespace(source.namespace).list().getItems().stream()
                .filter(e -> SOURCE.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getReason())
                .toList();
        assertThat(events).contains("RemoveDeadNode", "WithdrawReplication", "Decommission", "RemoveDatacenter");
        assertThat(source.client
                        .pods()
                        .inNamespace(source.namespace)
                        .withName(lostPod)
                        .get())
                .as("the lost pod is gone")
                .isNull();

        try (CqlSession westSession = target.session(credentials, "west")) {
            assertThat(ring(westSession).keySet())
                    .as("only west's nodes are left")
                    .containsExactlyInAnyOrderElementsOf(target.nodesByPod().values().stream()
                            .map(NodeStatus::getIp)
                            .toList());
            Map<String, Map<String, String>> replication = replication(westSession);
            for (String keyspace : List.of("e2e", "system_auth", "system_distributed", "system_traces")) {
                assertThat(replication.get(keyspace))
                        .as(keyspace)
                        .containsEntry("west", "3")
                        .doesNotContainKey("east");
            }
            assertThat(rows(westSession)).as("every row, in west").isEqualTo(expectedRows());
        }
    }

    /**
     * Before the real join, one that must be refused: the wrong cluster name, and east has a keyspace
     * on SimpleStrategy. The operator refuses in status with each reason and what to change; no
     * node of west starts Cassandra, and east's ring and every keyspace's replication stay as they
     * were. The refused resource is then deleted and the keyspace dropped.
     */
    private void refusedJoinsLeaveBothSidesAsTheyWere(
            Side source, Side target, SuperuserSecret.Credentials credentials, List<String> eastSeeds)
            throws Exception {
        Map<String, Map<String, String>> replicationBefore;
        Map<String, String> ringBefore;
        try (CqlSession app = source.session(credentials, "east")) {
            app.execute(
                    "CREATE KEYSPACE scratch WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            replicationBefore = replication(app);
            ringBefore = ring(app, "east");
        }
        CassandraCluster wrongName = targetCluster(eastSeeds);
        wrongName.getSpec().setClusterName("other");
        target.create(wrongName);
        CassandraCluster refused = target.await(
                c -> "JoinRefused".equals(degradedReason(c)), Duration.ofMinutes(4), "west's join refused");
        String message = degradedMessage(refused);
        System.out.println("refused: " + message);
        assertThat(message)
                .contains("cluster name is '" + CLUSTER_NAME + "'")
                .contains("keyspace scratch uses SimpleStrategy")
                .contains("ALTER KEYSPACE scratch");
        // A few reconciles later, still: no node of west started Cassandra, east is as it was.
        Thread.sleep(10_000);
        assertThat(target.get().getStatus().getNodes())
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.getState())
                        .as(n.getPod() + ": its agent waits, or is not up yet")
                        .isIn("NOT_STARTED", "Unknown"));
        try (CqlSession app = source.session(credentials, "east")) {
            assertThat(ring(app, "east")).as("east's ring as it was").isEqualTo(ringBefore);
            assertThat(replication(app))
                    .as("every keyspace's replication as it was")
                    .isEqualTo(replicationBefore);
            app.execute("DROP KEYSPACE scratch");
        }
        target.deleteAndAwaitGone();
    }

    /** A datacenter of 3 nodes, one per rack and zone, of the cluster both sides are part of. */
    private static CassandraCluster threeRackCluster(String name, String dc) {
        return Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata:
                  name: %s
                spec:
                  clusterName: %s
                  datacenters:
                    - name: %s
                      size: 3
                      heap: 512M
                      storage: {size: 1Gi}
                      racks:
                        - {name: r1, zone: zone-a}
                        - {name: r2, zone: zone-b}
                        - {name: r3, zone: zone-c}
                """.formatted(name, CLUSTER_NAME, dc), CassandraCluster.class);
    }

    /** West, joining east's ring through its seeds: 3 replicas of every keyspace, rebuilt from east. */
    private static CassandraCluster targetCluster(List<String> seeds) {
        CassandraCluster target = threeRackCluster(TARGET, "west");
        JoinSpec join = new JoinSpec();
        join.setRebuildFrom("east");
        JoinReplicationSpec replication = new JoinReplicationSpec();
        replication.setDefaultFactor(3);
        join.setReplication(replication);
        target.getSpec().getDatacenters().get(0).setJoin(join);
        ExternalDatacenterSpec east = new ExternalDatacenterSpec();
        east.setName("east");
        target.getSpec().setExternalDatacenters(List.of(east));
        AuthSpec auth = new AuthSpec();
        auth.setSuperuserSecretRef("handover-admin");
        target.getSpec().setAuth(auth);
        target.getSpec().setAdditionalSeeds(seeds);
        return target;
    }

    private static Map<Integer, String> expectedRows() {
        Map<Integer, String> rows = new TreeMap<>();
        for (int k = 0; k < ROWS; k++) {
            rows.put(k, "v" + k);
        }
        return rows;
    }

    private static Map<Integer, String> rows(CqlSession session) {
        Map<Integer, String> rows = new TreeMap<>();
        session.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e.kv")
                        .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                .forEach(r -> rows.put(r.getInt(0), r.getString(1)));
        return rows;
    }

    /** One up node of the session's own datacenter, so ring reads all come from the same view. */
    private static Node localNode(CqlSession session, String dc) {
        return session.getMetadata().getNodes().values().stream()
                .filter(n -> dc.equals(n.getDatacenter()) && n.getState() == NodeState.UP)
                .findFirst()
                .orElseThrow();
    }

    /** Host ID by address of every node in one west node's view of the ring, itself included. */
    private static Map<String, String> ring(CqlSession session) {
        return ring(session, "west");
    }

    /** Host ID by address of every node in the view of one node of {@code dc}, itself included. */
    private static Map<String, String> ring(CqlSession session, String dc) {
        Node node = localNode(session, dc);
        Map<String, String> ring = new TreeMap<>();
        session.execute(SimpleStatement.newInstance("SELECT broadcast_address, host_id FROM system.local")
                        .setNode(node))
                .forEach(r -> ring.put(
                        r.getInetAddress(0).getHostAddress(), r.getUuid(1).toString()));
        session.execute(SimpleStatement.newInstance("SELECT peer, host_id FROM system.peers_v2")
                        .setNode(node))
                .forEach(r -> ring.put(
                        r.getInetAddress(0).getHostAddress(), r.getUuid(1).toString()));
        return ring;
    }

    private static List<String> tokens(CqlSession session) {
        Node node = localNode(session, "west");
        List<String> tokens = new ArrayList<>();
        session.execute(SimpleStatement.newInstance("SELECT tokens FROM system.local")
                        .setNode(node))
                .forEach(r -> tokens.addAll(r.getSet(0, String.class)));
        session.execute(SimpleStatement.newInstance("SELECT tokens FROM system.peers_v2")
                        .setNode(node))
                .forEach(r -> tokens.addAll(r.getSet(0, String.class)));
        return tokens;
    }

    private static Map<String, Map<String, String>> replication(CqlSession session) {
        Map<String, Map<String, String>> replication = new TreeMap<>();
        session.execute("SELECT keyspace_name, replication FROM system_schema.keyspaces")
                .forEach(r -> replication.put(r.getString(0), r.getMap(1, String.class, String.class)));
        return replication;
    }

    private static Map<String, NodeStatus> nodesByPod(CassandraCluster c) {
        if (c == null || c.getStatus() == null || c.getStatus().getNodes() == null) {
            return Map.of();
        }
        return c.getStatus().getNodes().stream().collect(Collectors.toMap(NodeStatus::getPod, n -> n));
    }

    /** One Kubernetes cluster's side of the move: its API, the test's namespace there and the resource in it. */
    private record Side(KubernetesClient client, String namespace, String name) {
        void create(CassandraCluster cluster) {
            client.resource(cluster).inNamespace(namespace).create();
        }

        CassandraCluster get() {
            return client.resources(CassandraCluster.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
        }

        Map<String, NodeStatus> nodesByPod() {
            return KubernetesToKubernetesMoveIT.nodesByPod(get());
        }

        CassandraCluster await(Predicate<CassandraCluster> condition, Duration timeout, String what)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            CassandraCluster last = null;
            while (System.nanoTime() < deadline) {
                last = get();
                if (condition.test(last)) {
                    return last;
                }
                Thread.sleep(1000);
            }
            throw new AssertionError("waited " + timeout + " for " + what + "; last status of " + name + ": "
                    + (last == null ? "gone" : Serialization.asYaml(last.getStatus())));
        }

        /** A session local to {@code dc}, through this side's nodes only, as an application there has. */
        CqlSession session(SuperuserSecret.Credentials credentials, String dc) {
            var builder = CqlSession.builder()
                    .withConfigLoader(clientConfig())
                    .withLocalDatacenter(dc)
                    .withAuthCredentials(credentials.username(), credentials.password());
            Set<String> addresses = new TreeSet<>();
            nodesByPod().values().forEach(n -> addresses.add(n.getIp()));
            addresses.forEach(a -> builder.addContactPoint(new InetSocketAddress(a, 9042)));
            return builder.build();
        }

        void deleteAndAwaitGone() throws InterruptedException {
            client.resources(CassandraCluster.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .delete();
            await(c -> c == null, Duration.ofMinutes(3), name + " to be deleted");
            TestNamespace.awaitQuietly(
                    Duration.ofMinutes(3),
                    () -> client.pods()
                            .inNamespace(namespace)
                            .withLabel("cassini.dev/cluster", name)
                            .list()
                            .getItems()
                            .isEmpty());
        }
    }
}
