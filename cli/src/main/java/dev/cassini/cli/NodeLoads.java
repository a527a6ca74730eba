package dev.cassini.cli;

import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.contract.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Each node's Load (live SSTable bytes, as nodetool status shows it), read from its metrics
 * endpoint: the one Prometheus scrapes, which stays open to readers without the agent API's
 * credentials, and which serves it from memory in milliseconds.
 */
final class NodeLoads {
    static final String METRIC = "cassandra_storage_load_bytes";

    private NodeLoads() {}

    /** Every node's load that answered within a second or two, by pod; all asked at once. */
    static Map<String, Long> read(List<NodeStatus> nodes) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Map<String, CompletableFuture<OptionalLong>> asked = new LinkedHashMap<>();
        for (NodeStatus node : nodes) {
            if (node.getIp() == null || node.getPod() == null) {
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://" + node.getIp() + ":" + Ports.METRICS + "/metrics"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            asked.put(
                    node.getPod(),
                    http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                            .thenApply(r -> r.statusCode() == 200 ? load(r.body()) : OptionalLong.empty())
                            .exceptionally(e -> OptionalLong.empty()));
        }
        Map<String, Long> loads = new LinkedHashMap<>();
        asked.forEach((pod, answer) -> answer.join().ifPresent(bytes -> loads.put(pod, bytes)));
        return loads;
    }

    /** The load in a metrics page (Prometheus text format); empty when the page has none. */
    static OptionalLong load(String page) {
        for (String line : page.split("\n")) {
            if (line.startsWith(METRIC + " ") || line.startsWith(METRIC + "{")) {
                // the value follows the labels, and a timestamp may follow the value
                String rest = line.substring(Math.max(line.lastIndexOf('}') + 1, METRIC.length()));
                String value = rest.strip().split("\\s+")[0];
                try {
                    double bytes = Double.parseDouble(value);
                    return Double.isFinite(bytes) ? OptionalLong.of((long) bytes) : OptionalLong.empty();
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
