package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.cassini.model.DesiredResources;
import dev.cassini.model.plan.StartNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The start request the operator sends, as an agent receives it (a recording HTTP endpoint on loopback). */
class NodeAgentClientStartTest {
    private static final String ADDRESS = "127.77.0.1";
    private final BlockingQueue<String> bodies = new ArrayBlockingQueue<>(4);
    private HttpServer recordingAgent;

    @BeforeEach
    void listen() throws IOException {
        recordingAgent = HttpServer.create(new InetSocketAddress(ADDRESS, DesiredResources.AGENT_PORT), 0);
        recordingAgent.createContext("/api/v1/lifecycle/start", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = "{\"process\": \"RUNNING\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        recordingAgent.start();
    }

    @AfterEach
    void stop() {
        recordingAgent.stop(0);
    }

    private JsonNode sent(StartNode start) throws Exception {
        new NodeAgentClient(AgentEndpoints.plainHttp()).start(ADDRESS, StepExecutor.request(start));
        return new ObjectMapper().readTree(bodies.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aNodeOfANewClusterIsToldItsTokensAndTheSystemKeyspaceReplicas() throws Exception {
        JsonNode body = sent(new StartNode("demo-dc1-r1-0", List.of(-9L, 42L), false, Optional.empty(), 3));

        assertThat(body.path("autoBootstrap").asBoolean(true)).isFalse();
        assertThat(body.path("initialTokens")).extracting(JsonNode::asText).containsExactly("-9", "42");
        assertThat(body.path("systemKeyspaceReplicas").asInt()).isEqualTo(3);
        assertThat(body.has("replaceAddress")).isFalse();
    }

    @Test
    void aReplacementCarriesTheOldAddressAndLeavesTheSystemKeyspacesAlone() throws Exception {
        JsonNode body = sent(new StartNode("demo-dc1-r1-0", List.of(), true, Optional.of("10.0.0.7")));

        assertThat(body.path("autoBootstrap").asBoolean()).isTrue();
        assertThat(body.path("replaceAddress").asText()).isEqualTo("10.0.0.7");
        assertThat(body.has("systemKeyspaceReplicas")).isFalse();
        assertThat(body.has("initialTokens")).isFalse();
    }
}
