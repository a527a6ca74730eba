package dev.cassini.agent.metrics;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cassini.agent.runtime.CachedVenv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Prometheus parsers, not ours: the text-format and OpenMetrics parsers of the official Python
 * client, and the PromQL parser of promql-parser (Rust, used by GreptimeDB). They live in a venv under
 * the Cassini cache, created and filled from PyPI on first use.
 */
final class PrometheusTools {
    static final String PROMETHEUS_CLIENT = "prometheus-client==0.26.0";
    static final String PROMQL_PARSER = "promql-parser==0.11.0";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static PrometheusTools instance;

    private final Path python;
    private final Path script;

    private PrometheusTools(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    static synchronized PrometheusTools get() throws IOException, InterruptedException {
        if (instance == null) {
            Path python = CachedVenv.ensure(
                            "python-metrics",
                            "import prometheus_client, promql_parser",
                            List.of(PROMETHEUS_CLIENT, PROMQL_PARSER))
                    .resolve("bin/python");
            Path script = Files.createTempFile("prometheus_check", ".py");
            try (InputStream in = PrometheusTools.class.getResourceAsStream("prometheus_check.py")) {
                Files.write(script, in.readAllBytes());
            }
            script.toFile().deleteOnExit();
            instance = new PrometheusTools(python, script);
        }
        return instance;
    }

    /** Parses an exposition with the official parser; any syntax error fails. */
    List<ParsedFamily> parse(String exposition, boolean openMetrics) throws IOException, InterruptedException {
        Path file = Files.createTempFile("scrape", ".txt");
        try {
            Files.writeString(file, exposition);
            String out = output(List.of(
                    python.toString(),
                    script.toString(),
                    "parse",
                    openMetrics ? "openmetrics" : "prometheus",
                    file.toString()));
            return JSON.readValue(out, new TypeReference<List<ParsedFamily>>() {});
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** For each expression, null if it parses as PromQL, else the parser's reason. */
    List<String> promqlErrors(List<String> expressions) throws IOException, InterruptedException {
        Path file = Files.createTempFile("promql", ".txt");
        try {
            Files.writeString(
                    file,
                    String.join(
                                    "\n",
                                    expressions.stream()
                                            .map(e -> e.replace('\n', ' '))
                                            .toList()) + "\n");
            String out = output(List.of(python.toString(), script.toString(), "promql", file.toString()));
            return JSON.readValue(out, new TypeReference<List<String>>() {});
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("python", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed:\n" + Files.readString(err));
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
