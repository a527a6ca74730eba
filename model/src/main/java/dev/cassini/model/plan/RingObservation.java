package dev.cassini.model.plan;

import dev.cassini.contract.RingEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the serving nodes' ring views say, read for the planner and for status. Pure. */
public final class RingObservation {
    private RingObservation() {}

    /**
     * What each serving node sees down in its own ring view; a view that could not be read counts
     * as a problem too, so nothing that needs every peer up goes ahead blind.
     *
     * @param views each serving node's ring by pod name; empty when it could not be read
     */
    public static List<String> peersDown(Map<String, Optional<List<RingEndpoint>>> views) {
        List<String> seen = new ArrayList<>();
        views.forEach((pod, view) -> {
            if (view.isEmpty()) {
                seen.add(pod + " did not show its ring view");
                return;
            }
            view.get().stream().filter(e -> !e.up()).forEach(e -> seen.add(seesDown(pod, e.address())));
        });
        return seen;
    }

    private static String seesDown(String pod, String address) {
        return pod + " sees " + address + " down";
    }

    /** Whether an entry of {@link #peersDown} is about {@code address}. */
    public static boolean isAbout(String peerDown, String address) {
        return peerDown.endsWith(seesDown("", address));
    }

    /** The ring by host ID as the first readable view shows it. */
    public static Map<String, RingEntry> byHostId(Map<String, Optional<List<RingEndpoint>>> views) {
        Map<String, RingEntry> ring = new HashMap<>();
        views.values().stream()
                .flatMap(Optional::stream)
                .findFirst()
                .ifPresent(endpoints ->
                        endpoints.forEach(e -> ring.put(e.hostId(), new RingEntry(e.statusCode(), e.tokens()))));
        return ring;
    }
}
