package dev.cassini.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The agent's HTTP API as a test uses it. */
final class AgentClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    final String address;

    AgentClient(String address, int port) {
        this.address = address;
        this.base = "http://" + address + ":" + port;
    }

    record Response(int status, JsonNode body) {
        String error() {
            return body.path("error").asText();
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(response.statusCode(), body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalStateException("agent at " + base + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int liveStatus() {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(base + "/healthz/live"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    JsonNode node() {
        return get("/api/v1/node").body();
    }

    List<JsonNode> ring() {
        Response r = get("/api/v1/ring");
        if (r.status() != 200) {
            throw new IllegalStateException("ring of " + address + ": " + r.status() + " " + r.body());
        }
        List<JsonNode> endpoints = new ArrayList<>();
        r.body().path("endpoints").forEach(endpoints::add);
        return endpoints;
    }

    /** Polls readiness until ready; returns every distinct reason seen on the way. */
    List<String> awaitReady(Duration timeout) throws InterruptedException {
        List<String> reasons = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Response r = get("/healthz/ready");
            String reason = r.body().path("reason").asText();
            if (reasons.isEmpty() || !reasons.get(reasons.size() - 1).equals(reason)) {
                reasons.add(reason);
            }
            if (r.status() == 200) {
                return reasons;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("node " + address + " not ready within " + timeout + "; readiness said " + reasons
                + "; node: " + node());
    }

    /** Polls a job until it is no longer RUNNING; returns its last view, keeping the progress texts seen. */
    JsonNode awaitJob(String id, Duration timeout, List<String> progressSeen) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = get("/api/v1/jobs/" + id).body();
            if (!job.path("state").asText().equals("RUNNING")) {
                return job;
            }
            String progress = job.path("progress").asText();
            if (!progress.isEmpty()
                    && (progressSeen.isEmpty()
                            || !progressSeen.get(progressSeen.size() - 1).equals(progress))) {
                progressSeen.add(progress);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + id + " still running after " + timeout);
    }

    /** Waits until the ring view satisfies the condition. */
    List<JsonNode> awaitRing(Predicate<List<JsonNode>> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> ring = List.of();
        while (System.nanoTime() < deadline) {
            ring = ring();
            if (condition.test(ring)) {
                return ring;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("ring of " + address + " never showed " + what + "; last view: " + ring);
    }
}
