package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.contract.RingEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** One row per endpoint from the separate maps Cassandra reports. */
class RingViewTest {
    private static final Function<String, String[]> ONE_RACK = endpoint -> new String[] {"dc1", "r1"};

    private static RingSnapshot snapshot(
            Map<String, String> hostIds,
            Map<String, String> tokens,
            Map<String, String> loads,
            List<String> joining,
            List<String> leaving,
            List<String> moving,
            Map<String, String> liveness) {
        return new RingSnapshot(hostIds, tokens, loads, joining, leaving, moving, liveness);
    }

    @Test
    void everySpellingOfAnEndpointIsOneRow() {
        RingSnapshot snapshot = snapshot(
                Map.of("11111111-1111-1111-1111-111111111111", "/127.0.0.1:7000"),
                Map.of("-100", "127.0.0.1:7000", "0", "node1/127.0.0.1:7000", "100", "/127.0.0.1:7000"),
                Map.of("node1/127.0.0.1:7000", "1.5 MiB"),
                List.of(),
                List.of(),
                List.of(),
                Map.of("/127.0.0.1:7000", "UP"));

        List<RingEndpoint> ring = RingView.of(snapshot, ONE_RACK);

        assertThat(ring)
                .containsExactly(new RingEndpoint(
                        "127.0.0.1",
                        "dc1",
                        "r1",
                        "11111111-1111-1111-1111-111111111111",
                        "UP",
                        NodeState.NORMAL,
                        "1.5 MiB",
                        3));
    }

    @Test
    void placementIsAskedWithTheNormalizedEndpoint() {
        List<String> asked = new ArrayList<>();
        RingSnapshot snapshot = snapshot(
                Map.of("h1", "host-a/127.0.0.1:7000"),
                Map.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of("/127.0.0.1:7000", "UP"));

        RingView.of(snapshot, endpoint -> {
            asked.add(endpoint);
            return new String[] {"dc1", "r1"};
        });

        assertThat(asked).containsExactly("127.0.0.1:7000");
    }

    @Test
    void endpointMissingFromLivenessIsDownWithUnknownsLeftEmpty() {
        RingSnapshot snapshot =
                snapshot(Map.of(), Map.of("5", "127.0.0.2:7000"), Map.of(), List.of(), List.of(), List.of(), Map.of());

        assertThat(RingView.of(snapshot, ONE_RACK))
                .containsExactly(new RingEndpoint("127.0.0.2", "dc1", "r1", "", "DOWN", NodeState.NORMAL, "", 1));
    }

    @Test
    void aNodeThatLeftIsNotAMemberThoughTheFailureDetectorRemembersIt() {
        // After a decommission, gossip keeps the departed endpoint (DOWN, no tokens, no host ID) for days.
        RingSnapshot snapshot = snapshot(
                Map.of("h1", "127.0.0.1:7000"),
                Map.of("1", "127.0.0.1:7000"),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of("/127.0.0.1:7000", "UP", "/127.0.0.3:7000", "DOWN"));

        assertThat(RingView.of(snapshot, ONE_RACK))
                .extracting(RingEndpoint::address)
                .containsExactly("127.0.0.1");
    }

