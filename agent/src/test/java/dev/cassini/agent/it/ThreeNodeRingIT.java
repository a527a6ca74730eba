package dev.cassini.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cassini.agent.backup.TableStreamer;
import dev.cassini.agent.runtime.CassandraDistribution;
import dev.cassini.contract.CassandraVersions;
import dev.cassini.contract.RestoreStreams;
import dev.cassini.model.TokenAllocator;
import dev.cassini.model.backup.RangeStreams;
import dev.cassini.model.ring.Replication;
import dev.cassini.model.ring.TokenRing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 3-node Cassandra ring on 127.0.1.11–13, driven only through the agents' HTTP API, carried
 * through the node lifecycle in order: formation, writes, stop/start, a restart on another address,
 * a bootstrap and a decommission, then streaming and a repair. Every step asserts on the ring and
 * on the rows written first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeRingIT {
    private static final String CLUSTER = "ring-it";
    private static final int ROWS = 300;
    private static final List<String> RACKS = List.of("r1", "r2", "r3");
    private static final List<String> ADDRESSES = List.of("127.0.1.11", "127.0.1.12", "127.0.1.13");
    private static final List<String> SEEDS = ADDRESSES.subList(0, 2);
    private static final String MOVED_ADDRESS = "127.0.1.23";
    private static final String FOURTH_ADDRESS = "127.0.1.14";

    private Path dataRoot;
    private final List<AgentProcess> agents = new ArrayList<>();
    private final Map<Integer, String> hostIds = new HashMap<>();
    private CqlSession session;

    @BeforeAll
    void launchAgents(@TempDir Path dataRoot) throws Exception {
        this.dataRoot = dataRoot;
        for (int i = 0; i < 3; i++) {
            agents.add(AgentProcess.launch(
                    "ring-node" + (i + 1),
                    AgentProcess.nodeSettings(CLUSTER, RACKS.get(i), ADDRESSES.get(i), dataDir(i), SEEDS)));
        }
    }

    private Path dataDir(int node) {
        return dataRoot.resolve("node" + (node + 1));
    }

    /** A ring view of three nodes, every one of them UP. */
    private static boolean threeNodesUp(List<JsonNode> ring) {
        return ring.size() == 3
                && ring.stream().allMatch(e -> e.path("status").asText().equals("UP"));
    }

    private AgentClient agent(int node) {
        return agents.get(node).client();
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (session != null) {
            session.close();
        }
        for (AgentProcess agent : agents) {
            agent.close();
        }
    }

    @Test
    @Order(1)
    void agentsWaitToBeToldBeforeStartingCassandra() {
        for (int i = 0; i < 3; i++) {
            AgentClient.Response ready = agent(i).get("/healthz/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body().path("reason").asText()).isEqualTo("Cassandra is not started");
            assertThat(agent(i).node().path("state").asText()).isEqualTo("NOT_STARTED");
            assertThat(agent(i).get("/healthz/live").status()).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void aNewRingWithPrecomputedTokensFormsWithAllNodesStartedAtOnce() throws Exception {
        List<List<Long>> tokens = TokenAllocator.allocate(3, 16);
        long t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            String body = "{\"autoBootstrap\": false, \"systemKeyspaceReplicas\": 3, \"initialTokens\": ["
                    + tokens.get(i).stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) + "]}";
            AgentClient.Response started = agent(i).post("/api/v1/lifecycle/start", body);
            assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
            assertThat(started.body().path("process").asText()).isEqualTo("RUNNING");
        }
        List<List<String>> reasons = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<String>>> waits = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AgentClient client = agent(i);
                waits.add(pool.submit(() -> client.awaitReady(Duration.ofMinutes(3))));
            }
            for (Future<List<String>> w : waits) {
                reasons.add(w.get());
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("ring formation: 3 nodes ready %.1f s after start%n", (System.nanoTime() - t0) / 1e9);
        // readiness went through a not-ready phase before it said ready
        for (List<String> r : reasons) {
            assertThat(r.get(r.size() - 1)).isEqualTo("NORMAL and accepting CQL");
            assertThat(r).hasSizeGreaterThan(1);
        }

        for (int i = 0; i < 3; i++) {
            JsonNode node = agent(i).node();
            assertThat(node.path("state").asText()).isEqualTo("NORMAL");
            assertThat(node.path("cassandraVersion").asText()).isEqualTo("5.0.6");
            List<String> nodeTokens = new ArrayList<>();
            node.path("tokens").forEach(t -> nodeTokens.add(t.asText()));
            assertThat(nodeTokens)
                    .containsExactlyInAnyOrderElementsOf(
                            tokens.get(i).stream().map(String::valueOf).toList());
            hostIds.put(i, node.path("hostId").asText());
        }
        assertThat(hostIds.values())
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).hasSize(36));

        for (int i = 0; i < 3; i++) {
            List<JsonNode> ring =
                    agent(i).awaitRing(ThreeNodeRingIT::threeNodesUp, Duration.ofSeconds(60), "three nodes up");
            for (int j = 0; j < 3; j++) {
                String address = ADDRESSES.get(j);
                JsonNode endpoint = ring.stream()
                        .filter(e -> e.path("address").asText().equals(address))
                        .findFirst()
                        .orElseThrow();
                assertThat(endpoint.path("datacenter").asText()).isEqualTo("dc1");
                assertThat(endpoint.path("rack").asText()).isEqualTo(RACKS.get(j));
                assertThat(endpoint.path("hostId").asText()).isEqualTo(hostIds.get(j));
                assertThat(endpoint.path("state").asText()).isEqualTo("NORMAL");
                assertThat(endpoint.path("tokens").asInt()).isEqualTo(16);
            }
        }
        assertSystemKeyspacesBornWithThreeReplicas();
    }

    /** Asked for at the first start: Cassandra's own keyspaces are created with three replicas, not one. */
    private void assertSystemKeyspacesBornWithThreeReplicas() {
        session = Cql.connect(ADDRESSES);
        for (String keyspace : List.of("system_auth", "system_distributed", "system_traces")) {
            Map<String, String> replication = session.execute(SimpleStatement.newInstance(
                            "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace))
                    .one()
                    .getMap("replication", String.class, String.class);
            assertThat(replication).as(keyspace).containsEntry("replication_factor", "3");
        }
    }

    @Test
    @Order(3)
    void rowsWrittenAtQuorumReadBackAtQuorum() {
        if (session == null) {
            session = Cql.connect(ADDRESSES);
        }
        session.execute(SimpleStatement.newInstance(
                "CREATE KEYSPACE IF NOT EXISTS it WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}"));
        session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS it.kv (k int PRIMARY KEY, v text)"));
        PreparedStatement insert = session.prepare("INSERT INTO it.kv (k, v) VALUES (?, ?)");
        for (int k = 0; k < ROWS; k++) {
            session.execute(insert.bind(k, "value-" + k).setConsistencyLevel(ConsistencyLevel.QUORUM));
        }
        assertAllRowsReadable(ConsistencyLevel.QUORUM);
    }

    private void assertAllRowsReadable(ConsistencyLevel level) {
        List<Row> rows = session.execute(SimpleStatement.newInstance("SELECT k, v FROM it.kv")
                        .setConsistencyLevel(level)
                        .setPageSize(100))
                .all();
        Map<Integer, String> byKey = rows.stream().collect(Collectors.toMap(r -> r.getInt("k"), r -> r.getString("v")));
        assertThat(byKey).hasSize(ROWS);
        for (int k = 0; k < ROWS; k++) {
            assertThat(byKey.get(k)).isEqualTo("value-" + k);
        }
    }

    @Test
    @Order(4)
    void aStoppedNodeKeepsItsHostIdAndDataWhenStartedAgain() throws Exception {
        AgentClient node3 = agent(2);
        AgentClient.Response stopped = node3.post("/api/v1/lifecycle/stop", "{}");
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.body().path("state").asText()).isEqualTo("STOPPED");
        JsonNode exit = stopped.body().path("lastExit");
        assertThat(exit.path("requested").asBoolean()).isTrue();
        assertThat(exit.path("reason").asText()).startsWith("stopped on request");
        assertThat(node3.get("/api/v1/logs?lines=200").body().path("lines").toString())
                .contains("DRAINED");

        AgentClient.Response ready = node3.get("/healthz/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body().path("reason").asText()).startsWith("Cassandra is stopped: stopped on request");
        agent(0).awaitRing(
                        r -> r.stream()
                                .anyMatch(e -> e.path("address").asText().equals(ADDRESSES.get(2))
                                        && e.path("status").asText().equals("DOWN")),
                        Duration.ofSeconds(60),
                        "node 3 down");

        // With node 3 down, QUORUM still holds for RF 3, and no node of dc1 may be decommissioned.
        assertAllRowsReadable(ConsistencyLevel.QUORUM);
        AgentClient.Response refused = agent(0).post("/api/v1/operations/decommission", "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error())
                .contains("decommission refused")
                .contains("node " + ADDRESSES.get(2))
                .contains("is down");

        assertThat(node3.post("/api/v1/lifecycle/start", "{}").status()).isEqualTo(202);
        node3.awaitReady(Duration.ofMinutes(2));
        assertThat(node3.node().path("hostId").asText()).isEqualTo(hostIds.get(2));
        agent(0).awaitRing(ThreeNodeRingIT::threeNodesUp, Duration.ofSeconds(60), "three nodes up again");
        assertAllRowsReadable(ConsistencyLevel.ALL);
    }

    @Test
    @Order(5)
    void aNodeRestartedOnAnotherAddressKeepsItsHostIdAndData() throws Exception {
        // As a pod does when it is deleted: SIGTERM to the agent, which drains and stops Cassandra.
        AgentProcess old = agents.get(2);
        // 143: the JVM's exit code after SIGTERM, once the agent's shutdown hook has drained and stopped Cassandra.
        assertThat(old.terminate()).isEqualTo(143);
        assertThat(ProcessHandle.of(old.pid())).isEmpty();
        assertThat(Files.readString(dataDir(2).resolve("logs/system.log"))).contains("DRAINED");

        agents.set(
                2,
                AgentProcess.launch(
                        "ring-node3-moved",
                        AgentProcess.nodeSettings(CLUSTER, "r3", MOVED_ADDRESS, dataDir(2), SEEDS)));
        AgentClient moved = agent(2);
        assertThat(moved.post("/api/v1/lifecycle/start", "{}").status()).isEqualTo(202);
        moved.awaitReady(Duration.ofMinutes(2));
        assertThat(moved.node().path("hostId").asText()).isEqualTo(hostIds.get(2));
        assertThat(moved.node().path("address").asText()).isEqualTo(MOVED_ADDRESS);

        List<JsonNode> ring = agent(0).awaitRing(
                        r -> r.size() == 3
                                && r.stream()
                                        .anyMatch(e -> e.path("address")
                                                        .asText()
                                                        .equals(MOVED_ADDRESS)
                                                && e.path("status").asText().equals("UP")),
                        Duration.ofSeconds(90),
                        "node 3 on its new address, and not on its old one");
        JsonNode endpoint = ring.stream()
                .filter(e -> e.path("address").asText().equals(MOVED_ADDRESS))
                .findFirst()
                .orElseThrow();
        assertThat(endpoint.path("hostId").asText()).isEqualTo(hostIds.get(2));
        assertThat(endpoint.path("tokens").asInt()).isEqualTo(16);
        assertThat(ring).noneMatch(e -> e.path("address").asText().equals(ADDRESSES.get(2)));
        assertAllRowsReadable(ConsistencyLevel.ALL);

        // The others' gossip forgets node 3's former address once its new one is up (the helper's
        // ReplacedAddresses, every 2 s): they would pass it on to any node that starts.
        String forgotten = "gossip forgot [" + ADDRESSES.get(2) + ":7000]";
        for (int i = 0; i < 2; i++) {
            AgentProcess other = agents.get(i);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!other.logTail(Integer.MAX_VALUE).contains(forgotten) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(other.logTail(Integer.MAX_VALUE))
                    .as("%s's agent log", other)
                    .contains(forgotten);
        }
    }

    @Test
    @Order(6)
    void aNodeThatRestartsAfterAPeerMovedSeesThePeerUpAtOnce() throws Exception {
        // Node 2 restarts after node 3 moved. Had the others still gossiped node 3's former address,
        // node 2 would hear it with node 3's host ID before node 3's live state, take it for node 3,
        // and set the live address aside for Cassandra's 60 s quarantine: a minute in which node 2
        // counts node 3's replicas down (what held up every rolling restart before).
        AgentClient node2 = agent(1);
        assertThat(node2.post("/api/v1/lifecycle/stop", "{}").status()).isEqualTo(200);
        assertThat(node2.post("/api/v1/lifecycle/start", "{}").status()).isEqualTo(202);
        node2.awaitReady(Duration.ofMinutes(2));
        long ready = System.nanoTime();
        node2.awaitRing(
                ThreeNodeRingIT::threeNodesUp,
                Duration.ofSeconds(40),
                "node 2 sees both others up, node 3 at " + MOVED_ADDRESS);
        System.out.printf(
                "restart after a peer moved: node 2 saw every peer up %.1f s after it was ready%n",
                (System.nanoTime() - ready) / 1e9);
        assertThat(Files.readString(dataDir(1).resolve("logs/system.log")))
                .as("node 2 never gave node 3's host ID to its former address")
                .doesNotContain(ADDRESSES.get(2) + ":7000 is the new owner");
        // A read at ALL needs its coordinator, whichever node the session picks, to count node 2 up
        // again too: the others' view of node 2 lags its own start by a gossip round or two.
        for (int i : new int[] {0, 2}) {
            agent(i).awaitRing(
                            ThreeNodeRingIT::threeNodesUp,
                            Duration.ofSeconds(40),
                            "node " + (i + 1) + " sees node 2 up again");
        }
        assertAllRowsReadable(ConsistencyLevel.ALL);
    }

    @Test
    @Order(7)
    void seedsPushedToANodeArePersistedAndReloadedInCassandra() throws Exception {
        AgentClient node2 = agent(1);
        List<String> newSeeds = List.of(ADDRESSES.get(0), MOVED_ADDRESS);
        AgentClient.Response put =
                node2.put("/api/v1/seeds", "{\"seeds\": [\"" + newSeeds.get(0) + "\", \"" + newSeeds.get(1) + "\"]}");
        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
        JsonNode seeds = node2.get("/api/v1/seeds").body();
        assertThat(seeds.path("seeds").toString()).isEqualTo("[\"127.0.1.11\",\"127.0.1.23\"]");
        // Cassandra leaves its own address out of the seeds it gossips with.
        assertThat(seeds.path("active").toString()).contains("127.0.1.11:7000").contains("127.0.1.23:7000");
        assertThat(Files.readString(dataDir(1).resolve("cassini/seeds.json"))).contains("127.0.1.23");
        assertThat(Files.readString(dataDir(1).resolve("conf/cassandra.yaml")))
                .contains("127.0.1.11:7000,127.0.1.23:7000");
    }

    @Test
    @Order(8)
    void aFourthNodeBootstrapsIntoTheRingAndCleanupRunsAsAJob() throws Exception {
        agents.add(AgentProcess.launch(
                "ring-node4", AgentProcess.nodeSettings(CLUSTER, "r1", FOURTH_ADDRESS, dataDir(3), SEEDS)));
        AgentClient node4 = agent(3);
        AgentClient.Response started = node4.post("/api/v1/lifecycle/start", "{\"autoBootstrap\": true}");
        assertThat(started.status()).isEqualTo(202);
        List<String> reasons = node4.awaitReady(Duration.ofMinutes(4));
        assertThat(reasons).anyMatch(r -> r.contains("JOINING") || r.contains("STARTING"));
        agent(0).awaitRing(
                        r -> r.size() == 4
                                && r.stream()
                                        .allMatch(e -> e.path("state").asText().equals("NORMAL")
                                                && e.path("status").asText().equals("UP")),
                        Duration.ofSeconds(90),
                        "four NORMAL nodes");
        assertAllRowsReadable(ConsistencyLevel.ALL);

        AgentClient.Response cleanup = agent(0).post("/api/v1/operations/cleanup", "{\"keyspace\": \"it\"}");
        assertThat(cleanup.status()).isEqualTo(202);
        JsonNode job = agent(0).awaitJob(cleanup.body().path("id").asText(), Duration.ofMinutes(2), new ArrayList<>());
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").asText()).contains("it");
        assertAllRowsReadable(ConsistencyLevel.QUORUM);
    }

    @Test
    @Order(9)
    void decommissionRunsAsAJobAndTheRingShrinksWithEveryRowStillReadable() throws Exception {
        AgentClient node4 = agent(3);
        String node4HostId = node4.node().path("hostId").asText();
        AgentClient.Response submitted = node4.post("/api/v1/operations/decommission", "");
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        String jobId = submitted.body().path("id").asText();
        assertThat(submitted.body().path("operation").asText()).isEqualTo("decommission");

        AgentClient.Response second = node4.post("/api/v1/operations/cleanup", "");
        assertThat(second.status()).isIn(409);

        List<String> progress = new ArrayList<>();
        JsonNode job = node4.awaitJob(jobId, Duration.ofMinutes(5), progress);
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(node4.node().path("state").asText()).isEqualTo("DECOMMISSIONED");

        List<JsonNode> ring =
                agent(0).awaitRing(r -> r.size() == 3, Duration.ofSeconds(60), "three nodes after decommission");
        assertThat(ring).noneMatch(e -> e.path("hostId").asText().equals(node4HostId));
        assertAllRowsReadable(ConsistencyLevel.ALL);

        AgentProcess leaving = agents.remove(3);
        assertThat(leaving.terminate()).isEqualTo(143);
    }

    @Test
    @Order(10)
    void unsafeAndMalformedRequestsAreRefusedWithReasons() {
        AgentClient node1 = agent(0);
        AgentClient.Response again = node1.post("/api/v1/lifecycle/start", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).contains("already running");

        AgentClient.Response rebirth = node1.post("/api/v1/lifecycle/start", "{\"systemKeyspaceReplicas\": 3}");
        assertThat(rebirth.status()).isEqualTo(409);
        assertThat(rebirth.error()).contains("already joined").contains("ALTER KEYSPACE");

        AgentClient.Response tooMany = node1.post("/api/v1/lifecycle/start", "{\"systemKeyspaceReplicas\": 12}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error()).contains("systemKeyspaceReplicas").contains("0 to 9");

        AgentClient.Response live =
                node1.post("/api/v1/operations/removenode", "{\"hostId\": \"" + hostIds.get(1) + "\"}");
        assertThat(live.status()).isEqualTo(409);
        assertThat(live.error()).contains("is up").contains("removenode is only for dead nodes");

        AgentClient.Response self =
                node1.post("/api/v1/operations/removenode", "{\"hostId\": \"" + hostIds.get(0) + "\"}");
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.error()).contains("is this node");

        AgentClient.Response unknownDc = node1.post("/api/v1/operations/rebuild", "{\"sourceDatacenter\": \"dc9\"}");
        assertThat(unknownDc.status()).isEqualTo(409);
        assertThat(unknownDc.error()).contains("dc9 is not in the ring").contains("[dc1]");

        AgentClient.Response ownDc = node1.post("/api/v1/operations/rebuild", "{\"sourceDatacenter\": \"dc1\"}");
        assertThat(ownDc.status()).isEqualTo(409);
        assertThat(ownDc.error()).contains("this node's own");

        AgentClient.Response noKeyspace = node1.post("/api/v1/operations/flush", "{\"keyspace\": \"nope\"}");
        assertThat(noKeyspace.status()).isEqualTo(400);
        assertThat(noKeyspace.error()).contains("keyspace 'nope' does not exist");

        AgentClient.Response badTimeout = node1.post("/api/v1/lifecycle/stop", "{\"timeoutSeconds\": 0}");
        assertThat(badTimeout.status()).isEqualTo(400);
        assertThat(badTimeout.error()).contains("timeoutSeconds").contains("1 to 3600");
    }

    @Test
    @Order(11)
    void flushRunsAsAJobAndSucceeds() throws Exception {
        AgentClient.Response flush = agent(1).post("/api/v1/operations/flush", "{\"keyspace\": \"it\"}");
        assertThat(flush.status()).isEqualTo(202);
        assertThat(flush.body().path("parameters").path("keyspace").asText()).isEqualTo("it");
        JsonNode job = agent(1).awaitJob(flush.body().path("id").asText(), Duration.ofMinutes(1), new ArrayList<>());
        assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(agent(1).get("/api/v1/jobs").body().path("jobs").toString())
                .contains(job.path("id").asText());
        try (var files = Files.walk(dataDir(1).resolve("data"))) {
            assertThat(files.anyMatch(p ->
                            p.toString().contains("/it/kv-") && p.toString().endsWith("-Data.db")))
                    .isTrue();
        }
    }

    /**
     * The table maintenance jobs, each seen in the table's files on disk: a major compaction leaves
     * one SSTable; upgradesstables of every SSTable and garbagecollect write new ones; a scrub leaves
     * its pre-scrub snapshot, which clearsnapshot removes. The rows are all there after each.
     */
    @Test
    @Order(12)
    void compactUpgradeGarbageCollectScrubAndClearSnapshotRewriteTheFilesAndKeepEveryRow() throws Exception {
        if (session == null) {
            session = Cql.connect(ADDRESSES.subList(0, 2));
        }
        session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS kept WITH replication ="
                + " {'class': 'NetworkTopologyStrategy', 'dc1': 3}"));
        session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS kept.kv (k int PRIMARY KEY, v text)"
                + " WITH compaction = {'class': 'SizeTieredCompactionStrategy', 'min_threshold': 32}"));
        AgentClient node1 = agent(0);
        PreparedStatement insert = session.prepare("INSERT INTO kept.kv (k, v) VALUES (?, ?)");
        for (int batch = 0; batch < 3; batch++) {
            for (int k = batch * 100; k < (batch + 1) * 100; k++) {
                session.execute(insert.bind(k, "value-" + k).setConsistencyLevel(ConsistencyLevel.ALL));
            }
            runJob(node1, "flush", "{\"keyspace\": \"kept\"}");
        }
        // a row deleted after it was flushed: garbagecollect drops it from the disk
        session.execute(SimpleStatement.newInstance("DELETE FROM kept.kv WHERE k = 0")
                .setConsistencyLevel(ConsistencyLevel.ALL));
        runJob(node1, "flush", "{\"keyspace\": \"kept\"}");
        assertThat(liveSSTables(0, "kept", "kv")).as("one SSTable per flush").hasSizeGreaterThanOrEqualTo(4);

        String compacted = runJob(node1, "compact", "{\"keyspace\": \"kept\", \"tables\": [\"kv\"]}");
        assertThat(compacted).isEqualTo("compacted tables [kv] of keyspace kept");
        List<String> one = liveSSTables(0, "kept", "kv");
        assertThat(one).as("a major compaction leaves one SSTable").hasSize(1);

        String upgraded =
                runJob(node1, "upgradesstables", "{\"keyspace\": \"kept\", \"tables\": [\"kv\"], \"all\": true}");
        assertThat(upgraded).startsWith("rewrote every SSTable of");
        List<String> rewritten = liveSSTables(0, "kept", "kv");
        assertThat(rewritten).hasSize(1).doesNotContainAnyElementsOf(one);

        runJob(node1, "garbagecollect", "{\"keyspace\": \"kept\"}");
        List<String> collected = liveSSTables(0, "kept", "kv");
        assertThat(collected).hasSize(1).doesNotContainAnyElementsOf(rewritten);

        String scrubbed = runJob(node1, "scrub", "{\"keyspace\": \"kept\", \"tables\": [\"kv\"]}");
        assertThat(scrubbed).contains("pre-scrub snapshot is kept until cleared");
        assertThat(snapshots(0, "kept", "kv")).as("scrub's own snapshot").isNotEmpty();

        String cleared = runJob(node1, "clearsnapshot", "{\"keyspaces\": [\"kept\"]}");
        System.out.printf(
                "maintenance on %s: %s; %s; %s; %s%n", ADDRESSES.get(0), compacted, upgraded, scrubbed, cleared);
        assertThat(snapshots(0, "kept", "kv")).isEmpty();

        long rows = session.execute(
                        SimpleStatement.newInstance("SELECT k FROM kept.kv").setConsistencyLevel(ConsistencyLevel.ALL))
                .all()
                .size();
        assertThat(rows).isEqualTo(299);

        AgentClient.Response unknownTable =
                node1.post("/api/v1/operations/compact", "{\"keyspace\": \"kept\", \"tables\": [\"nope\"]}");
        assertThat(unknownTable.status()).isEqualTo(400);
        assertThat(unknownTable.error()).contains("nope");
    }

    /** Submits an operation, waits for its job to succeed, and returns the job's result. */
    private static String runJob(AgentClient agent, String operation, String body) throws Exception {
        AgentClient.Response submitted = agent.post("/api/v1/operations/" + operation, body);
        assertThat(submitted.status()).as(operation + ": " + submitted.body()).isEqualTo(202);
        JsonNode job = agent.awaitJob(submitted.body().path("id").asText(), Duration.ofMinutes(2), new ArrayList<>());
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        return job.path("result").asText();
    }

    /** The table's live SSTables on a node, by their data file's name. */
    private List<String> liveSSTables(int node, String keyspace, String table) throws IOException {
        try (var files = Files.list(tableDir(node, keyspace, table))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-Data.db"))
                    .sorted()
                    .toList();
        }
    }

    /** The names of the table's snapshots on a node. */
    private List<String> snapshots(int node, String keyspace, String table) throws IOException {
        Path dir = tableDir(node, keyspace, table).resolve("snapshots");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var names = Files.list(dir)) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path tableDir(int node, String keyspace, String table) throws IOException {
        try (var dirs = Files.list(dataDir(node).resolve("data").resolve(keyspace))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith(table + "-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no directory of " + keyspace + "." + table));
        }
    }

    /**
     * A table's files stream into another keyspace's table, each range only to the node that owns
     * it there (replication 1, so a row sent anywhere else could not be read). Leaving one node's
     * ranges out of the plan leaves exactly that node's rows out; streaming them next completes it.
     */
    @Test
    @Order(13)
    void aTablesFilesStreamToTheNodesThatOwnTheirRangesAndNowhereElse() throws Exception {
        session.execute(
                SimpleStatement.newInstance(
                        "CREATE KEYSPACE IF NOT EXISTS moved WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}"));
        String cql = "CREATE TABLE moved.kv (k int PRIMARY KEY, v text)";
        session.execute(SimpleStatement.newInstance(cql.replace("TABLE", "TABLE IF NOT EXISTS")));
        String tableId = session.execute(SimpleStatement.newInstance(
                        "SELECT id FROM system_schema.tables WHERE keyspace_name = 'moved' AND table_name = 'kv'"))
                .one()
                .getUuid("id")
                .toString();
        // Node 2 holds a replica of every row of it.kv (three nodes, three replicas), flushed by the
        // test before this one.
        Path staging = dataRoot.resolve("staging/moved/kv-" + tableId.replace("-", ""));
        Files.createDirectories(staging);
        try (var tableDirs = Files.list(dataDir(1).resolve("data/it"))) {
            Path source = tableDirs
                    .filter(p -> p.getFileName().toString().startsWith("kv-"))
                    .findFirst()
                    .orElseThrow();
            try (var files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, staging.resolve(file.getFileName()));
                }
            }
        }

        var tokenMap = session.getMetadata().getTokenMap().orElseThrow();
        List<TokenRing.Node> ringNodes = new ArrayList<>();
        for (var node : session.getMetadata().getNodes().values()) {
            List<Long> tokens = new ArrayList<>();
            tokenMap.getTokens(node)
                    .forEach(t -> tokens.add(
                            ((com.datastax.oss.driver.internal.core.metadata.token.Murmur3Token) t).getValue()));
            ringNodes.add(new TokenRing.Node(
                    node.getBroadcastRpcAddress().orElseThrow().getAddress().getHostAddress(),
                    node.getDatacenter(),
                    node.getRack(),
                    tokens));
        }
        TokenRing ring = TokenRing.of(ringNodes);
        String sender = node2Address();
        RangeStreams.Plan plan = RangeStreams.plan(
                ring,
                Replication.of(Map.of("class", "NetworkTopologyStrategy", "dc1", "3")),
                ring,
                Replication.of(Map.of("class", "NetworkTopologyStrategy", "dc1", "1")),
                Map.of());
        Map<String, List<RangeStreams.TokenRange>> fromNode2 = plan.from(sender);
        assertThat(fromNode2).hasSize(3);
        String leftOut = fromNode2.keySet().stream()
                .filter(a -> !a.equals(sender))
                .findFirst()
                .orElseThrow();

        TableStreamer streamer = new TableStreamer(
                CassandraDistribution.resolve(CassandraVersions.DEFAULT, System.getenv())
                        .libDir(),
                7000);
        RestoreStreams.Table table = new RestoreStreams.Table("moved", "kv", tableId, cql, List.of());
        List<Long> progress = new ArrayList<>();
        long first = streamer.stream(staging, table, targets(fromNode2, a -> !a.equals(leftOut)), bytes -> {
            synchronized (progress) {
                progress.add(bytes);
            }
        });
        assertThat(first).isPositive();
        assertThat(progress).isNotEmpty().last().isEqualTo(first);

        Map<Integer, String> read = movedRows();
        Map<Integer, String> expected = new HashMap<>();
        for (int k = 0; k < ROWS; k++) {
            var owners = tokenMap.getReplicas(
                    "moved",
                    com.datastax.oss.driver.api.core.type.codec.TypeCodecs.INT.encode(
                            k, com.datastax.oss.driver.api.core.ProtocolVersion.DEFAULT));
            assertThat(owners).hasSize(1);
            String owner = owners.iterator()
                    .next()
                    .getBroadcastRpcAddress()
                    .orElseThrow()
                    .getAddress()
                    .getHostAddress();
            if (!owner.equals(leftOut)) {
                expected.put(k, "value-" + k);
            }
        }
        assertThat(expected).hasSizeBetween(1, ROWS - 1);
        assertThat(read).isEqualTo(expected);

        long second = streamer.stream(staging, table, targets(fromNode2, leftOut::equals), bytes -> {});
        assertThat(second).isPositive();
        Map<Integer, String> all = movedRows();
        assertThat(all).hasSize(ROWS);
        all.forEach((k, v) -> assertThat(v).isEqualTo("value-" + k));
    }

    /**
     * A repair session over two adjacent subranges of one of the ring's ranges, of one table, run as
     * a job by node 1; Cassandra's own history shows the session repaired exactly those ranges. The
     * keyspace has a replica on every node, so node 1 replicates every range of the ring.
     */
    @Test
    @Order(14)
    void aRepairOfTwoSubrangesRunsAsAJobAndCassandraRecordsThoseRanges() throws Exception {
        if (session == null) {
            session = Cql.connect(ADDRESSES.subList(0, 2));
        }
        session.execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS repaired WITH replication ="
                + " {'class': 'NetworkTopologyStrategy', 'dc1': 3}"));
        session.execute(
                SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS repaired.kv (k int PRIMARY KEY, v text)"));
        PreparedStatement insert = session.prepare("INSERT INTO repaired.kv (k, v) VALUES (?, ?)");
        for (int k = 0; k < 100; k++) {
            session.execute(insert.bind(k, "value-" + k).setConsistencyLevel(ConsistencyLevel.QUORUM));
        }

        List<Long> ring = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            agent(i).node().path("tokens").forEach(t -> ring.add(Long.parseLong(t.asText())));
        }
        java.util.Collections.sort(ring);
        assertThat(ring).hasSize(48);
        // The ring's first range that does not wrap, cut in two: each half lies within one range of the
        // ring, which Cassandra requires of a range it is asked to repair.
        long start = ring.get(0);
        long end = ring.get(1);
        long middle = start + (end - start) / 2;
        String ranges = "[{\"start\": \"" + start + "\", \"end\": \"" + middle + "\"}, {\"start\": \"" + middle
                + "\", \"end\": \"" + end + "\"}]";

        AgentClient node1 = agent(0);
        AgentClient.Response submitted = node1.post(
                "/api/v1/operations/repair",
                "{\"repairId\": \"it-repair\", \"segment\": \"s0\", \"keyspace\": \"repaired\", \"tables\":"
                        + " [\"kv\"], \"ranges\": " + ranges + ", \"timeoutSeconds\": 300}");
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(202);
        assertThat(submitted.body().path("operation").asText()).isEqualTo("repair");
        assertThat(submitted.body().path("parameters"))
                .as("the job says which repair and segment it is, for a client to recognise it")
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree("{\"repairId\": \"it-repair\", \"segment\": \"s0\", \"keyspace\": \"repaired\"}"));
        List<String> progress = new ArrayList<>();
        JsonNode job = node1.awaitJob(submitted.body().path("id").asText(), Duration.ofMinutes(5), progress);
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").asText()).startsWith("repaired keyspace repaired, 2 ranges");
        System.out.printf(
                "repair job: %s; progress seen: %s%n", job.path("result").asText(), progress);

        // Cassandra records the command (its parent session) in parent_repair_history, with the ranges
        // asked for and those repaired, and each session in repair_history, keyed by session and table:
        // a session over both ranges leaves one row there, naming one of them.
        Set<String> asked = Set.of("(" + start + "," + middle + "]", "(" + middle + "," + end + "]");
        Row parent = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            parent = session
                    .execute(SimpleStatement.newInstance("SELECT keyspace_name, columnfamily_names, requested_ranges,"
                                    + " successful_ranges, exception_message, finished_at"
                                    + " FROM system_distributed.parent_repair_history")
                            .setConsistencyLevel(ConsistencyLevel.QUORUM))
                    .all()
                    .stream()
                    .filter(row -> "repaired".equals(row.getString("keyspace_name")))
                    .findFirst()
                    .orElse(null);
            if (parent != null && parent.getInstant("finished_at") != null) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(parent).as("parent_repair_history of keyspace repaired").isNotNull();
        assertThat(parent.getSet("columnfamily_names", String.class)).containsExactly("kv");
        assertThat(parent.getSet("requested_ranges", String.class)).isEqualTo(asked);
        assertThat(parent.getSet("successful_ranges", String.class)).isEqualTo(asked);
        assertThat(parent.getString("exception_message")).isNull();
        List<Row> sessions = session.execute(SimpleStatement.newInstance(
                                "SELECT range_begin, range_end, status FROM system_distributed.repair_history"
                                        + " WHERE keyspace_name = 'repaired' AND columnfamily_name = 'kv'")
                        .setConsistencyLevel(ConsistencyLevel.QUORUM))
                .all();
        assertThat(sessions).isNotEmpty().allSatisfy(row -> {
            assertThat(row.getString("status")).isEqualTo("SUCCESS");
            assertThat(asked).contains("(" + row.getString("range_begin") + "," + row.getString("range_end") + "]");
        });

        JsonNode report = node1.node();
        assertThat(report.path("pendingCompactions").isIntegralNumber())
                .as(report.toString())
                .isTrue();
        assertThat(report.path("repairBytesSent").isIntegralNumber())
                .as(report.toString())
                .isTrue();
        assertThat(report.path("repairBytesSent").asLong()).isNotNegative();

        AgentClient.Response unknownKeyspace = node1.post(
                "/api/v1/operations/repair",
                "{\"repairId\": \"it-repair\", \"segment\": \"s1\", \"keyspace\": \"nope\"}");
        assertThat(unknownKeyspace.status()).isEqualTo(400);
        assertThat(unknownKeyspace.error()).startsWith("keyspace 'nope' does not exist");

        AgentClient.Response badToken = node1.post(
                "/api/v1/operations/repair",
                "{\"repairId\": \"it-repair\", \"segment\": \"s1\", \"keyspace\": \"repaired\", \"ranges\":"
                        + " [{\"start\": \"0\", \"end\": \"12e3\"}]}");
        assertThat(badToken.status()).isEqualTo(400);
        assertThat(badToken.error()).startsWith("ranges[0].end '12e3' is not a Murmur3 token");
    }

    private String node2Address() {
        return session.getMetadata().getNodes().values().stream()
                .map(n -> n.getBroadcastRpcAddress().orElseThrow().getAddress().getHostAddress())
                .filter(ADDRESSES.get(1)::equals)
                .findFirst()
                .orElseThrow();
    }

    private static List<RestoreStreams.Target> targets(
            Map<String, List<RangeStreams.TokenRange>> ranges, java.util.function.Predicate<String> which) {
        List<RestoreStreams.Target> targets = new ArrayList<>();
        ranges.forEach((address, list) -> {
            if (which.test(address)) {
                targets.add(new RestoreStreams.Target(
                        address,
                        list.stream()
                                .map(r -> List.of(Long.toString(r.start()), Long.toString(r.end())))
                                .toList()));
            }
        });
        return targets;
    }

    /** Every row of moved.kv, each read from its one replica. */
    private Map<Integer, String> movedRows() {
        Map<Integer, String> rows = new HashMap<>();
        session.execute(SimpleStatement.newInstance("SELECT k, v FROM moved.kv")
                        .setConsistencyLevel(ConsistencyLevel.ONE))
                .forEach(row -> rows.put(row.getInt("k"), row.getString("v")));
        return rows;
    }
}
