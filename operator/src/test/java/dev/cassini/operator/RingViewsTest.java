package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RingViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode endpoint(String address, String hostId, String status) throws Exception {
        return JSON.readTree("{\"address\":\"" + address + "\",\"hostId\":\"" + hostId + "\",\"status\":\"" + status
                + "\",\"state\":\"NORMAL\",\"tokens\":16}");
    }

    @Test
    void everyDownPeerInAnyViewIsReportedWithWhoSeesIt() throws Exception {
        Map<String, List<JsonNode>> rings = new LinkedHashMap<>();
        rings.put("p0", List.of(endpoint("10.0.0.1", "h1", "UP"), endpoint("10.0.0.2", "h2", "UP")));
        rings.put("p1", List.of(endpoint("10.0.0.1", "h1", "DOWN"), endpoint("10.0.0.2", "h2", "UP")));
        rings.put("p2", null);
        assertThat(ClusterObserver.peersDown(rings)).containsExactly("p1 sees 10.0.0.1 down", "p2 did not show its ring view");
    }

    @Test
    void theRingForStatusComesFromTheFirstReadableView() throws Exception {
        Map<String, List<JsonNode>> rings = new LinkedHashMap<>();
        rings.put("p0", null);
        rings.put("p1", List.of(endpoint("10.0.0.1", "h1", "DOWN"), endpoint("10.0.0.2", "h2", "UP")));
        assertThat(ClusterObserver.ringByHostId(rings)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "h1", new ClusterStatusFactory.RingEntry("DN", 16), "h2", new ClusterStatusFactory.RingEntry("UN", 16)));
    }
}
