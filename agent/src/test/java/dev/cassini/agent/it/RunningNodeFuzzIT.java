package dev.cassini.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.cassini.agent.api.ApiFuzz;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's API fuzzed from its OpenAPI document as {@code AgentApiFuzzIT} does, against an
 * agent whose Cassandra runs and serves: requests then reach JMX, the helper and the node's
 * tables, and valid ones start real jobs (repairs, compactions, scrubs, cleanups, flushes) while
 * the fuzzing goes on. Left out are the four operations that end the node's service (stop,
 * restart, drain, decommission): after one of them every later request would meet a stopped node,
 * which {@code AgentApiFuzzIT} covers. Afterwards the same Cassandra process still serves its rows.
 */
class RunningNodeFuzzIT {
    private static final String ADDRESS = "127.0.4.11";
    static final List<String> ENDING_THE_NODE = List.of(
            "/api/v1/lifecycle/stop",
            "/api/v1/lifecycle/restart",
            "/api/v1/operations/drain",
            "/api/v1/operations/decommission");

    @Test
    void noInputMakesTheAgentOfARunningNodeFailOrTheNodeStopServing(@TempDir Path tmp) throws Exception {
        Map<String, String> settings =
                AgentProcess.nodeSettings("fuzz-it", "r1", ADDRESS, tmp.resolve("node"), List.of(ADDRESS));
        settings.put("CASSINI_START", "true");
        try (AgentProcess agent = AgentProcess.launch("fuzzed-node", settings)) {
            agent.client().awaitReady(Duration.ofMinutes(2));
            try (CqlSession session = Cql.connect(List.of(ADDRESS))) {
                session.execute(
                        "CREATE KEYSPACE fuzz WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 1}");
                session.execute("CREATE TABLE fuzz.kv (k int PRIMARY KEY, v text)");
                for (int k = 0; k < 100; k++) {
                    session.execute("INSERT INTO fuzz.kv (k, v) VALUES (" + k + ", 'v" + k + "')");
                }
            }
            long pid = agent.client().node().path("pid").asLong();
            assertThat(pid).as("Cassandra's PID").isPositive();

            Path work = java.nio.file.Files.createDirectories(tmp.resolve("fuzz"));
            ApiFuzz.Summary summary = ApiFuzz.run(work, "http://" + ADDRESS + ":8080", ENDING_THE_NODE);
            System.out.println(summary.line("Cassandra running; not " + String.join(", ", ENDING_THE_NODE)));
            summary.assertEveryAnswerIsDeclaredAndExplained();

            assertThat(agent.process().isAlive())
                    .as("the agent runs:\n" + agent.logTail(30))
                    .isTrue();
            agent.client().awaitReady(Duration.ofMinutes(1));
            assertThat(agent.client().node().path("pid").asLong())
                    .as("the same Cassandra process")
                    .isEqualTo(pid);
            try (CqlSession session = Cql.connect(List.of(ADDRESS))) {
                assertThat(session.execute("SELECT count(*) FROM fuzz.kv").one().getLong(0))
                        .as("rows written before the fuzzing")
                        .isEqualTo(100L);
                assertThat(session.execute("SELECT release_version FROM system.local")
                                .one()
                                .getString(0))
                        .startsWith("5.0");
            }
        }
    }
}
