package dev.cassini.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cassini.model.DesiredResources;
import dev.cassini.model.plan.AgentView;
import dev.cassini.model.plan.DiskUsage;
import dev.cassini.model.plan.StartNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator's side of the node agent API, addressed by pod IP (never through Services, which
 * devkube cannot give endpoints). Errors carry the agent's own message.
 */
final class NodeAgentClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** The agent's view of its node, or empty when the agent does not answer. */
    Optional<AgentView> view(String ip) {
        try {
            JsonNode node = get(ip, "/api/v1/node", Duration.ofSeconds(5));
            JsonNode seeds = get(ip, "/api/v1/seeds", Duration.ofSeconds(5));
            List<String> seedList = new ArrayList<>();
            seeds.path("seeds").forEach(s -> seedList.add(s.asText()));
            String hostId = node.path("hostId").isTextual() ? node.path("hostId").asText() : null;
            return Optional.of(new AgentView(node.path("state").asText(), hostId, node.path("joined").asBoolean(), seedList,
                    disk(node.path("dataDisk"))));
        } catch (IOException | AgentException e) {
            return Optional.empty();
        }
    }

    /** The data volume's use, when the agent knows Cassandra's load (it runs). */
    private static DiskUsage disk(JsonNode disk) {
        if (!disk.path("loadBytes").isNumber() || !disk.path("freeBytes").isNumber()) {
            return null;
        }
        return new DiskUsage(disk.path("loadBytes").asLong(), disk.path("freeBytes").asLong(), disk.path("totalBytes").asLong());
    }

    /**
     * Starts a cleanup job of every non-system keyspace and returns its id; a cleanup already
     * running there (started by an operator that died before recording it) is adopted instead.
     */
    String cleanup(String ip) throws IOException {
        for (JsonNode job : get(ip, "/api/v1/jobs", Duration.ofSeconds(10)).path("jobs")) {
            if (job.path("operation").asText().equals("cleanup") && job.path("state").asText().equals("RUNNING")) {
                return job.path("id").asText();
            }
        }
        return send(ip, HttpRequest.newBuilder(uri(ip, "/api/v1/operations/cleanup")).POST(HttpRequest.BodyPublishers.ofString("{}")),
                Duration.ofSeconds(30)).path("id").asText();
    }

    /** A job's state, progress and error; empty when the agent does not know the job (it restarted since). */
    Optional<JsonNode> job(String ip, String id) throws IOException {
        try {
            return Optional.of(get(ip, "/api/v1/jobs/" + id, Duration.ofSeconds(5)));
        } catch (AgentException e) {
            if (e.status == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The ring as this node sees it ("endpoints" of GET /api/v1/ring). */
    JsonNode ring(String ip) throws IOException {
        return get(ip, "/api/v1/ring", Duration.ofSeconds(10)).path("endpoints");
    }

    void putSeeds(String ip, List<String> seeds) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("seeds");
        seeds.forEach(list::add);
        send(ip, HttpRequest.newBuilder(uri(ip, "/api/v1/seeds")).PUT(HttpRequest.BodyPublishers.ofString(body.toString())), Duration.ofSeconds(10));
    }

    void start(String ip, StartNode start) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("autoBootstrap", start.autoBootstrap());
        if (!start.initialTokens().isEmpty()) {
            ArrayNode tokens = body.putArray("initialTokens");
            start.initialTokens().forEach(t -> tokens.add(String.valueOf(t)));
        }
        start.replaceAddress().ifPresent(a -> body.put("replaceAddress", a));
        if (start.systemKeyspaceReplicas() > 0) {
            body.put("systemKeyspaceReplicas", start.systemKeyspaceReplicas());
        }
        send(ip, HttpRequest.newBuilder(uri(ip, "/api/v1/lifecycle/start")).POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                Duration.ofSeconds(30));
    }

    /** Starts the decommission job; its progress shows in the node's state (LEAVING, then DECOMMISSIONED). */
    void decommission(String ip) throws IOException {
        send(ip, HttpRequest.newBuilder(uri(ip, "/api/v1/operations/decommission")).POST(HttpRequest.BodyPublishers.ofString("")),
                Duration.ofSeconds(30));
    }

    void stop(String ip) throws IOException {
        send(ip, HttpRequest.newBuilder(uri(ip, "/api/v1/lifecycle/stop")).POST(HttpRequest.BodyPublishers.ofString("{\"drain\": true}")),
                Duration.ofMinutes(4));
    }

    private JsonNode get(String ip, String path, Duration timeout) throws IOException {
        return send(ip, HttpRequest.newBuilder(uri(ip, path)).GET(), timeout);
    }

    private static URI uri(String ip, String path) {
        return URI.create("http://" + ip + ":" + DesiredResources.AGENT_PORT + path);
    }

    private JsonNode send(String ip, HttpRequest.Builder request, Duration timeout) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new AgentException(response.statusCode(),
                        "agent " + ip + " answered " + response.statusCode() + ": " + body.path("error").asText(response.body()));
            }
            return body;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling agent " + ip, e);
        }
    }

    /** The agent answered with an error status. */
    static final class AgentException extends RuntimeException {
        final int status;

        AgentException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
