package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.contract.RingEndpoint;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which node operations are refused, and why, from the node's view of the ring. */
class OperationSafetyTest {
    private static final String LOCAL = "127.0.0.1";
    private static final String LOCAL_ID = "11111111-1111-1111-1111-111111111111";
    private static final String DEAD_ID = "22222222-2222-2222-2222-222222222222";

    private static RingEndpoint node(String address, String dc, String status, String state) {
        return node(
                address,
                dc,
                status,
                state,
                "00000000-0000-0000-0000-" + String.format("%012d", address.hashCode() & 0x7fffffff));
    }

    private static RingEndpoint node(String address, String dc, String status, String state, String hostId) {
        return new RingEndpoint(address, dc, "r1", hostId, status, NodeState.valueOf(state), "1 MiB", 16);
    }

    @Nested
    class Decommission {
        @Test
        void healthyDatacenterAllowsIt() {
            List<RingEndpoint> ring = List.of(
                    node(LOCAL, "dc1", "UP", "NORMAL"),
                    node("127.0.0.2", "dc1", "UP", "NORMAL"),
                    node("127.0.0.3", "dc1", "UP", "NORMAL"));

            assertThat(OperationSafety.refuseDecommission(LOCAL, ring)).isEmpty();
        }

        @Test
        void nodeMissingFromItsOwnViewIsRefused() {
            List<RingEndpoint> ring = List.of(node("127.0.0.2", "dc1", "UP", "NORMAL"));

            assertThat(OperationSafety.refuseDecommission(LOCAL, ring))
                    .hasValue("this node (127.0.0.1) is not in its own ring view; wait until it has joined");
        }

        @Test
        void nodeThatIsNotNormalIsRefused() {
            List<RingEndpoint> ring =
                    List.of(node(LOCAL, "dc1", "UP", "JOINING"), node("127.0.0.2", "dc1", "UP", "NORMAL"));

            assertThat(OperationSafety.refuseDecommission(LOCAL, ring))
                    .hasValue("this node is JOINING, not NORMAL; only a NORMAL node can be decommissioned");
        }

        @Test
        void lastNodeOfItsDatacenterMayLeaveWhenTheRestOfTheRingIsHealthy() {
            // Removing a datacenter ends with its last node; Cassandra refuses it while a keyspace still replicates
            // there.
            List<RingEndpoint> ring =
                    List.of(node(LOCAL, "dc1", "UP", "NORMAL"), node("127.0.0.2", "dc2", "UP", "NORMAL"));

            assertThat(OperationSafety.refuseDecommission(LOCAL, ring)).isEmpty();
        }

        @Test
        void otherNodeOfTheDatacenterDownIsRefused() {
            List<RingEndpoint> ring = List.of(
                    node(LOCAL, "dc1", "UP", "NORMAL"),
                    node("127.0.0.2", "dc1", "UP", "NORMAL"),
                    node("127.0.0.3", "dc1", "DOWN", "NORMAL"));

            assertThat(OperationSafety.refuseDecommission(LOCAL, ring))
                    .hasValueSatisfying(reason -> assertThat(reason)
                            .startsWith("node 127.0.0.3 in datacenter dc1 is down;")
                            .contains("Bring it back up (or remove it) first"));
        }

        @Test
        void downNodeInAnotherDatacenterDoesNotBlockIt() {
            List<RingEndpoint> ring = List.of(
                    node(LOCAL, "dc1", "UP", "NORMAL"),
                    node("127.0.0.2", "dc1", "UP", "NORMAL"),
                    node("127.0.1.1", "dc2", "DOWN", "NORMAL"));

            assertThat(OperationSafety.refuseDecommission(LOCAL, ring)).isEmpty();
        }

        @Test
        void rangeMovementAnywhereInTheRingIsRefused() {
            for (String state : List.of("JOINING", "LEAVING", "MOVING")) {
                List<RingEndpoint> ring = List.of(
                        node(LOCAL, "dc1", "UP", "NORMAL"),
                        node("127.0.0.2", "dc1", "UP", "NORMAL"),
                        node("127.0.1.1", "dc2", "UP", state));

                assertThat(OperationSafety.refuseDecommission(LOCAL, ring))
                        .hasValue("node 127.0.1.1 is " + state + "; wait until that range movement has finished");
            }
        }
    }

    @Nested
    class RemoveNode {
        private final List<RingEndpoint> ring = List.of(
                node(LOCAL, "dc1", "UP", "NORMAL", LOCAL_ID),
                node("127.0.0.2", "dc1", "UP", "NORMAL", "33333333-3333-3333-3333-333333333333"),
                node("127.0.0.3", "dc1", "DOWN", "NORMAL", DEAD_ID));

        @Test
        void deadNodeCanBeRemoved() {
            assertThat(OperationSafety.refuseRemoveNode(DEAD_ID, LOCAL, ring)).isEmpty();
        }

