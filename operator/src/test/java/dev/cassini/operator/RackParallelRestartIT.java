package dev.cassini.operator;

import static dev.cassini.operator.ClusterConditions.clientConfig;
import static dev.cassini.operator.ClusterConditions.conditionTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.devkube.DevKube;
import dev.cassini.devkube.SharedDevKube;
import dev.cassini.devkube.TestNamespace;
import dev.cassini.model.ClusterNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rack-parallel rolling restarts end to end, on the operator's own ServiceAccount: a datacenter of
 * six nodes in three racks whose every keyspace keeps one replica per rack (NetworkTopologyStrategy
 * with three replicas) gets a rolling restart requested with the {@code cassini.dev/restartedAt}
 * annotation, with {@code rollingRestart} left unset, while a client keeps writing and reading at
 * LOCAL_QUORUM. Both nodes of a rack go down together, never nodes of two racks, the client sees no
 * failed request, every node comes back with its host ID, and every row is still there at ALL.
 */
@ExtendWith(SharedDevKube.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RackParallelRestartIT {
    private static final String NAME = "parallel";
    private static final List<String> RACKS = List.of("r1", "r2", "r3");
    private static final int NODES = 6;
    private static final int ROWS = 1000;

    private TestNamespace namespace;
    private KubernetesClient client;
    private KubernetesClient operatorClient;
    private Operator operator;

    @BeforeAll
    void install() throws Exception {
        DevKube kube = SharedDevKube.instance();
        namespace = new TestNamespace(kube, "racks");
        client = kube.client();
        CrdInstaller.install(client);
        operatorClient = OperatorAccount.client(client);
        operator = OperatorMain.start(operatorClient, new OperatorMetrics(new PrometheusRegistry()));
    }

    @AfterAll
    void cleanUp() throws Exception {
        try {
            if (client != null && operator != null) {
                // While the operator still runs, so that it lets the cluster go.
                client.resources(CassandraCluster.class)
                        .inNamespace(namespace.name())
                        .withName(NAME)
                        .delete();
                await(c -> c == null, Duration.ofMinutes(3), NAME + " to be deleted");
            }
        } finally {
            if (operator != null) {
                operator.stop();
                ApiRequests.SHARED.finished(RackParallelRestartIT.class);
            }
            if (operatorClient != null) {
                operatorClient.close();
            }
            if (namespace != null) {
                namespace.close();
            }
        }
    }

    @Test
    @Tag("full")
    void aRollingRestartTakesOneWholeRackAtATimeWithNoFailedRequest() throws Exception {
        long t0 = System.nanoTime();
        client.resource(cluster()).inNamespace(namespace.name()).create();
        CassandraCluster ready = await(c -> conditionTrue(c, "Ready"), Duration.ofMinutes(10), "Ready");
        System.out.printf(
                "%s (%d nodes in %d racks) Ready in %.1f s%n",
                NAME, NODES, RACKS.size(), (System.nanoTime() - t0) / 1e9);
        Map<String, String> hostIds = ready.getStatus().getNodes().stream()
                .collect(Collectors.toMap(NodeStatus::getPod, NodeStatus::getHostId));

        Map<String, String> rackOf = new TreeMap<>();
        Map<String, String> uidsBefore = new TreeMap<>();
        for (Pod pod : pods()) {
            rackOf.put(
                    pod.getMetadata().getName(), pod.getMetadata().getLabels().get(ClusterNames.LABEL_RACK));
            uidsBefore.put(pod.getMetadata().getName(), pod.getMetadata().getUid());
        }
        assertThat(rackOf.values().stream().collect(Collectors.groupingBy(rack -> rack, Collectors.counting())))
                .as("two nodes per rack, so that a rack restarted whole is two nodes down at once")
                .isEqualTo(Map.of("r1", 2L, "r2", 2L, "r3", 2L));

        SuperuserSecret.Credentials superuser =
                SuperuserSecret.read(client, ready).orElseThrow();
        try (CqlSession session = session(addresses(ready), superuser)) {
            // Three replicas in three racks: NetworkTopologyStrategy puts one in each, so a rack down
            // leaves every range two of its three, as one node down would.
            session.execute("CREATE KEYSPACE e2e WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
            session.execute("CREATE TABLE e2e.kv (k int PRIMARY KEY, v text)");
            PreparedStatement insert = session.prepare("INSERT INTO e2e.kv (k, v) VALUES (?, ?)");
            for (int k = 0; k < ROWS; k++) {
                session.execute(insert.bind(k, "v" + k).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
            }
        }

        List<Poll> polls = new ArrayList<>();
        try (CqlSession session = session(addresses(ready), superuser);
                TrafficClient traffic = new TrafficClient(session, ROWS)) {
            traffic.start();
            Thread.sleep(3000);
            // The first look, with every node serving, is where each node's outage can start from.
            polls.add(awaitPoll(
                    p -> uidsBefore.keySet().stream().allMatch(pod -> p.serves(pod, uidsBefore.get(pod))),
                    Duration.ofMinutes(2),
                    "every node serving before the restart"));
            long requested = System.nanoTime();
            requestRollingRestart();
            CassandraCluster restarted = awaitEveryPodRestarted(uidsBefore, polls, Duration.ofMinutes(15));
            double seconds = (System.nanoTime() - requested) / 1e9;
            traffic.stopAndWait();

            List<Outage> outages = new ArrayList<>();
            uidsBefore.forEach((pod, uid) -> outages.add(outage(pod, rackOf.get(pod), uid, polls)));
            String timeline = timeline(polls, outages, requested);
            System.out.printf(
                    "rack-parallel rolling restart of %d nodes in %d racks: %.1f s from the annotation to Ready (%s);"
                            + " traffic: %s%n",
                    NODES, RACKS.size(), seconds, rackTimes(polls, outages), traffic.summary());
            System.out.printf("%s: nodes out of service during the restart: %s%n", NAME, timeline);

            for (String rack : RACKS) {
                List<Outage> ofRack =
                        outages.stream().filter(o -> o.rack().equals(rack)).toList();
                assertThat(ofRack.get(0).overlaps(ofRack.get(1)))
                        .as("both nodes of %s out of service together; %s", rack, timeline)
                        .isTrue();
            }
            // Which nodes each round took down, as the operator's events say: the Ready conditions above
            // trail Cassandra by up to a readiness period (5 s), so they cannot tell a round that began
            // as the last one's pods turned Ready from one that overlapped it.
            List<Set<String>> rounds = restartRounds();
            assertThat(rounds)
                    .as("one round per rack, each with both of its nodes; events: %s", rounds)
                    .hasSize(RACKS.size())
                    .allSatisfy(
                            round -> assertThat(round.stream().map(rackOf::get).distinct())
                                    .hasSize(1))
                    .allSatisfy(round -> assertThat(round).hasSize(2));
            assertThat(rounds.stream().flatMap(Set::stream)).containsExactlyInAnyOrderElementsOf(rackOf.keySet());
            assertThat(traffic.failures()).as(traffic.summary()).isZero();
            assertThat(traffic.successes()).as(traffic.summary()).isGreaterThan(1000);
            assertThat(restarted.getStatus().getNodes())
                    .as("every node restarted, none replaced")
                    .hasSize(NODES)
                    .allSatisfy(n -> {
                        assertThat(n.getHostId()).isEqualTo(hostIds.get(n.getPod()));
                        assertThat(n.getState()).isEqualTo("UN");
                    });
        }

        try (CqlSession session = session(addresses(get()), superuser)) {
            // ALL: every replica of every range has every row, the ones that restarted included.
            List<Row> rows = session.execute(SimpleStatement.newInstance("SELECT k, v FROM e2e.kv")
                            .setConsistencyLevel(ConsistencyLevel.ALL))
                    .all();
            assertThat(rows).hasSize(ROWS);
            rows.forEach(r -> assertThat(r.getString("v")).isEqualTo("v" + r.getInt("k")));
        }
    }

    /** The pods each RestartNodes step named, in the order of the events, failed attempts left out. */
    private List<Set<String>> restartRounds() {
        java.util.regex.Pattern pod = java.util.regex.Pattern.compile(NAME + "-dc1-r[0-9]+-[0-9]+");
        return client.v1().events().inNamespace(namespace.name()).list().getItems().stream()
                .filter(e -> NAME.equals(e.getInvolvedObject().getName())
                        && "RestartNodes".equals(e.getReason())
                        && !e.getMessage().startsWith("failed"))
                .sorted(Comparator.comparing(e -> e.getFirstTimestamp()))
                .map(e -> {
                    Set<String> pods = new TreeSet<>();
                    // only the pods the step drains, not those the message names for another reason
                    String draining = e.getMessage().substring(e.getMessage().indexOf("draining and restarting"));
                    pod.matcher(draining).results().forEach(m -> pods.add(m.group()));
                    return pods;
                })
                .toList();
    }

    /** One look at the cluster's pods, at {@code nanos}: each pod there, by name. */
    private record Poll(long nanos, Map<String, Incarnation> pods) {
        /** Whether this incarnation ({@code uid}) of the pod was there, Ready and not being deleted. */
        boolean serves(String pod, String uid) {
            Incarnation now = pods.get(pod);
            return now != null && now.uid().equals(uid) && now.serving();
        }

        /** Whether a later incarnation than {@code uid} of the pod was there, Ready and not being deleted. */
        boolean servesAgain(String pod, String uid) {
            Incarnation now = pods.get(pod);
            return now != null && !now.uid().equals(uid) && now.serving();
        }
    }

    /** A pod's incarnation (its UID), and whether it was Ready and not being deleted. */
    private record Incarnation(String uid, boolean serving) {}

    /**
     * The polls, {@code from} (included) to {@code to} (excluded), during which a pod was out of
     * service for its restart: from after the last one its old incarnation served in, so that the
     * drain before the deletion counts and a passing failed probe earlier does not, to the first its
     * new incarnation served in.
     */
    private record Outage(String pod, String rack, int from, int to) {
        boolean overlaps(Outage other) {
            return from < other.to && other.from < to;
        }
    }

    private static Outage outage(String pod, String rack, String uidBefore, List<Poll> polls) {
        int lastServing = -1;
        for (int i = 0; i < polls.size(); i++) {
            if (polls.get(i).serves(pod, uidBefore)) {
                lastServing = i;
            }
        }
        for (int i = lastServing + 1; i < polls.size(); i++) {
            if (polls.get(i).servesAgain(pod, uidBefore)) {
                return new Outage(pod, rack, lastServing + 1, i);
            }
        }
        throw new AssertionError(pod + " did not serve again in a new incarnation after it last served at poll "
                + lastServing + " of " + polls.size());
    }

    /** Each rack's time out of service, from its first node down to its last one back, in the order they went. */
    private static String rackTimes(List<Poll> polls, List<Outage> outages) {
        Map<String, List<Outage>> byRack =
                outages.stream().collect(Collectors.groupingBy(Outage::rack, TreeMap::new, Collectors.toList()));
        return byRack.entrySet().stream()
                .sorted(Comparator.comparingInt(
                        e -> e.getValue().stream().mapToInt(Outage::from).min().orElseThrow()))
                .map(e -> {
                    int from =
                            e.getValue().stream().mapToInt(Outage::from).min().orElseThrow();
                    int to = e.getValue().stream().mapToInt(Outage::to).max().orElseThrow();
                    return "%s %.1f s"
                            .formatted(
                                    e.getKey(),
                                    (polls.get(to).nanos() - polls.get(from).nanos()) / 1e9);
                })
                .collect(Collectors.joining(", "));
    }

    /** The pods out of service, each time that changed, in seconds after the restart was requested. */
    private static String timeline(List<Poll> polls, List<Outage> outages, long requested) {
        List<String> changes = new ArrayList<>();
        Set<String> previous = null;
        for (int i = 0; i < polls.size(); i++) {
            int poll = i;
            Set<String> down = outages.stream()
                    .filter(o -> o.from() <= poll && poll < o.to())
                    .map(Outage::pod)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!down.equals(previous)) {
                changes.add("%+.0f s %s".formatted((polls.get(i).nanos() - requested) / 1e9, down));
                previous = down;
            }
        }
        return String.join(", ", changes);
    }

    /** Sets the restartedAt annotation, as `kubectl rollout restart` does for a Deployment. */
    private void requestRollingRestart() {
        client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .edit(c -> {
                    Map<String, String> annotations = new HashMap<>(
                            c.getMetadata().getAnnotations() == null
                                    ? Map.of()
                                    : c.getMetadata().getAnnotations());
                    annotations.put("cassini.dev/restartedAt", Instant.now().toString());
                    c.getMetadata().setAnnotations(annotations);
                    return c;
                });
    }

    /**
     * Looks at the pods about every second, adding each look to {@code polls}, until every pod of
     * {@code uidsBefore} serves in a new incarnation and the cluster is Ready with every node UN.
     */
    private CassandraCluster awaitEveryPodRestarted(Map<String, String> uidsBefore, List<Poll> polls, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CassandraCluster last = null;
        while (System.nanoTime() < deadline) {
            Poll poll = poll();
            polls.add(poll);
            last = get();
            if (conditionTrue(last, "Ready")
                    && last.getStatus().getNodes() != null
                    && last.getStatus().getNodes().stream().allMatch(n -> "UN".equals(n.getState()))
                    && uidsBefore.keySet().stream().allMatch(pod -> poll.servesAgain(pod, uidsBefore.get(pod)))) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("waited " + timeout + " for every node restarted and Ready; last pods: "
                + polls.get(polls.size() - 1).pods() + "; last status: "
                + (last == null ? "gone" : Serialization.asYaml(last.getStatus())));
    }

    private Poll awaitPoll(Predicate<Poll> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Poll last = null;
        while (System.nanoTime() < deadline) {
            last = poll();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("waited " + timeout + " for " + what + "; last pods: " + last.pods());
    }

    private Poll poll() {
        long now = System.nanoTime();
        Map<String, Incarnation> incarnations = new TreeMap<>();
        for (Pod pod : pods()) {
            boolean ready = pod.getStatus() != null
                    && pod.getStatus().getConditions() != null
                    && pod.getStatus().getConditions().stream()
                            .anyMatch(c ->
                                    c.getType().equals("Ready") && c.getStatus().equals("True"));
            incarnations.put(
                    pod.getMetadata().getName(),
                    new Incarnation(
                            pod.getMetadata().getUid(),
                            ready && pod.getMetadata().getDeletionTimestamp() == null));
        }
        return new Poll(now, incarnations);
    }

    private List<Pod> pods() {
        return client.pods()
                .inNamespace(namespace.name())
                .withLabel(ClusterNames.LABEL_CLUSTER, NAME)
                .list()
                .getItems();
    }

    private static CassandraCluster cluster() {
        // Repairs off: the restart is the only thing that takes nodes down or loads them.
        return Serialization.unmarshal("""
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
                """.formatted(NAME, NODES), CassandraCluster.class);
    }

    private static CqlSession session(List<String> addresses, SuperuserSecret.Credentials superuser) {
        var builder = CqlSession.builder()
                .withConfigLoader(clientConfig())
                .withLocalDatacenter("dc1")
                .withAuthCredentials(superuser.username(), superuser.password());
        addresses.forEach(a -> builder.addContactPoint(new InetSocketAddress(a, 9042)));
        return builder.build();
    }

    private static List<String> addresses(CassandraCluster cluster) {
        return cluster.getStatus().getNodes().stream()
                .map(NodeStatus::getIp)
                .filter(ip -> ip != null)
                .toList();
    }

    private CassandraCluster get() {
        return client.resources(CassandraCluster.class)
                .inNamespace(namespace.name())
                .withName(NAME)
                .get();
    }

    private CassandraCluster await(Predicate<CassandraCluster> condition, Duration timeout, String what)
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
        throw new AssertionError("waited " + timeout + " for " + what + "; last status of " + NAME + ": "
                + (last == null ? "gone" : Serialization.asYaml(last.getStatus())));
    }
}
