package dev.cassini.agent.node;

import dev.cassini.contract.NodeState;
import dev.cassini.contract.RingEndpoint;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/** Joins the separate maps Cassandra reports into one row per endpoint. Pure. */
public final class RingView {
    private RingView() {}

    /**
     * @param placement datacenter and rack of an endpoint ("address:port"), as the snitch knows them
     */
    public static List<RingEndpoint> of(RingSnapshot snapshot, Function<String, String[]> placement) {
        Map<String, String> liveness = new LinkedHashMap<>();
        snapshot.livenessByEndpoint().forEach((k, v) -> liveness.put(normalize(k), v));
        Map<String, String> hostIdByEndpoint = new LinkedHashMap<>();
        snapshot.hostIdToEndpoint().forEach((hostId, endpoint) -> hostIdByEndpoint.put(normalize(endpoint), hostId));
        Map<String, Integer> tokenCounts = new LinkedHashMap<>();
        snapshot.tokenToEndpoint().values().forEach(e -> tokenCounts.merge(normalize(e), 1, Integer::sum));

        // Members are the endpoints that own tokens, have a host ID, or are joining, as in nodetool
        // status. The failure detector also remembers nodes that left (gossip keeps them for days),
        // so liveness only describes members; it does not make one.
        TreeSet<String> endpoints = new TreeSet<>();
        endpoints.addAll(hostIdByEndpoint.keySet());
        endpoints.addAll(tokenCounts.keySet());
        snapshot.joining().forEach(e -> endpoints.add(normalize(e)));

        return endpoints.stream()
                .map(endpoint -> {
                    String[] dcRack = placement.apply(endpoint);
                    return new RingEndpoint(
                            address(endpoint),
                            dcRack[0],
                            dcRack[1],
                            hostIdByEndpoint.getOrDefault(endpoint, ""),
                            liveness.getOrDefault(endpoint, "DOWN"),
                            state(endpoint, snapshot),
                            Optional.ofNullable(loadOf(snapshot, endpoint)).orElse(""),
                            tokenCounts.getOrDefault(endpoint, 0));
                })
                .sorted(Comparator.comparing(RingEndpoint::datacenter)
                        .thenComparing(RingEndpoint::rack)
                        .thenComparing(RingEndpoint::address))
                .toList();
    }

    private static String loadOf(RingSnapshot snapshot, String endpoint) {
        for (var e : snapshot.loadByEndpoint().entrySet()) {
            if (normalize(e.getKey()).equals(endpoint)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static NodeState state(String endpoint, RingSnapshot snapshot) {
        if (contains(snapshot.leaving(), endpoint)) return NodeState.LEAVING;
        if (contains(snapshot.joining(), endpoint)) return NodeState.JOINING;
        if (contains(snapshot.moving(), endpoint)) return NodeState.MOVING;
        return NodeState.NORMAL;
    }

    private static boolean contains(List<String> endpoints, String endpoint) {
        return endpoints.stream().map(RingView::normalize).anyMatch(endpoint::equals);
    }

    /** Cassandra writes endpoints as "/1.2.3.4:7000", "1.2.3.4:7000" or "hostname/1.2.3.4:7000". */
    static String normalize(String endpoint) {
        int slash = endpoint.indexOf('/');
        return slash >= 0 ? endpoint.substring(slash + 1) : endpoint;
    }

    static String address(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 && endpoint.indexOf(':') == colon ? endpoint.substring(0, colon) : endpoint;
    }
}