    @Test
    void joiningEndpointWithoutTokensOrHostIdYetIsListedAsJoining() {
        RingSnapshot snapshot = snapshot(
                Map.of("h1", "127.0.0.1:7000"),
                Map.of("1", "127.0.0.1:7000"),
                Map.of(),
                List.of("/127.0.0.4:7000"),
                List.of(),
                List.of(),
                Map.of("/127.0.0.1:7000", "UP", "/127.0.0.4:7000", "UP"));

        List<RingEndpoint> ring = RingView.of(snapshot, ONE_RACK);

        assertThat(ring)
                .extracting(RingEndpoint::address, RingEndpoint::state, RingEndpoint::tokens)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1", NodeState.NORMAL, 1),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.4", NodeState.JOINING, 0));
    }

    @Test
    void leavingAndMovingStatesAreReported() {
        RingSnapshot snapshot = snapshot(
                Map.of("h1", "127.0.0.1:7000", "h2", "127.0.0.2:7000", "h3", "127.0.0.3:7000"),
                Map.of(),
                Map.of(),
                List.of(),
                List.of("127.0.0.2:7000"),
                List.of("host/127.0.0.3:7000"),
                Map.of());

        assertThat(RingView.of(snapshot, ONE_RACK))
                .extracting(RingEndpoint::address, RingEndpoint::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("127.0.0.1", NodeState.NORMAL),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.2", NodeState.LEAVING),
                        org.assertj.core.groups.Tuple.tuple("127.0.0.3", NodeState.MOVING));
    }

    @Test
    void leavingWinsOverJoiningAndJoiningOverMoving() {
        RingSnapshot snapshot = snapshot(
                Map.of("h1", "127.0.0.1:7000", "h2", "127.0.0.2:7000"),
                Map.of(),
                Map.of(),
                List.of("127.0.0.1:7000", "127.0.0.2:7000"),
                List.of("127.0.0.1:7000"),
                List.of("127.0.0.2:7000"),
                Map.of());

        assertThat(RingView.of(snapshot, ONE_RACK))
                .extracting(RingEndpoint::state)
                .containsExactly(NodeState.LEAVING, NodeState.JOINING);
    }

    @Test
    void tokensAreCountedPerEndpoint() {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            tokens.put(String.valueOf(i * 3), "127.0.0.1:7000");
            tokens.put(String.valueOf(i * 3 + 1), "127.0.0.2:7000");
        }
        tokens.put("999", "127.0.0.2:7000");

        RingSnapshot snapshot = snapshot(Map.of(), tokens, Map.of(), List.of(), List.of(), List.of(), Map.of());

        assertThat(RingView.of(snapshot, ONE_RACK))
                .extracting(RingEndpoint::tokens)
                .containsExactly(16, 17);
    }

    @Test
    void rowsAreSortedByDatacenterThenRackThenAddress() {
        Map<String, String[]> placement = Map.of(
                "127.0.0.1:7000", new String[] {"dc2", "r1"},
                "127.0.0.2:7000", new String[] {"dc1", "r2"},
                "127.0.0.3:7000", new String[] {"dc1", "r1"},
                "127.0.0.4:7000", new String[] {"dc1", "r2"},
                "127.0.0.5:7000", new String[] {"dc1", "r1"});
        Map<String, String> hostIds = new LinkedHashMap<>();
        placement.keySet().forEach(e -> hostIds.put("host-" + e, e));

        RingSnapshot snapshot = snapshot(hostIds, Map.of(), Map.of(), List.of(), List.of(), List.of(), Map.of());

        assertThat(RingView.of(snapshot, placement::get))
                .extracting(e -> e.datacenter() + "/" + e.rack() + "/" + e.address())
                .containsExactly(
                        "dc1/r1/127.0.0.3",
                        "dc1/r1/127.0.0.5",
                        "dc1/r2/127.0.0.2",
                        "dc1/r2/127.0.0.4",
                        "dc2/r1/127.0.0.1");
    }

    @Test
    void emptySnapshotIsAnEmptyRing() {
        RingSnapshot snapshot = snapshot(Map.of(), Map.of(), Map.of(), List.of(), List.of(), List.of(), Map.of());
        assertThat(RingView.of(snapshot, ONE_RACK)).isEmpty();
    }

    @Test
    void normalizeDropsHostNameAndLeadingSlash() {
        assertThat(RingView.normalize("/127.0.0.1:7000")).isEqualTo("127.0.0.1:7000");
        assertThat(RingView.normalize("host/127.0.0.1:7000")).isEqualTo("127.0.0.1:7000");
        assertThat(RingView.normalize("127.0.0.1:7000")).isEqualTo("127.0.0.1:7000");
    }

    @Test
    void addressDropsThePort() {
        assertThat(RingView.address("127.0.0.1:7000")).isEqualTo("127.0.0.1");
        assertThat(RingView.address("127.0.0.1")).isEqualTo("127.0.0.1");
    }
}
