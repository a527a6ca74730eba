package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.contract.RingEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RingObservationTest {
    private static RingEndpoint endpoint(String address, String hostId, String status) {
        return new RingEndpoint(address, "dc1", "r1", hostId, status, NodeState.NORMAL, "1 MiB", 16);
    }

    @Test
    void everyDownPeerInAnyViewIsReportedWithWhoSeesIt() {
        Map<String, Optional<List<RingEndpoint>>> rings = new LinkedHashMap<>();
        rings.put("p0", Optional.of(List.of(endpoint("10.0.0.1", "h1", "UP"), endpoint("10.0.0.2", "h2", "UP"))));
        rings.put("p1", Optional.of(List.of(endpoint("10.0.0.1", "h1", "DOWN"), endpoint("10.0.0.2", "h2", "UP"))));
        rings.put("p2", Optional.empty());
        assertThat(RingObservation.peersDown(rings))
                .containsExactly("p1 sees 10.0.0.1 down", "p2 did not show its ring view");
    }

    @Test
    void theRingForStatusComesFromTheFirstReadableView() {
        Map<String, Optional<List<RingEndpoint>>> rings = new LinkedHashMap<>();
        rings.put("p0", Optional.empty());
        rings.put("p1", Optional.of(List.of(endpoint("10.0.0.1", "h1", "DOWN"), endpoint("10.0.0.2", "h2", "UP"))));
        assertThat(RingObservation.byHostId(rings))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("h1", new RingEntry("DN", 16), "h2", new RingEntry("UN", 16)));
    }
}
