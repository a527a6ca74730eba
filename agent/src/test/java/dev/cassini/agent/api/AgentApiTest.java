package dev.cassini.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cassini.agent.NodeAgent;
import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.config.NodeConfigLoader;
import dev.cassini.agent.config.TestNodeConfigs;
import dev.cassini.agent.runtime.CassandraDistribution;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's HTTP API with no Cassandra: probes, status, validation and error responses, and the
 * OpenAPI document against the routes actually served. Cassandra is never started: the agent's
 * environment points at an empty lib dir, so even an unintended start would fail at once.
 */
class AgentApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private String address;
    private NodeAgent agent;
    private AgentApi api;
    private HttpClient http;
    private String base;

    @BeforeEach
    void startApi() throws Exception {
        address = "127.0.0." + ThreadLocalRandom.current().nextInt(100, 201);
        int port = freePort(address);
        agent = agentWithoutCassandra(tmp, address, port);
        api = new AgentApi(agent).start(address, port);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        base = "http://" + address + ":" + port;
    }

    @AfterEach
    void stopApi() {
        if (api != null) {
            api.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    /**
     * An agent whose Cassandra can never start: its environment points at an empty lib dir, so
     * even an unintended start fails at once.
     */
    static NodeAgent agentWithoutCassandra(Path tmp, String address, int port) throws Exception {
        Map<String, String> env = TestNodeConfigs.env(tmp.resolve("node"), address);
        env.put(NodeConfigLoader.ENV_API_PORT, String.valueOf(port));
        NodeConfig config = NodeConfigLoader.parse(env, Map.of());
        Path emptyLib = Files.createDirectories(tmp.resolve("no-cassandra"));
        return new NodeAgent(
                config,
                Map.of(CassandraDistribution.ENV_LIB_DIR, emptyLib.toString()),
                new PrintStream(new ByteArrayOutputStream()));
    }

    static int freePort(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return socket.getLocalPort();
        }
    }

    private record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        String error() {
            return body.path("error").asText();
        }
    }

    private Reply send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json, response);
    }

    private Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    // ---- probes and status ----

    @Test
    void livenessIsOk() throws Exception {
        Reply reply = get("/healthz/live");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("status").asText()).isEqualTo("ok");
        assertThat(reply.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void readinessIsServiceUnavailableUntilCassandraIsStarted() throws Exception {
        Reply reply = get("/healthz/ready");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body().path("ready").asBoolean(true)).isFalse();
        assertThat(reply.body().path("reason").asText()).contains("not started");
    }

    @Test
    void nodeIsNotStartedAndShowsItsConfiguration() throws Exception {
        Reply reply = get("/api/v1/node");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("state").asText()).isEqualTo("NOT_STARTED");
        assertThat(reply.body().path("process").asText()).isEqualTo("NOT_STARTED");
        assertThat(reply.body().path("address").asText()).isEqualTo(address);
        assertThat(reply.body().path("datacenter").asText()).isEqualTo("dc1");
        assertThat(reply.body().path("rack").asText()).isEqualTo("r1");
        assertThat(reply.body().path("cassandraVersion").asText()).isEqualTo("5.0.6");
        assertThat(reply.body().path("pid").isNull()).isTrue();
    }

    @Test
    void ringNeedsARunningCassandra() throws Exception {
        Reply reply = get("/api/v1/ring");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error()).contains("not running");
    }

    // ---- operations refused without Cassandra ----

    @Test
    void decommissionIsRefusedWhileCassandraIsNotRunning() throws Exception {
        Reply reply = send("POST", "/api/v1/operations/decommission", "");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error()).contains("decommission").contains("not running");
        assertThat(get("/api/v1/jobs").body().path("jobs")).isEmpty();
    }

    @Test
    void everyDataOperationIsRefusedWhileCassandraIsNotRunning() throws Exception {
        for (String operation :
                List.of("drain", "cleanup", "flush", "compact", "upgradesstables", "garbagecollect", "clearsnapshot")) {
            Reply reply = send("POST", "/api/v1/operations/" + operation, "{}");
            assertThat(reply.status()).as(operation).isEqualTo(409);
            assertThat(reply.error()).as(operation).contains("not running");
        }
    }

    @Test
    void backupAndRestoreRefuseStorageOptionsTheStoreCannotTakeBeforeAnythingElse() throws Exception {
        String backup = "{\"backupId\": \"b1\", \"bucket\": \"backups\", ";
        String restore = "{\"restoreId\": \"r1\", \"step\": \"DOWNLOAD\", \"manifest\": \"m.json\","
                + " \"bucket\": \"backups\", ";
        for (String start : List.of(backup, restore)) {
            String path = start == backup ? "/api/v1/operations/backup" : "/api/v1/operations/restore";
            Reply cipher = send("POST", path, start + "\"serverSideEncryption\": \"DES\"}");
            assertThat(cipher.status()).as(path).isEqualTo(400);
            assertThat(cipher.error()).as(path).contains("serverSideEncryption must be AES256 or aws:kms, not DES");

            Reply key = send("POST", path, start + "\"serverSideEncryption\": \"AES256\", \"kmsKeyId\": \"k\"}");
            assertThat(key.status()).as(path).isEqualTo(400);
            assertThat(key.error()).as(path).contains("a kmsKeyId needs serverSideEncryption aws:kms");

            Reply bandwidth = send("POST", path, start + "\"bandwidthBytesPerSecond\": 0}");
            assertThat(bandwidth.status()).as(path).isEqualTo(400);
            assertThat(bandwidth.error())
                    .as(path)
                    .contains("'bandwidthBytesPerSecond' must be a whole number of at least 1");

            Reply accepted = send(
                    "POST",
                    path,
                    start + "\"serverSideEncryption\": \"aws:kms\", \"kmsKeyId\": \"k\","
                            + " \"bandwidthBytesPerSecond\": 1048576}");
            assertThat(accepted.status())
                    .as(path + ": valid options get as far as the node, which is not running")
                    .isEqualTo(409);
        }
    }

    @Test
    void aStreamStepNeedsWellFormedStreams() throws Exception {
        String start =
                "{\"restoreId\": \"r1\", \"step\": \"STREAM\", \"manifest\": \"m.json\"," + " \"bucket\": \"backups\"";
        Reply none = send("POST", "/api/v1/operations/restore", start + "}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error()).contains("a STREAM step needs streams");

        Reply missing = send("POST", "/api/v1/operations/restore", start + ", \"streams\": {\"storagePort\": 7000}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error())
                .isEqualTo("'streams' is not a valid RestoreStreams: tables and targets are required: what to stream,"
                        + " and where");

        Reply badRange = send(
                "POST",
                "/api/v1/operations/restore",
                start + ", \"streams\": {\"tables\": [], \"storagePort\": 7000, \"targets\": {\"ks\":"
                        + " [{\"address\": \"127.0.0.1\", \"ranges\": [[\"0\"]]}]}}}");
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(badRange.error()).contains("a range is [start, end], two decimal tokens; found [0] for 127.0.0.1");

        Reply notAnObject = send("POST", "/api/v1/operations/restore", start + ", \"streams\": []}");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.error()).contains("'streams' must be an object");

        Reply wellFormed = send(
                "POST",
                "/api/v1/operations/restore",
                start + ", \"streams\": {\"tables\": [{\"keyspace\": \"ks\", \"name\": \"t\", \"id\": \"i\","
                        + " \"cql\": \"CREATE TABLE ks.t (k int PRIMARY KEY)\"}], \"targets\": {\"ks\":"
                        + " [{\"address\": \"127.0.0.1\", \"ranges\": [[\"0\", \"10\"]]}]}, \"storagePort\": 7000}}");
        assertThat(wellFormed.status())
                .as("well-formed streams get as far as the node, which is not running")
                .isEqualTo(409);
    }

    @Test
    void aRepairRequestIsCheckedBeforeTheNodeIsAsked() throws Exception {
        String path = "/api/v1/operations/repair";
        String start = "{\"repairId\": \"r1\", \"segment\": \"s0\", ";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"repairId\": \"r1\", \"segment\": \"s0\"}", "keyspace is required: the keyspace to repair");
        refused.put("{\"segment\": \"s0\", \"keyspace\": \"ks\"}", "repairId is required");
        refused.put(
                start + "\"keyspace\": \"ks\", \"ranges\": [{\"start\": \"0\", \"end\": \"ten\"}]}",
                "ranges[0].end 'ten' is not a Murmur3 token");
        refused.put(
                start + "\"keyspace\": \"ks\", \"ranges\": [{\"start\": \"0\", \"stop\": \"10\"}]}",
                "'ranges'[0] is not a valid TokenRange");
        refused.put(
                start + "\"keyspace\": \"ks\", \"ranges\": [\"0:10\"]}",
                "'ranges' must be a list of TokenRange objects");
        refused.put(
                start + "\"keyspace\": \"ks\", \"parallelism\": \"ALL\"}",
                "parallelism 'ALL' is not one of [SEQUENTIAL, PARALLEL, DATACENTER_AWARE]");
        refused.put(
                start + "\"keyspace\": \"ks\", \"timeoutSeconds\": 0}",
                "'timeoutSeconds' must be a whole number of at least 1");
        refused.put(start + "\"keyspace\": \"ks\", \"tables\": [\"\"]}", "tables holds '', which is not a name");
        refused.put(start + "\"keyspace\": \"ks\", \"hosts\": [\"127.0.0.1\"]}", "unknown field 'hosts'");
        refused.forEach((body, error) -> {
            try {
                Reply reply = send("POST", path, body);
                assertThat(reply.status()).as(body).isEqualTo(400);
                assertThat(reply.error()).as(body).startsWith(error);
            } catch (Exception e) {
                throw new AssertionError(body, e);
            }
        });

        Reply wellFormed = send(
                "POST",
                path,
                start + "\"keyspace\": \"ks\", \"tables\": [\"kv\"], \"ranges\": [{\"start\": \"-9223372036854775808\","
                        + " \"end\": \"0\"}], \"datacenters\": [\"dc1\"], \"parallelism\": \"SEQUENTIAL\","
                        + " \"incremental\": true, \"timeoutSeconds\": 600}");
        assertThat(wellFormed.status())
                .as("a well-formed repair gets as far as the node, which is not running")
                .isEqualTo(409);
        assertThat(wellFormed.error()).isEqualTo("cannot repair: Cassandra is not running (state NOT_STARTED)");
        assertThat(get("/api/v1/jobs").body().path("jobs")).isEmpty();
    }

    @Test
    void maintenanceRequestsAreCheckedBeforeTheNodeIsAsked() throws Exception {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (String operation : List.of("compact", "upgradesstables", "scrub", "garbagecollect")) {
            String path = "/api/v1/operations/" + operation;
            refused.put(
                    path + " {\"tables\": [\"orders\"]}",
                    "tables need a keyspace: name the keyspace [orders] belong to, or leave tables out for every"
                            + " table of every non-system keyspace");
            refused.put(
                    path + " {\"keyspace\": \"shop\", \"tables\": [\"\"]}",
                    "tables holds '', which is not a table name");
            refused.put(
                    path + " {\"keyspace\": \"shop\", \"tables\": [\"shop.orders\"]}",
                    "tables holds 'shop.orders', which is not a table name");
            refused.put(path + " {\"keyspace\": \"\"}", "keyspace '' is not a name");
            refused.put(
                    path + " {\"keyspace\": \"shop\", \"tables\": \"orders\"}", "'tables' must be a list of strings");
            refused.put(path + " {\"keyspaces\": [\"shop\"]}", "unknown field 'keyspaces'");
            refused.put(path + " {\"tag\": \"t\"}", "unknown field 'tag'");
        }
        refused.put("/api/v1/operations/compact {\"all\": true}", "unknown field 'all'");
        refused.put("/api/v1/operations/upgradesstables {\"all\": \"yes\"}", "'all' must be true or false");
        refused.put("/api/v1/operations/scrub {\"all\": true}", "unknown field 'all'");
        refused.put("/api/v1/operations/scrub {\"skipCorrupted\": 1}", "'skipCorrupted' must be true or false");
        refused.put("/api/v1/operations/scrub {\"checkData\": \"no\"}", "'checkData' must be true or false");
        refused.put(
                "/api/v1/operations/garbagecollect {\"tombstoneOption\": \"CELL\"}", "unknown field 'tombstoneOption'");
        refused.put("/api/v1/operations/clearsnapshot {\"tag\": \" \"}", "tag ' ' is not a snapshot name");
        refused.put(
                "/api/v1/operations/clearsnapshot {\"keyspaces\": [\"\"]}",
                "keyspaces holds '', which is not a keyspace name");
        refused.put("/api/v1/operations/clearsnapshot {\"keyspace\": \"shop\"}", "unknown field 'keyspace'");
        refused.put("/api/v1/operations/clearsnapshot {\"tag\": 7}", "'tag' must be a string");
        refused.forEach((request, error) -> {
            int space = request.indexOf(' ');
            try {
                Reply reply = send("POST", request.substring(0, space), request.substring(space + 1));
                assertThat(reply.status()).as(request).isEqualTo(400);
                assertThat(reply.error()).as(request).startsWith(error);
            } catch (Exception e) {
                throw new AssertionError(request, e);
            }
        });
        assertThat(get("/api/v1/jobs").body().path("jobs")).isEmpty();
    }

    @Test
    void wellFormedMaintenanceRequestsGetAsFarAsTheNodeWhichIsNotRunning() throws Exception {
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put("compact", "{\"keyspace\": \"shop\", \"tables\": [\"orders\", \"carts\"]}");
        requests.put("upgradesstables", "{\"keyspace\": \"shop\", \"tables\": [\"orders\"], \"all\": false}");
        requests.put(
                "scrub",
                "{\"keyspace\": \"shop\", \"disableSnapshot\": true, \"skipCorrupted\": true,"
                        + " \"checkData\": false, \"reinsertOverflowedTTL\": true}");
        requests.put("garbagecollect", "");
        requests.put("clearsnapshot", "{\"tag\": \"pre-upgrade\", \"keyspaces\": [\"shop\"]}");
        for (var request : requests.entrySet()) {
            Reply reply = send("POST", "/api/v1/operations/" + request.getKey(), request.getValue());
            assertThat(reply.status()).as(request.getKey()).isEqualTo(409);
            assertThat(reply.error())
                    .as(request.getKey())
                    .isEqualTo("cannot " + request.getKey() + ": Cassandra is not running (state NOT_STARTED)");
        }
        assertThat(get("/api/v1/jobs").body().path("jobs")).isEmpty();
    }

    @Test
    void rebuildAndRemovenodeSayWhichFieldIsRequired() throws Exception {
        Reply rebuild = send("POST", "/api/v1/operations/rebuild", "{}");
        assertThat(rebuild.status()).isEqualTo(400);
        assertThat(rebuild.error()).startsWith("sourceDatacenter is required");

        Reply removenode = send("POST", "/api/v1/operations/removenode", "{}");
        assertThat(removenode.status()).isEqualTo(400);
        assertThat(removenode.error()).startsWith("hostId is required");
    }

    @Test
    void restartOfANeverStartedNodeIsRefused() throws Exception {
        Reply reply = send("POST", "/api/v1/lifecycle/restart", "{}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error()).contains("never started");
    }

    @Test
    void stopOfANeverStartedNodeIsANoOp() throws Exception {
        Reply reply = send("POST", "/api/v1/lifecycle/stop", "{\"drain\": false, \"timeoutSeconds\": 5}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("state").asText()).isEqualTo("NOT_STARTED");
    }

    // ---- request validation ----

    @Test
    void bodyThatIsNotJsonIsABadRequest() throws Exception {
        Reply reply = send("POST", "/api/v1/lifecycle/start", "{\"autoBootstrap\": ");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).startsWith("request body is not valid JSON");
        assertThat(get("/api/v1/node").body().path("state").asText()).isEqualTo("NOT_STARTED");
    }

    @Test
    void unknownFieldIsABadRequestNamingIt() throws Exception {
        Reply reply = send("POST", "/api/v1/lifecycle/start", "{\"replace_address\": \"127.0.0.9\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).startsWith("unknown field 'replace_address'").contains("replaceAddress");
    }

    @Test
    void startWithAnInvalidReplaceAddressIsABadRequest() throws Exception {
        Reply reply = send("POST", "/api/v1/lifecycle/start", "{\"replaceAddress\": \"old-node\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("'old-node' is not an IPv4 address");
    }

    @Test
    void startWithDuplicateInitialTokensIsABadRequest() throws Exception {
        Reply reply = send("POST", "/api/v1/lifecycle/start", "{\"initialTokens\": [\"1\", 1]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).contains("lists a token twice");
    }

    @Test
    void startWithInitialTokensThatDisagreeWithNumTokensIsRefused() throws Exception {
        Reply reply = send("POST", "/api/v1/lifecycle/start", "{\"initialTokens\": [\"-100\", \"100\"]}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.error()).startsWith("initialTokens lists 2 tokens but this node has CASSINI_NUM_TOKENS=16");
        assertThat(get("/api/v1/node").body().path("state").asText()).isEqualTo("NOT_STARTED");
    }

    @Test
    void stopWithAnOutOfRangeTimeoutIsABadRequest() throws Exception {
        Reply reply = send("POST", "/api/v1/lifecycle/stop", "{\"timeoutSeconds\": 0}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("'timeoutSeconds' must be a whole number from 1 to 3600");
    }

    // ---- seeds ----

    @Test
    void seedsDefaultToTheNodeItself() throws Exception {
        Reply reply = get("/api/v1/seeds");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("seeds"))
                .containsExactly(JSON.getNodeFactory().textNode(address));
    }

    @Test
    void seedThatIsNotAnIpIsABadRequestAndNothingIsSaved() throws Exception {
        Reply reply = send("PUT", "/api/v1/seeds", "{\"seeds\": [\"127.0.0.12\", \"seed-1.cassandra\"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("seed 'seed-1.cassandra' is not an IPv4 address");
        assertThat(tmp.resolve("node/cassini/seeds.json")).doesNotExist();
    }

    @Test
    void emptySeedListIsABadRequest() throws Exception {
        Reply reply = send("PUT", "/api/v1/seeds", "{\"seeds\": []}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).startsWith("seeds must list at least one address");
    }

    @Test
    void putSeedsPersistsThemWithoutDuplicates() throws Exception {
        Reply put = send("PUT", "/api/v1/seeds", "{\"seeds\": [\"127.0.0.12\", \"127.0.0.13\", \"127.0.0.12\"]}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().path("seeds").toString()).isEqualTo("[\"127.0.0.12\",\"127.0.0.13\"]");
        assertThat(get("/api/v1/seeds").body().path("seeds").toString()).isEqualTo("[\"127.0.0.12\",\"127.0.0.13\"]");
        assertThat(tmp.resolve("node/cassini/seeds.json")).isRegularFile();
    }

    // ---- jobs and logs ----

    @Test
    void unknownJobIsNotFoundWithAHint() throws Exception {
        Reply reply = get("/api/v1/jobs/nope");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("no job nope; GET /api/v1/jobs lists the known jobs");
    }

    @Test
    void aJobAskedForWithWaitSecondsIsAnsweredWhenItEndsAndABadWaitIsRefused() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var job = agent.jobs().submit("test-work", Map.of(), false, j -> {
            release.await();
            return "released";
        });
        Reply running = get("/api/v1/jobs/" + job.id() + "?waitSeconds=0");
        assertThat(running.body().path("state").asText()).isEqualTo("RUNNING");

        new Thread(() -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    release.countDown();
                })
                .start();
        Reply ended = get("/api/v1/jobs/" + job.id() + "?waitSeconds=30");
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.body().path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(ended.body().path("result").asText()).isEqualTo("released");

        Reply bad = get("/api/v1/jobs/" + job.id() + "?waitSeconds=31");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).startsWith("waitSeconds is '31'; give whole seconds from 0 to 30");
    }

    @Test
    void jobListIsEmptyAtFirst() throws Exception {
        Reply reply = get("/api/v1/jobs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("jobs").isArray()).isTrue();
        assertThat(reply.body().path("jobs")).isEmpty();
    }

    @Test
    void logsOfANeverStartedNodeAreEmpty() throws Exception {
        Reply reply = get("/api/v1/logs?log=output&lines=10");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("log").asText()).isEqualTo("output");
        assertThat(reply.body().path("lines")).isEmpty();
    }

    @Test
    void logsRefuseUnknownLogsAndBadLineCounts() throws Exception {
        Reply unknownLog = get("/api/v1/logs?log=debug");
        assertThat(unknownLog.status()).isEqualTo(400);
        assertThat(unknownLog.error()).isEqualTo("log 'debug' is unknown; use system or output");

        Reply notANumber = get("/api/v1/logs?lines=many");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.error()).contains("lines must be a whole number");

        Reply tooMany = get("/api/v1/logs?lines=10001");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error()).isEqualTo("lines must be from 1 to 10000");
    }

    // ---- unknown endpoints and methods ----

    @Test
    void unknownPathIsNotFoundAsJson() throws Exception {
        Reply reply = get("/api/v1/nodes");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("no such endpoint: GET /api/v1/nodes; see /openapi.json");
    }

    @Test
    void wrongMethodIsNotAllowedAsJson() throws Exception {
        Reply reply = send("DELETE", "/api/v1/seeds", null);

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.error()).isEqualTo("DELETE is not allowed on /api/v1/seeds; see /openapi.json");
    }

    // ---- the OpenAPI document ----

    @Test
    void openApiDocumentDescribesEveryServedRouteAndNothingElse() throws Exception {
        Reply reply = get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode paths = reply.body().path("paths");
        assertThat(reply.body().path("openapi").asText()).startsWith("3.");

        List<String> served = new ArrayList<>();
        for (AgentApi.Route route : api.routes()) {
            served.add(route.method().name().toLowerCase(Locale.ROOT) + " " + route.path());
        }
        List<String> documented = new ArrayList<>();
        paths.fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (List.of("get", "put", "post", "delete", "patch", "head", "options")
                            .contains(method)) {
                        documented.add(method + " " + path.getKey());
                    }
                }));

        assertThat(served).doesNotHaveDuplicates();
        assertThat(documented).as("documented operations").containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void everyDocumentedRouteIsServed() throws Exception {
        // The cross-check above compares lists; this one asks the server: no documented route is a 404.
        JsonNode paths = get("/openapi.json").body().path("paths");
        List<String> missing = new ArrayList<>();
        var it = paths.fieldNames();
        while (it.hasNext()) {
            String path = it.next().replace("{id}", "some-id");
            if (paths.path(path).has("get") || path.contains("some-id")) {
                Reply reply = get(path);
                if (reply.status() == 404 && reply.error().startsWith("no such endpoint")) {
                    missing.add(path);
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
