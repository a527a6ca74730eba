package dev.cassini.exporter;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the exporter is told on {@code -javaagent:cassini-exporter.jar=<arguments>}: where to listen,
 * the node's identity labels, and which tables to export. The arguments are form-encoded
 * ({@code key=value&key=value}, values URL-encoded) because regular expressions may contain any
 * character a simpler separator would need.
 *
 * @param tableAllow tables whose {@code keyspace.table} fully matches are exported...
 * @param tableDeny ...unless they also match this
 * @param tableLimit at most this many tables (the first in keyspace.table order) are exported, which bounds the series count
 */
public record ExporterSettings(
        String address,
        int port,
        String cluster,
        String datacenter,
        String rack,
        String node,
        Pattern tableAllow,
        Pattern tableDeny,
        int tableLimit) {

    public static final int DEFAULT_PORT = 9500;
    /** Cassandra's own keyspaces: dozens of tables nobody tunes, so they stay out unless asked for. */
    public static final String DEFAULT_TABLE_DENY = "system(_[a-z_]+)?\\..*";

    public static final String DEFAULT_TABLE_ALLOW = ".*";
    public static final int DEFAULT_TABLE_LIMIT = 200;

    static final List<String> KEYS =
            List.of("address", "port", "cluster", "dc", "rack", "node", "tableAllow", "tableDeny", "tableLimit");

    /** The argument string for these settings, as the node agent puts it on the command line. */
    public String toAgentArguments() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("address", address);
        values.put("port", Integer.toString(port));
        values.put("cluster", cluster);
        values.put("dc", datacenter);
        values.put("rack", rack);
        values.put("node", node);
        values.put("tableAllow", tableAllow.pattern());
        values.put("tableDeny", tableDeny.pattern());
        values.put("tableLimit", Integer.toString(tableLimit));
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    /** Parses {@link #toAgentArguments()}; a missing or malformed value is a bug in whoever launched Cassandra. */
    public static ExporterSettings parse(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            throw new IllegalArgumentException(
                    "cassini-exporter needs its settings: -javaagent:cassini-exporter.jar=address=...&port=...");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : arguments.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("cassini-exporter: '" + pair + "' is not key=value");
            }
            String key = pair.substring(0, eq);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("cassini-exporter: unknown setting '" + key + "'; known: " + KEYS);
            }
            values.put(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new ExporterSettings(
                required(values, "address"),
                number(values, "port", DEFAULT_PORT, 1, 65535),
                required(values, "cluster"),
                required(values, "dc"),
                required(values, "rack"),
                values.getOrDefault("node", values.get("address")),
                pattern(values, "tableAllow", DEFAULT_TABLE_ALLOW),
                pattern(values, "tableDeny", DEFAULT_TABLE_DENY),
                number(values, "tableLimit", DEFAULT_TABLE_LIMIT, 0, 100_000));
    }

    private static String required(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("cassini-exporter: setting '" + key + "' is required");
        }
        return v;
    }

    private static int number(Map<String, String> values, String key, int fallback, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(
                        "cassini-exporter: " + key + "=" + n + " is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cassini-exporter: " + key + "=" + v + " is not a number");
        }
    }

    private static Pattern pattern(Map<String, String> values, String key, String fallback) {
        String v = values.getOrDefault(key, fallback);
        try {
            return Pattern.compile(v);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "cassini-exporter: " + key + " is not a regular expression: " + e.getDescription());
        }
    }
}
