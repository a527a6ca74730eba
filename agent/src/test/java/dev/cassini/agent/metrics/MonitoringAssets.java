package dev.cassini.agent.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana dashboards (deploy/grafana/*.json) and Prometheus alert rules (deploy/prometheus/*.yaml)
 * shipped with Cassini, read from the repository: their PromQL and the metrics it names.
 */
final class MonitoringAssets {
    private static final Pattern METRIC = Pattern.compile("\\b(cassandra|cassini)_[a-z0-9_]+\\b");
    /** Grafana's interval variables stand where PromQL needs a duration. */
    private static final Pattern GRAFANA_INTERVAL = Pattern.compile("\\$__(rate_)?interval|\\$__range");

    /** A PromQL expression and where it is written. */
    record Expression(String where, String promql) {}

    final Path root;
    final List<Path> dashboardFiles;
    final List<Path> ruleFiles;

    private MonitoringAssets(Path root, List<Path> dashboardFiles, List<Path> ruleFiles) {
        this.root = root;
        this.dashboardFiles = dashboardFiles;
        this.ruleFiles = ruleFiles;
    }

    /** The dashboards and rules on the exporter's metrics: the files named cassandra-*. */
    static MonitoringAssets load() throws IOException {
        return load("cassandra-");
    }

    /** The dashboards and rules whose file names start with {@code prefix} (cassini-*: the operator's metrics). */
    static MonitoringAssets load(String prefix) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/grafana"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IOException("no deploy/grafana above " + Path.of("").toAbsolutePath());
        }
        return new MonitoringAssets(
                dir,
                list(dir.resolve("deploy/grafana"), prefix, ".json"),
                list(dir.resolve("deploy/prometheus"), prefix, ".yaml"));
    }

    private static List<Path> list(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(f -> f.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        }
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    static JsonNode yaml(Path file) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    /** Every panel of a dashboard, including those inside collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            out.add(panel);
            panel.path("panels").forEach(out::add);
        }
        return out;
    }

    /** Every rule of every group in a rule file. */
    static List<JsonNode> rules(JsonNode ruleFile) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode group : ruleFile.path("groups")) {
            group.path("rules").forEach(out::add);
        }
        return out;
    }

    /** Panel queries and alert expressions, with Grafana's interval variables replaced so they are plain PromQL. */
    List<Expression> expressions() throws IOException {
        List<Expression> out = new ArrayList<>();
        for (Path file : dashboardFiles) {
            for (JsonNode panel : panels(json(file))) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText("");
                    if (!expr.isEmpty()) {
                        out.add(new Expression(
                                file.getFileName() + " panel '"
                                        + panel.path("title").asText() + "'",
                                GRAFANA_INTERVAL.matcher(expr).replaceAll("5m")));
                    }
                }
            }
        }
        for (Path file : ruleFiles) {
            for (JsonNode rule : rules(yaml(file))) {
                out.add(new Expression(
                        file.getFileName() + " rule " + rule.path("alert").asText(),
                        rule.path("expr").asText()));
            }
        }
        return out;
    }

    /** Metric names used anywhere: queries, rules and the dashboards' variable queries (label_values(...)). */
    Set<String> referencedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Expression e : expressions()) {
            names.addAll(metricsIn(e.promql()));
        }
        for (Path file : dashboardFiles) {
            for (JsonNode variable : json(file).path("templating").path("list")) {
                JsonNode query = variable.path("query");
                names.addAll(metricsIn(query.isObject() ? query.path("query").asText("") : query.asText("")));
            }
        }
        return names;
    }

    static Set<String> metricsIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
