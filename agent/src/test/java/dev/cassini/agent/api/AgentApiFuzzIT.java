package dev.cassini.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cassini.agent.NodeAgent;
import dev.cassini.agent.runtime.CachedVenv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's API fuzzed from its own OpenAPI document by schemathesis (from PyPI, in a venv under
 * the Cassini cache): every operation with valid and invalid input, against a real agent whose
 * Cassandra cannot start. Every request must be answered, none with a 500 or a 5xx the document
 * does not declare, and every 4xx must say what was wrong in its {@code error}. A 503 where the
 * document declares it is the agent's designed answer while Cassandra is not reachable (and the
 * readiness probe's "not ready"); it must carry the reason too. Schemathesis counts those 503s as
 * server errors, so the run is judged from its HAR record, not its exit code. The run's summary is
 * printed for the record.
 */
class AgentApiFuzzIT {
    static final String SCHEMATHESIS_VERSION = "4.32.5";
    private static final String ADDRESS = "127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

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
        String base = "http://" + ADDRESS + ":" + port;

        Path har = tmp.resolve("fuzz.har");
        List<String> command = new ArrayList<>(List.of(
                schemathesis().toString(),
                "run",
                base + "/openapi.json",
                "--checks",
                "not_a_server_error",
                "--phases",
                "examples,coverage,fuzzing",
                "--max-examples",
                "30",
                "--seed",
                "20261204",
                "--workers",
                "1",
                "--request-timeout",
                "30",
                "--report",
                "har",
                "--report-har-path",
                har.toString()));
        Path output = tmp.resolve("st.out");
        // in the test's own directory: schemathesis keeps a cache of the failures it found under the
        // working directory and replays them on the next run, which must neither land in the source
        // tree nor make one run depend on another
        Process st = new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            assertThat(st.waitFor(15, TimeUnit.MINUTES))
                    .as("schemathesis ended")
                    .isTrue();
        } finally {
            st.destroyForcibly();
        }
        String log = Files.readString(output);

        Declared declared = Declared.read();
        Summary summary = Summary.of(JSON.readTree(har.toFile()), declared);
        System.out.printf(
                "agent API fuzz (no Cassandra): %d requests to %d of its %d operations; %d server errors; %d answered 503"
                        + " with the reason, as the document declares while Cassandra is not reachable; %d client"
                        + " errors, %d of them without a reason; %d without an answer%n",
                summary.requests,
                summary.operations.size(),
                declared.codes().size(),
                summary.serverErrors.size(),
                summary.unavailable,
                summary.clientErrors,
                summary.unexplained.size(),
                summary.unanswered);
        assertThat(summary.requests).as("schemathesis sent requests:\n" + log).isGreaterThan(100);
        // every operation but GET /openapi.json, which schemathesis reads and does not test
        assertThat(summary.operations)
                .as("every operation was tried")
                .containsAll(declared.codes().keySet().stream()
                        .filter(operation -> !operation.equals("GET /openapi.json"))
                        .toList());
        assertThat(summary.unanswered).as("requests the agent did not answer").isZero();
        assertThat(summary.serverErrors)
                .as("500s, and 5xx the document does not declare")
                .isEmpty();
        assertThat(summary.unexplained)
                .as("4xx and 503 without an error saying why")
                .isEmpty();
    }

    /** The status codes the agent's OpenAPI document declares, by method and path pattern. */
    private record Declared(java.util.Map<String, java.util.Set<String>> codes) {
        static Declared read() throws IOException {
            java.util.Map<String, java.util.Set<String>> codes = new java.util.LinkedHashMap<>();
            try (var in = AgentApi.class.getResourceAsStream(AgentApi.OPENAPI_RESOURCE)) {
                JsonNode paths = JSON.readTree(in).path("paths");
                paths.fieldNames()
                        .forEachRemaining(path -> paths.path(path).fields().forEachRemaining(op -> {
                            java.util.Set<String> statuses = new java.util.TreeSet<>();
                            op.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
                            codes.put(
                                    op.getKey().toUpperCase() + " " + path.replaceAll("\\{[^}]+}", "[^/]+"), statuses);
                        }));
            }
            return new Declared(codes);
        }

        /** The document's operation this request went to, as {@code METHOD pattern}. */
        java.util.Optional<String> operation(String method, String path) {
            return codes.keySet().stream()
                    .filter(key -> (method + " " + path).matches(key))
                    .findFirst();
        }

        boolean declares(String method, String path, int status) {
            return codes.entrySet().stream()
                    .anyMatch(e -> (method + " " + path).matches(e.getKey())
                            && e.getValue().contains(String.valueOf(status)));
        }
    }

    /** What the HAR of the run shows: every request and the agent's answer. */
    private static final class Summary {
        int requests;
        int clientErrors;
        int unavailable;
        int unanswered;
        /** Requests to no operation of the document (schemathesis sends some to test routing). */
        int unknown;

        final java.util.Set<String> operations = new java.util.TreeSet<>();
        final List<String> serverErrors = new ArrayList<>();
        final List<String> unexplained = new ArrayList<>();

        static Summary of(JsonNode har, Declared declared) {
            Summary summary = new Summary();
            for (JsonNode entry : har.path("log").path("entries")) {
                summary.requests++;
                String method = entry.path("request").path("method").asText();
                String url = entry.path("request").path("url").asText();
                String path = url.replaceAll("\\?.*", "").replaceAll("^https?://[^/]+", "");
                declared.operation(method, path).ifPresentOrElse(summary.operations::add, () -> summary.unknown++);
                int status = entry.path("response").path("status").asInt();
                String body =
                        entry.path("response").path("content").path("text").asText("");
                String what = method + " " + url + " -> " + status + " " + body;
                if (status <= 0) {
                    summary.unanswered++;
                } else if (status == 503 && declared.declares(method, path, status)) {
                    summary.unavailable++;
                    if (!explains(body)) {
                        summary.unexplained.add(what);
                    }
                } else if (status >= 500) {
                    summary.serverErrors.add(what);
                } else if (status >= 400) {
                    summary.clientErrors++;
                    if (!explains(body)) {
                        summary.unexplained.add(what);
                    }
                }
            }
            return summary;
        }

        /** The agent's errors carry {@code error}; its readiness answer carries {@code reason}. */
        private static boolean explains(String body) {
            try {
                JsonNode json = JSON.readTree(body);
                return !json.path("error").asText("").isBlank()
                        || !json.path("reason").asText("").isBlank();
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** The schemathesis CLI, installed into the cache from PyPI on first use. */
    static Path schemathesis() throws IOException, InterruptedException {
        return CachedVenv.ensure(
                        "python-fuzz",
                        "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '"
                                + SCHEMATHESIS_VERSION + "')",
                        List.of("schemathesis==" + SCHEMATHESIS_VERSION))
                .resolve("bin/st");
    }
}
