package dev.cassini.agent.api;

import dev.cassini.agent.NodeAgent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's API fuzzed from its own OpenAPI document by schemathesis (from PyPI, in a venv under
 * the Cassini cache): every operation with valid and invalid input, against a real agent whose
 * Cassandra cannot start. Every request must be answered, none with a 500 or a 5xx the document
 * does not declare, and every 4xx must say what was wrong in its {@code error}. A 503 where the
 * document declares it is the agent's designed answer while Cassandra is not reachable (and the
 * readiness probe's "not ready"); it must carry the reason too. The run's summary is printed for
 * the record. {@code it.RunningNodeFuzzIT} fuzzes an agent whose Cassandra runs.
 */
class AgentApiFuzzIT {
    private static final String ADDRESS = "127.0.0.1";

    @TempDir
    java.nio.file.Path tmp;

    private NodeAgent agent;
    private AgentApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void noInputMakesTheAgentFailAndEveryRefusalSaysWhy() throws Exception {
        int port = AgentApiTest.freePort(ADDRESS);
        agent = AgentApiTest.agentWithoutCassandra(tmp, ADDRESS, port);
        api = new AgentApi(agent).start(ADDRESS, port);

        ApiFuzz.Summary summary = ApiFuzz.run(tmp, "http://" + ADDRESS + ":" + port, List.of());
        System.out.println(summary.line("no Cassandra"));
        summary.assertEveryAnswerIsDeclaredAndExplained();
    }
}
