package dev.cassini.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cassini.agent.runtime.CachedVenv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One schemathesis run against an agent's API, from the agent's own OpenAPI document, judged from
 * its HAR record rather than its exit code: schemathesis counts a declared 503 (the agent's answer
 * while Cassandra is not reachable) as a server error, and the agent means it.
 */
public final class ApiFuzz {
    static final String SCHEMATHESIS_VERSION = "4.32.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiFuzz() {}

    /**
     * Fuzzes the agent at {@code base} (valid and invalid input to every operation but the paths in
     * {@code excludedPaths}) with a fixed seed, in {@code workDir}: schemathesis keeps a cache of
     * the failures it found under its working directory and replays them next time, which must
     * neither land in the source tree nor make one run depend on another.
     */
    public static Summary run(Path workDir, String base, List<String> excludedPaths)
            throws IOException, InterruptedException {
        Path har = workDir.resolve("fuzz.har");
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
        for (String path : excludedPaths) {
            command.addAll(List.of("--exclude-path", path));
        }
        Path output = workDir.resolve("st.out");
        Process st = new ProcessBuilder(command)
                .directory(workDir.toFile())
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
        assertThat(har).as("schemathesis wrote its record:\n" + log).exists();
        Declared declared = Declared.read();
        Summary summary = Summary.of(JSON.readTree(har.toFile()), declared, log);
        for (String path : excludedPaths) {
            declared.codes().keySet().removeIf(operation -> operation.endsWith(" " + path));
        }
        summary.expected.addAll(declared.codes().keySet().stream()
                // schemathesis reads the document there and does not test it
                .filter(operation -> !operation.equals("GET /openapi.json"))
                .toList());
        return summary;
    }

    /** The status codes the agent's OpenAPI document declares, by method and path pattern. */
    private record Declared(Map<String, Set<String>> codes) {
        static Declared read() throws IOException {
            Map<String, Set<String>> codes = new LinkedHashMap<>();
            try (var in = AgentApi.class.getResourceAsStream(AgentApi.OPENAPI_RESOURCE)) {
                JsonNode paths = JSON.readTree(in).path("paths");
                paths.fieldNames()
                        .forEachRemaining(path -> paths.path(path).fields().forEachRemaining(op -> {
                            Set<String> statuses = new TreeSet<>();
                            op.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
                            codes.put(
                                    op.getKey().toUpperCase() + " " + path.replaceAll("\\{[^}]+}", "[^/]+"), statuses);
                        }));
            }
            return new Declared(codes);
        }

        /** The document's operation this request went to, as {@code METHOD pattern}. */
        Optional<String> operation(String method, String path) {
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
    public static final class Summary {
        public int requests;
        public int clientErrors;
        /** Declared 503s: the agent saying Cassandra is not reachable (or the node not ready). */
        public int unavailable;

        public int unanswered;
        /** Requests to no operation of the document (schemathesis sends some to test routing). */
        public int unknown;

        /** The operations tried, as {@code METHOD pattern}. */
        public final Set<String> operations = new TreeSet<>();
        /** Every operation the run was to try. */
        public final Set<String> expected = new TreeSet<>();

        public final List<String> serverErrors = new ArrayList<>();
        public final List<String> unexplained = new ArrayList<>();
        public final String log;

        private Summary(String log) {
            this.log = log;
        }

        static Summary of(JsonNode har, Declared declared, String log) {
            Summary summary = new Summary(log);
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

        /** One line for the test's output: the run's figures. */
        public String line(String agent) {
            return String.format(
                    "agent API fuzz (%s): %d requests to %d of its %d operations; %d server errors; %d answered 503"
                            + " with the reason; %d client errors, %d of them without a reason; %d without an answer",
                    agent,
                    requests,
                    operations.size(),
                    expected.size(),
                    serverErrors.size(),
                    unavailable,
                    clientErrors,
                    unexplained.size(),
                    unanswered);
        }

        /**
         * Every operation tried, every request answered, none with a 500 or a 5xx the document does
         * not declare, and every refusal saying why.
         */
        public void assertEveryAnswerIsDeclaredAndExplained() {
            assertThat(requests).as("schemathesis sent requests:\n" + log).isGreaterThan(100);
            assertThat(operations).as("every operation was tried").containsAll(expected);
            assertThat(unanswered).as("requests the agent did not answer").isZero();
            assertThat(serverErrors)
                    .as("500s, and 5xx the document does not declare")
                    .isEmpty();
            assertThat(unexplained)
                    .as("4xx and 503 without an error saying why")
                    .isEmpty();
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