        @Test
        void hostIdMatchesWhateverItsCase() {
            assertThat(OperationSafety.refuseRemoveNode(
                            "ABCDEF00-0000-0000-0000-000000000000",
                            LOCAL,
                            List.of(node(
                                    "127.0.0.9", "dc1", "DOWN", "NORMAL", "abcdef00-0000-0000-0000-000000000000"))))
                    .isEmpty();
        }

        @Test
        void somethingThatIsNotAHostIdIsRefused() {
            assertThat(OperationSafety.refuseRemoveNode("127.0.0.3", LOCAL, ring))
                    .hasValue("'127.0.0.3' is not a host ID; give the UUID shown for the dead node in the ring view");
        }

        @Test
        void unknownHostIdIsRefused() {
            String unknown = "44444444-4444-4444-4444-444444444444";
            assertThat(OperationSafety.refuseRemoveNode(unknown, LOCAL, ring))
                    .hasValue("no node with host ID " + unknown + " is in the ring");
        }

        @Test
        void thisNodeIsRefused() {
            assertThat(OperationSafety.refuseRemoveNode(LOCAL_ID, LOCAL, ring))
                    .hasValue("host ID " + LOCAL_ID + " is this node; decommission it instead of removing it");
        }

        @Test
        void liveNodeIsRefused() {
            String live = "33333333-3333-3333-3333-333333333333";
            assertThat(OperationSafety.refuseRemoveNode(live, LOCAL, ring))
                    .hasValueSatisfying(reason -> assertThat(reason)
                            .startsWith("node 127.0.0.2 (" + live + ") is up; removenode is only for dead nodes."));
        }
    }

    @Nested
    class Rebuild {
        private final List<RingEndpoint> ring = List.of(
                node(LOCAL, "dc2", "UP", "NORMAL"),
                node("127.0.0.2", "dc1", "DOWN", "NORMAL"),
                node("127.0.0.3", "dc1", "UP", "NORMAL"),
                node("127.0.0.4", "dc3", "DOWN", "NORMAL"));

        @Test
        void otherDatacenterWithALiveNodeIsAllowed() {
            assertThat(OperationSafety.refuseRebuild("dc1", LOCAL, ring)).isEmpty();
        }

        @Test
        void ownDatacenterIsRefused() {
            assertThat(OperationSafety.refuseRebuild("dc2", LOCAL, ring))
                    .hasValue("source datacenter dc2 is this node's own; rebuild streams from another datacenter");
        }

        @Test
        void unknownDatacenterIsRefusedListingTheKnownOnes() {
            assertThat(OperationSafety.refuseRebuild("dc9", LOCAL, ring))
                    .hasValue("datacenter dc9 is not in the ring; known datacenters: [dc1, dc2, dc3]");
        }

        @Test
        void datacenterWithNoLiveNodeIsRefused() {
            assertThat(OperationSafety.refuseRebuild("dc3", LOCAL, ring))
                    .hasValue("no node of datacenter dc3 is up to stream from");
        }
    }

    @Nested
    class Scrub {
        @Test
        void ringWithEveryNodeUpAllowsIt() {
            List<RingEndpoint> ring = List.of(
                    node(LOCAL, "dc1", "UP", "NORMAL"),
                    node("127.0.0.2", "dc1", "UP", "NORMAL"),
                    node("127.0.0.3", "dc2", "UP", "JOINING"));

            assertThat(OperationSafety.refuseScrub(LOCAL, ring)).isEmpty();
        }

        @Test
        void aDownNodeAnywhereIsRefusedForTheRepairThatMustFollow() {
            List<RingEndpoint> ring = List.of(
                    node(LOCAL, "dc1", "UP", "NORMAL"),
                    node("127.0.0.2", "dc1", "UP", "NORMAL"),
                    node("127.0.0.9", "dc2", "DOWN", "NORMAL"));

            assertThat(OperationSafety.refuseScrub(LOCAL, ring))
                    .hasValue("node 127.0.0.9 (dc2) is down; a scrub that drops corrupt rows must be followed by a"
                            + " repair from healthy replicas, so every node must be up. Bring it back up (or remove"
                            + " it) first");
        }

        @Test
        void everyDownNodeIsNamed() {
            List<RingEndpoint> ring = List.of(
                    node(LOCAL, "dc1", "UP", "NORMAL"),
                    node("127.0.0.2", "dc1", "DOWN", "NORMAL"),
                    node("127.0.0.3", "dc1", "DOWN", "LEAVING"));

            assertThat(OperationSafety.refuseScrub(LOCAL, ring))
                    .hasValueSatisfying(reason -> assertThat(reason)
                            .startsWith("nodes [127.0.0.2 (dc1), 127.0.0.3 (dc1)] are down;")
                            .endsWith("Bring them back up (or remove them) first"));
        }

        @Test
        void nodeMissingFromItsOwnViewIsRefused() {
            List<RingEndpoint> ring = List.of(node("127.0.0.2", "dc1", "UP", "NORMAL"));

            assertThat(OperationSafety.refuseScrub(LOCAL, ring))
                    .hasValue("this node (127.0.0.1) is not in its own ring view; wait until it has joined");
        }
    }
}
