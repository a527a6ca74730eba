package dev.cassini.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real node with the agent's defaults (auth on), started at boot: authentication, restart,
 * a crash of Cassandra under the agent, and what the agent refuses or records when things are wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleNodeIT {
    private static final String ADDRESS = "127.0.2.11";

    private Path dataRoot;
    private final List<AgentProcess> agents = new ArrayList<>();
    private AgentProcess agent;

    @BeforeAll
    void launch(@TempDir Path dataRoot) throws Exception {
        this.dataRoot = dataRoot;
        Map<String, String> settings =
                AgentProcess.nodeSettings("single-it", "r1", ADDRESS, dataRoot.resolve("node"), List.of(ADDRESS));
        settings.remove("CASSINI_AUTH"); // the default: on
        settings.put("CASSINI_START", "true");
        agent = AgentProcess.launch("single-node", settings);
        agents.add(agent);
    }

    @AfterAll
    void stop() throws Exception {
        for (AgentProcess a : agents) {
            a.close();
        }
    }

    @Test
    @Order(1)
    void startsAtBootWhenToldToAndRequiresPasswordsByDefault() throws Exception {
        agent.client().awaitReady(Duration.ofMinutes(2));
        assertThatThrownBy(() -> Cql.connect(List.of(ADDRESS)).close())
                .isInstanceOf(AllNodesFailedException.class)
                .hasMessageContaining("requires authentication");
        try (CqlSession session = connectAsDefaultSuperuser()) {
            String user = session.execute("SELECT role FROM system_auth.roles WHERE role = 'cassandra'")
                    .one()
                    .getString("role");
            assertThat(user).isEqualTo("cassandra");
            // The report names where clients connect from, so the operator can tell when they are back on a
            // restarted node.
            assertThat(agent.client().node().path("clientAddresses"))
                    .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
                    .contains("127.0.0.1");
            // And who: role and application name, so a datacenter's leave can name the clients still on it.
            assertThat(agent.client().node().path("clients")).anySatisfy(c -> {
                assertThat(c.path("address").asText()).isEqualTo("127.0.0.1");
                assertThat(c.path("username").asText()).isEqualTo("cassandra");
                assertThat(c.path("applicationName").asText()).isEqualTo(Cql.APPLICATION);
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!agent.client().node().path("clientAddresses").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(agent.client().node().path("clientAddresses").isArray()).isTrue();
        assertThat(agent.client().node().path("clientAddresses")).isEmpty();
    }

    /** Cassandra creates the default superuser a few seconds after it starts serving. */
    private static CqlSession connectAsDefaultSuperuser() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return Cql.connect(List.of(ADDRESS), "cassandra", "cassandra");
            } catch (AllNodesFailedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    @Test
    @Order(2)
    void restartReplacesTheProcessAndKeepsTheNode() throws Exception {
        JsonNode before = agent.client().node();
        AgentClient.Response restarted = agent.client().post("/api/v1/lifecycle/restart", "{}");
        assertThat(restarted.status()).as(restarted.body().toString()).isEqualTo(202);
        agent.client().awaitReady(Duration.ofMinutes(2));
        JsonNode after = agent.client().node();
        assertThat(after.path("pid").asLong()).isNotEqualTo(before.path("pid").asLong());
        assertThat(after.path("hostId").asText())
                .isEqualTo(before.path("hostId").asText());
        assertThat(after.path("tokens")).isEqualTo(before.path("tokens"));
        assertThat(after.path("lastExit").path("requested").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void aNodeWithDataRefusesToReplaceAnotherOrTakeNewTokens() {
        agent.client().post("/api/v1/lifecycle/stop", "{}");
        AgentClient.Response replace =
                agent.client().post("/api/v1/lifecycle/start", "{\"replaceAddress\": \"127.0.2.99\"}");
        assertThat(replace.status()).isEqualTo(409);
        assertThat(replace.error()).contains("has already joined the ring").contains("before it first joins");

        AgentClient.Response tokens = agent.client().post("/api/v1/lifecycle/start", "{\"initialTokens\": [\"1\"]}");
        assertThat(tokens.status()).isEqualTo(409);
        assertThat(tokens.error()).contains("keeps the tokens it has");
        assertThat(agent.client().node().path("state").asText()).isEqualTo("STOPPED");
    }

    @Test
    @Order(4)
    void aCrashOfCassandraIsRecordedWithItsCauseAndFlushedDataSurvivesIt() throws Exception {
        assertThat(agent.client().post("/api/v1/lifecycle/start", "{}").status())
                .isEqualTo(202);
        agent.client().awaitReady(Duration.ofMinutes(2));
        try (CqlSession session = connectAsDefaultSuperuser()) {
            session.execute(
                    "CREATE KEYSPACE IF NOT EXISTS crash WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
            session.execute("CREATE TABLE IF NOT EXISTS crash.t (k int PRIMARY KEY, v text)");
            for (int k = 0; k < 50; k++) {
                session.execute(SimpleStatement.newInstance("INSERT INTO crash.t (k, v) VALUES (?, ?)", k, "v" + k));
            }
        }
        AgentClient.Response flush = agent.client().post("/api/v1/operations/flush", "{\"keyspace\": \"crash\"}");
        JsonNode job =
                agent.client().awaitJob(flush.body().path("id").asText(), Duration.ofMinutes(1), new ArrayList<>());
        assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
        // The flushed rows are live data; the volume's space is what the operator checks before a decommission.
        JsonNode disk = agent.client().node().path("dataDisk");
        assertThat(disk.path("loadBytes").asLong()).isPositive();
        assertThat(disk.path("freeBytes").asLong())
                .isPositive()
                .isLessThan(disk.path("totalBytes").asLong());

        long cassandraPid = agent.client().node().path("pid").asLong();
        ProcessHandle cassandra = ProcessHandle.of(cassandraPid).orElseThrow();
        cassandra.destroyForcibly();
        cassandra.onExit().get(30, TimeUnit.SECONDS);

        JsonNode node = awaitState("STOPPED");
        JsonNode exit = node.path("lastExit");
        assertThat(exit.path("requested").asBoolean()).isFalse();
        assertThat(exit.path("exitCode").asInt()).isEqualTo(137);
        assertThat(exit.path("reason").asText()).contains("exited on its own").contains("killed by signal 9");
        AgentClient.Response ready = agent.client().get("/healthz/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body().path("reason").asText()).contains("killed by signal 9");
        assertThat(agent.client().get("/healthz/live").status()).isEqualTo(200);

        assertThat(agent.client().post("/api/v1/lifecycle/start", "{}").status())
                .isEqualTo(202);
        agent.client().awaitReady(Duration.ofMinutes(2));
        try (CqlSession session = connectAsDefaultSuperuser()) {
            assertThat(session.execute("SELECT count(*) FROM crash.t").one().getLong(0))
                    .isEqualTo(50);
        }
    }

    @Test
    @Order(5)
    void aBackupUploadsTheSnapshotOnceClearsItAndAnUnchangedSecondBackupReusesEveryTableFile(@TempDir Path storeData)
            throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start("127.0.2.21", 19_092, storeData);
                ObjectStore store = new ObjectStore(server.settings("backups"))) {
            store.createBucket();
            String storage = "\"bucket\": \"backups\", \"prefix\": \"it\", \"endpoint\": \"" + server.endpoint()
                    + "\", \"pathStyle\": true, \"accessKeyId\": \"" + S3ProxyServer.ACCESS_KEY + "\"";
            String secret = ", \"secretAccessKey\": \"" + S3ProxyServer.SECRET_KEY + "\"";

            JsonNode first = backup("{\"backupId\": \"b1\", \"pod\": \"single-0\", " + storage + secret + "}");
            assertThat(first.path("state").asText()).as(first.toString()).isEqualTo("SUCCEEDED");
            assertThat(first.path("result").asText()).startsWith("manifest it/backups/b1/nodes/dc1/r1/");
            NodeManifest one = manifest(store, "b1");
            assertThat(one.files()).anySatisfy(f -> {
                assertThat(f.keyspace()).isEqualTo("crash");
                assertThat(f.name()).endsWith("-Data.db");
            });
            assertThat(one.files()).noneMatch(f -> f.keyspace().equals("system"));
            assertThat(one.pod()).isEqualTo("single-0");
            assertThat(one.tokens()).isNotEmpty();
            for (BackupFile file : one.files()) {
                assertThat(store.exists(new BackupLayout("it").blob(file.sha256())))
                        .isTrue();
            }
            try (var snapshots = Files.walk(dataRoot)) {
                assertThat(snapshots.filter(p -> p.toString().contains("snapshots/cassini-b1")))
                        .as("the snapshot is cleared")
                        .isEmpty();
            }

            JsonNode second = backup("{\"backupId\": \"b2\", " + storage + secret + "}");
            assertThat(second.path("state").asText()).as(second.toString()).isEqualTo("SUCCEEDED");
            NodeManifest two = manifest(store, "b2");
            java.util.Set<String> before = new java.util.HashSet<>();
            one.files().forEach(f -> before.add(f.sha256()));
            long fresh = two.files().stream()
                    .map(BackupFile::sha256)
                    .distinct()
                    .filter(d -> !before.contains(d))
                    .count();
            // Cassandra writes a new schema.cql into every snapshot (its manifest.json is not uploaded); the
            // SSTables of a table that did not change are the same files.
            assertThat(one.files()).noneMatch(f -> f.name().equals("manifest.json"));
            assertThat(two.files().stream()
                            .filter(f ->
                                    f.keyspace().equals("crash") && !f.name().equals("schema.cql")))
                    .as("the unchanged table's SSTable files are all reused")
                    .allMatch(f -> before.contains(f.sha256()));
            assertThat(second.path("result").asText()).contains(", " + fresh + " uploaded (");

            JsonNode refused = backup("{\"backupId\": \"b3\", " + storage + ", \"secretAccessKey\": \"wrong\"}");
            assertThat(refused.path("state").asText()).isEqualTo("FAILED");
            assertThat(refused.path("error").asText()).contains("credentialsSecretRef");
            try (var snapshots = Files.walk(dataRoot)) {
                assertThat(snapshots.filter(p -> p.toString().contains("snapshots/cassini-b3")))
                        .as("a failed backup clears its snapshot too")
                        .isEmpty();
            }
            assertThat(agent.client()
                            .post("/api/v1/operations/backup", "{\"backupId\": \"b4\"}")
                            .status())
                    .isEqualTo(400);
        }
    }

    private JsonNode backup(String body) throws Exception {
        AgentClient.Response started = agent.client().post("/api/v1/operations/backup", body);
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        return agent.client().awaitJob(started.body().path("id").asText(), Duration.ofMinutes(2), new ArrayList<>());
    }

    private static NodeManifest manifest(ObjectStore store, String backupId) throws Exception {
        String prefix = new BackupLayout("it").backup(backupId) + "nodes/";
        String key = store.list(prefix).get(0).key();
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .readValue(store.get(key), NodeManifest.class);
    }

    private JsonNode awaitState(String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode node = agent.client().node();
        while (!node.path("state").asText().equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            node = agent.client().node();
        }
        assertThat(node.path("state").asText()).isEqualTo(state);
        return node;
    }

    @Test
    @Order(6)
    void whenCassandraRefusesItsConfigurationTheAgentRecordsWhy() throws Exception {
        Map<String, String> settings = AgentProcess.nodeSettings(
                "single-it", "r1", "127.0.2.12", dataRoot.resolve("bad"), List.of("127.0.2.12"));
        settings.put("CASSINI_CASSANDRA_YAML", "not_a_cassandra_setting: 1");
        AgentProcess bad = AgentProcess.launch("single-node-bad-yaml", settings);
        agents.add(bad);
        assertThat(bad.client().post("/api/v1/lifecycle/start", "{}").status()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode node = bad.client().node();
        while (!node.path("state").asText().equals("STOPPED") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            node = bad.client().node();
        }
        JsonNode exit = node.path("lastExit");
        assertThat(exit.path("requested").asBoolean()).as(node.toString()).isFalse();
        assertThat(exit.path("exitCode").asInt()).isNotZero();
        assertThat(exit.path("lastLines").toString()).contains("not_a_cassandra_setting");
        assertThat(bad.client()
                        .get("/api/v1/logs?log=output&lines=500")
                        .body()
                        .path("lines")
                        .toString())
                .contains("not_a_cassandra_setting");
    }

    @Test
    @Order(7)
    void anInvalidNodeConfigurationStopsTheAgentBeforeCassandraStarts() throws IOException, InterruptedException {
        Path dataDir = dataRoot.resolve("invalid");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.cassini.agent.AgentMain")
                .redirectErrorStream(true);
        builder.environment()
                .putAll(Map.of(
                        "CASSINI_CLUSTER_NAME",
                        "single-it",
                        "CASSINI_DATACENTER",
                        "dc1",
                        "CASSINI_ADDRESS",
                        "127.0.2.13",
                        "CASSINI_DATA_DIR",
                        dataDir.toString(),
                        "CASSINI_HEAP",
                        "lots",
                        "CASSINI_START",
                        "true"));
        builder.environment().remove("CASSINI_RACK");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(output)
                    .contains("CASSINI_RACK is required")
                    .contains("CASSINI_HEAP=lots must be a size")
                    .contains("Cassandra was not started");
            assertThat(Files.exists(dataDir)).isFalse();
        } finally {
            process.destroyForcibly();
        }
    }
}
