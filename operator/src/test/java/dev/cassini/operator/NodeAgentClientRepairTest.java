package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cassini.contract.RepairParallelism;
import dev.cassini.contract.RepairRequest;
import dev.cassini.contract.TokenRange;
import dev.cassini.model.DesiredResources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Starting a repair session on an agent (a recording HTTP endpoint on loopback): the session an
 * agent already runs for the same repair and segment is adopted, anything else is started.
 */
class NodeAgentClientRepairTest {
    private static final String ADDRESS = "127.77.0.2";
    private static final RepairRequest REQUEST = new RepairRequest(
            "nightly",
            "s3",
            "shop",
            List.of("orders"),
            List.of(new TokenRange("-9223372036854775808", "-42")),
            null,
            RepairParallelism.SEQUENTIAL,
            false,
            900L);

    private final BlockingQueue<String> posted = new ArrayBlockingQueue<>(4);
    private volatile String jobs = "{\"jobs\": []}";
    private HttpServer recordingAgent;

    @BeforeEach
    void listen() throws IOException {
        recordingAgent = HttpServer.create(new InetSocketAddress(ADDRESS, DesiredResources.AGENT_PORT), 0);
        recordingAgent.createContext("/api/v1/jobs", exchange -> reply(exchange, 200, jobs));
        recordingAgent.createContext("/api/v1/operations/repair", exchange -> {
            posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(exchange, 202, job("started", "RUNNING", "nightly", "s3"));
        });
        recordingAgent.start();
    }

    @AfterEach
    void stop() {
        recordingAgent.stop(0);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String job(String id, String state, String repairId, String segment) {
        return "{\"id\": \"" + id + "\", \"operation\": \"repair\", \"state\": \"" + state + "\", \"parameters\":"
                + " {\"repairId\": \"" + repairId + "\", \"segment\": \"" + segment + "\", \"keyspace\": \"shop\"}}";
    }

    @Test
    void aSessionTheAgentRunsForTheSameSegmentIsAdoptedAndNothingIsPosted() throws Exception {
        jobs = "{\"jobs\": [" + job("other", "RUNNING", "nightly", "s2") + ", "
                + job("same", "RUNNING", "nightly", "s3") + "]}";

        assertThat(new NodeAgentClient(AgentEndpoints.plainHttp()).repair(ADDRESS, REQUEST))
                .isEqualTo("same");
        assertThat(posted).isEmpty();
    }

    @Test
    void anotherSegmentsOrAFinishedSessionIsNotAdoptedAndTheRequestIsSentWithTokensAsStrings() throws Exception {
        jobs = "{\"jobs\": [" + job("other", "RUNNING", "nightly", "s2") + ", " + job("done", "FAILED", "nightly", "s3")
                + ", " + job("older", "RUNNING", "weekly", "s3") + "]}";

        assertThat(new NodeAgentClient(AgentEndpoints.plainHttp()).repair(ADDRESS, REQUEST))
                .isEqualTo("started");

        JsonNode body = new ObjectMapper().readTree(posted.poll());
        assertThat(body.path("repairId").asText()).isEqualTo("nightly");
        assertThat(body.path("segment").asText()).isEqualTo("s3");
        assertThat(body.path("ranges").get(0).path("start").isTextual()).isTrue();
        assertThat(body.path("ranges").get(0).path("start").asText()).isEqualTo("-9223372036854775808");
        assertThat(body.path("parallelism").asText()).isEqualTo("SEQUENTIAL");
        assertThat(body.path("timeoutSeconds").asLong()).isEqualTo(900);
        assertThat(body.has("datacenters")).as("unset fields are left out").isFalse();
    }
}
