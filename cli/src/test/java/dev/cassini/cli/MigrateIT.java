package dev.cassini.cli;

import static dev.cassini.cli.CassiniRun.cassini;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.operator.ExternalNode;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code cassini migrate plan} and {@code verify} against a real ring outside Kubernetes, as
 * {@code cassini node} runs it: datacenter legacy (one node) and datacenter k8s (one node), auth
 * on, a keyspace on SimpleStrategy, one of rows in legacy only, and an application connected.
 * Also the commands that need a real ring but no operator ({@code cql}, its shell, {@code
 * status}), which share this ring rather than start one of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateIT {
    // Clear of devkube's pods (127.64 and up) and of the operator's e2e ring (127.31).
    private static final String LEGACY = "127.32.0.1";
    private static final String K8S = "127.32.0.2";
    private static final int ROWS = 100;
    private final List<ExternalNode> nodes = new ArrayList<>();
    private CqlSession application;
    private Path joining;
    private Path joined;
    private ApiServerFixture api;

    @BeforeAll
    void startTheRing() throws Exception {
        List<List<Long>> tokens = dev.cassini.model.TokenAllocator.allocate(2, 16);
        nodes.add(ExternalNode.startNewRingMember("legacy", "legacy", "r1", LEGACY, List.of(LEGACY), tokens.get(0), 2));
        nodes.add(ExternalNode.startNewRingMember("legacy", "k8s", "r1", K8S, List.of(LEGACY), tokens.get(1), 2));
        for (ExternalNode node : nodes) {
            node.awaitReady(Duration.ofMinutes(4));
        }
        application = session("checkout");
        // As a ring gets ready for a migration (the README's walkthrough): the system keyspaces per datacenter.
        for (String keyspace : List.of("system_auth", "system_distributed", "system_traces")) {
            application.execute("ALTER KEYSPACE " + keyspace
                    + " WITH replication = {'class': 'NetworkTopologyStrategy', 'legacy': 1, 'k8s': 1}");
        }
        application.execute(
                "CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'legacy': 1}");
        application.execute("CREATE TABLE shop.orders (id int PRIMARY KEY, item text)");
        application.execute(
                "CREATE KEYSPACE scratch WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        for (int i = 0; i < ROWS; i++) {
            application.execute(SimpleStatement.newInstance("INSERT INTO shop.orders (id, item) VALUES (?, 'tea')", i)
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
        }
        joining = Files.createTempFile("moved", ".yaml");
        Files.writeString(joining, cluster("k8s2"));
        joined = Files.createTempFile("joined", ".yaml");
        Files.writeString(joined, cluster("k8s"));
        api = ApiServerFixture.start("migrate");
    }

    /** The resource that joins the ring as {@code datacenter}: 3 nodes, 3 replicas of every keyspace. */
    private static String cluster(String datacenter) {
        return """
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata: {name: moved}
                spec:
                  clusterName: legacy
                  cassandraVersion: "5.0.6"
                  datacenters:
                    - name: %s
                      size: 3
                      storage: {size: 10Gi}
                      join:
                        rebuildFrom: legacy
                        replication: {default: 3}
                  externalDatacenters: [{name: legacy}]
                  additionalSeeds: [%s]
                  auth: {superuserSecretRef: legacy-admin}
                """.formatted(datacenter, LEGACY);
    }

    /** A session as the default role in legacy, announcing {@code application}, retried until the role exists. */
    private static CqlSession session(String application) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return CqlSession.builder()
                        .addContactPoint(new InetSocketAddress(LEGACY, 9042))
                        .withLocalDatacenter("legacy")
                        .withAuthCredentials("cassandra", "cassandra")
                        .withApplicationName(application)
                        .build();
            } catch (com.datastax.oss.driver.api.core.AllNodesFailedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(2000); // Cassandra creates its default role about 10 s after it serves
            }
        }
    }

    @AfterAll
    void stopTheRing() throws Exception {
        if (api != null) {
            api.close();
        }
        if (application != null) {
            application.close();
        }
        for (ExternalNode node : nodes) {
            node.close();
        }
        for (Path file : new Path[] {joining, joined}) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static CassiniRun migrate(String command, Path file, String password) {
        return cassini("migrate", command, "-f", file.toString(), "-u", "cassandra", "-p", password);
    }

    @Test
    @Order(1)
    void planNamesASimpleStrategyKeyspaceWithTheAlterToRunThenIsClear() {
        CassiniRun blocked = migrate("plan", joining, "cassandra");

        System.out.println(blocked.out() + blocked.err());
        assertThat(blocked.exitCode()).as(blocked.err()).isEqualTo(1);
        assertThat(blocked.out())
                .contains("Ring 'legacy' as ")
                .contains("datacenter k8s: 1 node, 1 up; racks r1; Cassandra 5.0.")
                .contains("datacenter legacy: 1 node, 1 up; racks r1; Cassandra 5.0.")
                .contains("; 16 tokens per node")
                .contains("Datacenter k8s2 joins with 3 nodes, rebuilt from legacy:")
                .containsPattern("(?m)^  shop +\\{legacy: 1\\} +\\S+ \\S+ +3 +\\S+")
                .containsPattern("(?m)^  system_auth +\\{k8s: 1, legacy: 1\\} +\\S+ \\S+ +3 ")
                .contains("(its volume: 10.0 GiB)")
                .contains("at the source nodes' stream_throughput_outbound")
                .contains("application connection")
                .contains("as cassandra (checkout)")
                .doesNotContain("cassini-cli")
                .contains("Blocked (1); change these, then plan again:")
                .contains("keyspace scratch uses SimpleStrategy")
                .contains("ALTER KEYSPACE scratch WITH replication = {'class': 'NetworkTopologyStrategy', 'k8s': 1,"
                        + " 'legacy': 1}");

        application.execute("DROP KEYSPACE scratch");
        CassiniRun clear = migrate("plan", joining, "cassandra");

        assertThat(clear.exitCode()).as(clear.out() + clear.err()).isZero();
        assertThat(clear.out()).contains("Nothing stands in the way.\nApply it: ./cassini migrate apply -f " + joining);
    }

    /** Refused while the Secret is missing (nothing written), then written once it exists; again is harmless. */
    @Test
    @Order(2)
    void applyWritesTheResourceOnlyOnceNothingStandsInTheWay() {
        String namespace = api.namespaceWithCluster("apply");
        String[] apply = api.withServer(
                namespace, "migrate", "apply", "-f", joining.toString(), "-u", "cassandra", "-p", "cassandra");

        CassiniRun refused = cassini(apply);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("not applied: Secret legacy-admin (auth.superuserSecretRef) does not exist in namespace "
                        + namespace);
        assertThat(api.client()
                        .resources(dev.cassini.api.v1alpha1.CassandraCluster.class)
                        .inNamespace(namespace)
                        .withName("moved")
                        .get())
                .isNull();

        api.client()
                .resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                        .withNewMetadata()
                        .withName("legacy-admin")
                        .withNamespace(namespace)
                        .endMetadata()
                        .addToStringData("username", "cassandra")
                        .addToStringData("password", "cassandra")
                        .build())
                .create();
        for (int attempt = 0; attempt < 2; attempt++) {
            CassiniRun applied = cassini(apply);
            assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
            assertThat(applied.out())
                    .contains("Nothing stands in the way.")
                    .contains("Applied CassandraCluster moved in namespace " + namespace);
        }
        var written = api.client()
                .resources(dev.cassini.api.v1alpha1.CassandraCluster.class)
                .inNamespace(namespace)
                .withName("moved")
                .get();
        assertThat(written.getSpec().getDatacenters().get(0).getName()).isEqualTo("k8s2");
        assertThat(written.getSpec().getAdditionalSeeds()).containsExactly(LEGACY);
    }

    @Test
    @Order(3)
    void planRefusesAnotherClusterNameADatacenterNameTakenAndAMissingSource() throws Exception {
        Path wrong = Files.createTempFile("wrong", ".yaml");
        try {
            Files.writeString(
                    wrong,
                    cluster("k8s")
                            .replace("clusterName: legacy", "clusterName: other")
                            .replace("rebuildFrom: legacy", "rebuildFrom: old")
                            .replace("externalDatacenters: [{name: legacy}]", "externalDatacenters: [{name: old}]"));
            CassiniRun run = migrate("plan", wrong, "cassandra");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.out())
                    .contains("set spec.clusterName to 'legacy'")
                    .contains("the ring already has a datacenter named k8s")
                    .contains("the ring has no datacenter old to rebuild from");
        } finally {
            Files.deleteIfExists(wrong);
        }
    }

    /**
     * A datacenter given replicas but never rebuilt holds none of the rows: verify names the
     * table and its ranges; once k8s's node has rebuilt from legacy, every count matches.
     */
    @Test
    @Order(4)
    void verifyFindsTheRowsADatacenterLacksUntilItIsRebuilt() throws Exception {
        application.execute(
                "ALTER KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'legacy': 1, 'k8s': 1}");

        CassiniRun lacking = migrate("verify", joined, "cassandra");

        System.out.println(lacking.out() + lacking.err());
        assertThat(lacking.exitCode()).as(lacking.err()).isEqualTo(1);
        assertThat(lacking.out())
                .contains("Rows of every table replicated to both legacy and k8s, counted at LOCAL_QUORUM in each,"
                        + " in 16 token ranges:")
                .containsPattern("(?m)^  shop\\.orders +" + ROWS + " +0 +\\d+$")
                .contains("1 table differs")
                .contains("rebuild the nodes of k8s from legacy");

        rebuild(K8S, "legacy");
        CassiniRun matching = migrate("verify", joined, "cassandra");

        System.out.println(matching.out() + matching.err());
        assertThat(matching.exitCode()).as(matching.out() + matching.err()).isZero();
        assertThat(matching.out())
                .containsPattern("(?m)^  shop\\.orders +" + ROWS + " +" + ROWS + " +0$")
                .contains("Every table holds as many rows in k8s as in legacy, range by range.");
    }

    @Test
    @Order(5)
    void aWrongPasswordSaysNoSeedAnswersAndExits3() {
        CassiniRun plan = migrate("plan", joining, "wrong");
        assertThat(plan.exitCode()).isEqualTo(3);
        assertThat(plan.err()).startsWith("cassini migrate plan: no seed answers CQL at [" + LEGACY + "]");

        CassiniRun verify = migrate("verify", joined, "wrong");
        assertThat(verify.exitCode()).isEqualTo(3);
        assertThat(verify.err()).startsWith("cassini migrate verify: no node of legacy answers CQL");
    }

    @Test
    @Order(6)
    void aFileThatIsNotAClusterIsAUsageError() throws Exception {
        Path bad = Files.createTempFile("bad", ".yaml");
        try {
            Files.writeString(bad, "kind: ConfigMap\n");
            CassiniRun run = cassini("migrate", "plan", "-f", bad.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("is not a CassandraCluster with spec.datacenters");
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    /**
     * {@code cassini cql -f} on the same ring (it needs one, and this one is already up): a table
     * created and written in one script, the server's warning on stderr, and a failing statement
     * named by its place in a script read from stdin.
     */
    @Test
    @Order(7)
    void cqlRunsAScriptWaitingForTheSchemaAndNamesTheStatementThatFails() throws Exception {
        Path script = Files.createTempFile("schema", ".cql");
        try {
            Files.writeString(script, """
                    -- a table on both datacenters, used by the very next statements
                    CREATE TABLE shop.notes (id int PRIMARY KEY, body text);
                    INSERT INTO shop.notes (id, body) VALUES (1, 'a;b');
                    INSERT INTO shop.notes (id, body) VALUES (2, 'it''s');
                    SELECT count(*) FROM shop.notes;
                    """);
            CassiniRun run =
                    cassini("cql", "--address", LEGACY, "-u", "cassandra", "-p", "cassandra", "-f", script.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("OK\nOK\nOK\n").contains(" count").contains(" 2 ");
            assertThat(run.out()).doesNotContain("Aggregation");
            assertThat(run.err()).contains("warning: Aggregation query used without partition key");
        } finally {
            Files.deleteIfExists(script);
        }
        // the script returned once every node had the table: the other datacenter's node has it too
        CassiniRun there = cassini(
                "cql",
                "--address",
                K8S,
                "--dc",
                "k8s",
                "-u",
                "cassandra",
                "-p",
                "cassandra",
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'shop' AND table_name = 'notes'");
        assertThat(there.out()).contains("(1 rows)");

        var stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(
                    "INSERT INTO shop.notes (id, body) VALUES (3, 'c');\nSELECT * FROM shop.nowhere;\nINSERT INTO shop.notes (id, body) VALUES (4, 'd');\n"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            CassiniRun failing = cassini("cql", "--address", LEGACY, "-u", "cassandra", "-p", "cassandra", "-f", "-");
            assertThat(failing.exitCode()).isEqualTo(1);
            assertThat(failing.err().strip())
                    .isEqualTo("cassini cql: statement 2 (line 2): table nowhere does not exist")
                    .doesNotContain("Exception");
        } finally {
            System.setIn(stdin);
        }
        // what ran before the failing statement stays, nothing after it ran
        CassiniRun ids =
                cassini("cql", "--address", LEGACY, "-u", "cassandra", "-p", "cassandra", "SELECT id FROM shop.notes");
        assertThat(ids.out()).contains("(3 rows)");
    }

    /**
     * The shell {@code cassini cql} opens with nothing to run: the real cqlsh from PyPI, logging in
     * with the credentials file it is given (a wrong password is refused, so the file is what
     * logged it in).
     */
    @Test
    @Order(8)
    void cqlshLogsInWithTheCredentialsFileAndAnswers() throws Exception {
        Path cqlsh = CqlShell.installed(new java.io.PrintWriter(System.err, true));
        Path dir = Files.createTempDirectory("cqlsh");
        Path wrongDir = Files.createTempDirectory("cqlsh-wrong");
        try {
            String answer = cqlsh(CqlShell.command(cqlsh, LEGACY, CqlShell.credentials(dir, "cassandra", "cassandra")));
            assertThat(answer).contains("(3 rows)").contains("it's");

            String refused =
                    cqlsh(CqlShell.command(cqlsh, LEGACY, CqlShell.credentials(wrongDir, "cassandra", "nope")));
            assertThat(refused).contains("AuthenticationFailed").doesNotContain("rows)");
        } finally {
            Files.deleteIfExists(dir.resolve("credentials"));
            Files.deleteIfExists(dir);
            Files.deleteIfExists(wrongDir.resolve("credentials"));
            Files.deleteIfExists(wrongDir);
        }
    }

    /**
     * {@code cassini status} on a resource whose status names this ring's two nodes and one that
     * does not answer: each node's row, its load read from the node's own metrics endpoint.
     */
    @Test
    @Order(9)
    void statusShowsEachNodeWithTheLoadItsMetricsEndpointServes() throws Exception {
        String namespace = "status";
        api.createNamespaces(namespace);
        CassandraCluster cluster = dev.cassini.api.v1alpha1.Clusters.minimal("ring");
        cluster.getMetadata().setNamespace(namespace);
        api.create(cluster, c -> {
            CassandraClusterStatus status = new CassandraClusterStatus();
            status.setPhase("Ready");
            status.setReady("2/3");
            status.setStep("waiting for ring-k8s-r1-1 to answer");
            status.setConditions(List.of(new ConditionBuilder()
                    .withType("Ready")
                    .withStatus("False")
                    .withReason("NodesDown")
                    .withMessage("2 of 3 nodes up and normal")
                    .withLastTransitionTime(
                            java.time.Instant.now().minusSeconds(90).toString())
                    .build()));
            status.setNodes(List.of(
                    NodeStatuses.node("ring-legacy-r1-0", "legacy", LEGACY, "UN"),
                    NodeStatuses.node("ring-k8s-r1-0", "k8s", K8S, "UN"),
                    NodeStatuses.node("ring-k8s-r1-1", "k8s", "127.32.0.9", "DN")));
            c.setStatus(status);
        });

        CassiniRun run = api.cassini(namespace, "status");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Cluster:         ring (namespace status)")
                .contains("Ready nodes:     2/3")
                .contains("Operator:        waiting for ring-k8s-r1-1 to answer")
                .containsPattern("Ready +False +1m 3\\ds +NodesDown +2 of 3 nodes up and normal");
        long legacyLoad = NodeLoads.load(metrics(LEGACY)).orElseThrow();
        assertThat(legacyLoad).isPositive();
        assertThat(run.out())
                .containsPattern("legacy +r1 +ring-legacy-r1-0 +UN +" + LEGACY.replace(".", "\\.") + " +\\d[\\d.]* KiB")
                .containsPattern("k8s +r1 +ring-k8s-r1-0 +UN +" + K8S.replace(".", "\\.") + " +\\d[\\d.]* KiB")
                .containsPattern("ring-k8s-r1-1 +DN +127\\.32\\.0\\.9 +- ");

        CassiniRun missing = api.cassini(namespace, "status", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no CassandraCluster nope in namespace status");
    }

    private static String metrics(String address) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://" + address + ":" + dev.cassini.contract.Ports.METRICS + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Runs cqlsh with a statement on stdin, as a pipe (not a terminal); everything it printed. */
    private static String cqlsh(List<String> command) throws Exception {
        Process shell = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            try (var in = shell.getOutputStream()) {
                in.write("SELECT id, body FROM shop.notes;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String printed = new String(shell.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(shell.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            return printed;
        } finally {
            shell.destroyForcibly();
        }
    }

    /** Rebuilds the node at {@code address} from {@code source} through its agent, as the operator does. */
    private static void rebuild(String address, String source) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://" + address + ":8080";
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(base + AgentRoutes.operation(AgentRoutes.REBUILD)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sourceDatacenter\":\"" + source + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isBetween(200, 299);
        String id = started.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String job = "";
        while (System.nanoTime() < deadline) {
            job = http.send(
                            HttpRequest.newBuilder(URI.create(base + AgentRoutes.job(id)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (job.contains("\"SUCCEEDED\"")) {
                return;
            }
            assertThat(job).as("rebuild job").doesNotContain("\"FAILED\"");
            Thread.sleep(500);
        }
        throw new AssertionError("rebuild of " + address + " did not finish: " + job);
    }
}
