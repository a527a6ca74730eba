package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.model.NodeSlot;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class ClientReconnectionTest {
    private static final Duration SETTLED = ClientReconnection.GRACE.plusSeconds(600);
    private static final Duration JUST_STARTED = Duration.ofSeconds(20);
    /** The node to go down next in most cases here. */
    private static final List<String> R2 = List.of("demo-dc1-r2-0");

    private static ObservedNode node(String dc, int rack, List<String> clients, Duration uptime) {
        return node(dc, rack, NodeState.NORMAL, clients, uptime);
    }

    private static ObservedNode node(String dc, int rack, NodeState state, List<String> clients, Duration uptime) {
        String pod = "demo-" + dc + "-r" + rack + "-0";
        return new ObservedNode(
                new NodeSlot(dc, "r" + rack, 0, pod, rack),
                Optional.of("10.0.0." + rack),
                Optional.of(new AgentView(state, "h" + rack, true, List.of(), null, clients, uptime)));
    }

    @Test
    void aRestartedNodeIsAwaitedUntilEveryClientOfTheOthersIsBackOnIt() {
        List<ObservedNode> nodes = List.of(
                node("dc1", 1, List.of("10.1.0.1"), JUST_STARTED),
                node("dc1", 2, List.of("10.1.0.1", "10.1.0.2"), SETTLED),
                node("dc1", 3, List.of("10.1.0.1", "10.1.0.2", "10.1.0.3"), SETTLED));
        assertThat(ClientReconnection.awaited(nodes, R2))
                .singleElement(InstanceOfAssertFactories.STRING)
                .isEqualTo("demo-dc1-r1-0 (no connection yet from 10.1.0.2; waiting up to 55 s more)");

        List<ObservedNode> back = List.of(
                node("dc1", 1, List.of("10.1.0.1", "10.1.0.2"), JUST_STARTED),
                node("dc1", 2, List.of("10.1.0.1", "10.1.0.2"), SETTLED),
                node("dc1", 3, List.of("10.1.0.1", "10.1.0.2", "10.1.0.3"), SETTLED));
        assertThat(ClientReconnection.awaited(back, R2)).isEmpty();
    }

    @Test
    void manyMissingClientsAreNamedAFewAtATime() {
        List<String> clients = List.of("10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.0.4", "10.1.0.5");
        List<ObservedNode> nodes = List.of(node("dc1", 1, List.of(), JUST_STARTED), node("dc1", 2, clients, SETTLED));
        assertThat(ClientReconnection.awaited(nodes, R2))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("from 10.1.0.1, 10.1.0.2, 10.1.0.3 and 2 more;");
    }

    @Test
    void aClientThatNeverComesBackHoldsTheRestartUpForTheGraceAtMost() {
        List<String> clients = List.of("10.1.0.1");
        assertThat(ClientReconnection.awaited(
                        List.of(
                                node("dc1", 1, List.of(), ClientReconnection.GRACE.minusSeconds(1)),
                                node("dc1", 2, clients, SETTLED)),
                        R2))
                .hasSize(1);
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, List.of(), ClientReconnection.GRACE), node("dc1", 2, clients, SETTLED)),
                        R2))
                .isEmpty();
    }

    @Test
    void nodesAreComparedWithinTheirDatacenterBecauseDriversConnectToTheLocalOne() {
        List<ObservedNode> nodes = List.of(
                node("dc1", 1, List.of(), JUST_STARTED),
                node("dc1", 2, List.of(), SETTLED),
                node("dc2", 1, List.of("10.2.0.1"), SETTLED),
                node("dc2", 2, List.of("10.2.0.1"), JUST_STARTED));
        assertThat(ClientReconnection.awaited(nodes, R2)).isEmpty();

        List<ObservedNode> dc2Behind = List.of(
                node("dc1", 1, List.of(), JUST_STARTED),
                node("dc1", 2, List.of(), SETTLED),
                node("dc2", 1, List.of("10.2.0.1"), SETTLED),
                node("dc2", 2, List.of(), JUST_STARTED));
        assertThat(ClientReconnection.awaited(dc2Behind, List.of("demo-dc2-r1-0")))
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("demo-dc2-r2-0");
        assertThat(ClientReconnection.awaited(dc2Behind, R2))
                .as("dc2's clients keep dc2's coordinators while a dc1 node goes")
                .isEmpty();
    }

    @Test
    void aClientConnectedToSomeNodesOnlyIsNotWaitedFor() {
        List<ObservedNode> nodes = List.of(
                node("dc1", 1, List.of("10.1.0.1"), JUST_STARTED),
                node("dc1", 2, List.of("10.1.0.1", "10.1.0.9"), SETTLED),
                node("dc1", 3, List.of("10.1.0.1"), SETTLED));
        assertThat(ClientReconnection.awaited(nodes, R2)).isEmpty();
    }

    @Test
    void aNormalNodeThatDoesNotServeCqlYetIsAwaitedForAsLongAsItTakes() {
        // Cassandra is NORMAL well before its native transport (and its client list) exists.
        List<String> clients = List.of("10.1.0.1");
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, null, null), node("dc1", 2, clients, SETTLED)), R2))
                .containsExactly("demo-dc1-r1-0 (it does not serve CQL yet)");
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, null, null), node("dc1", 2, List.of(), SETTLED)), R2))
                .as("no client to wait for")
                .isEmpty();
    }

    @Test
    void aServingNodeWhoseClientListCannotBeReadIsAwaitedForTheGraceAtMost() {
        List<String> clients = List.of("10.1.0.1");
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, null, JUST_STARTED), node("dc1", 2, clients, SETTLED)), R2))
                .containsExactly("demo-dc1-r1-0 (its client connections cannot be read yet; waiting up to 55 s more)");
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, null, ClientReconnection.GRACE), node("dc1", 2, clients, SETTLED)), R2))
                .isEmpty();
        // A settled node whose list cannot be read is no measure of who should be connected.
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, List.of(), JUST_STARTED), node("dc1", 2, null, SETTLED)), R2))
                .isEmpty();
    }

    @Test
    void withoutANodeThatRanLongerOrWithoutAddressesThereIsNothingToCompareWith() {
        List<String> clients = List.of("10.1.0.1");
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, List.of(), JUST_STARTED), node("dc1", 2, clients, JUST_STARTED)), R2))
                .isEmpty();
        // A node that does not serve (draining, say) is no measure of who should be connected.
        assertThat(ClientReconnection.awaited(
                        List.of(
                                node("dc1", 1, List.of(), JUST_STARTED),
                                node("dc1", 2, NodeState.DRAINING, clients, SETTLED)),
                        R2))
                .isEmpty();
    }

    /** Six nodes in three racks, two per rack; each rack's nodes as given. */
    private static List<ObservedNode> sixNodes(
            List<String> clients1, Duration up1, List<String> clients2, Duration up2) {
        List<ObservedNode> nodes = new java.util.ArrayList<>();
        for (int rack = 1; rack <= 3; rack++) {
            for (int i = 0; i < 2; i++) {
                String pod = "demo-dc1-r" + rack + "-" + i;
                List<String> clients = rack == 1 ? clients1 : rack == 2 ? clients2 : List.of("10.1.0.1");
                Duration up = rack == 1 ? up1 : rack == 2 ? up2 : SETTLED;
                nodes.add(new ObservedNode(
                        new NodeSlot("dc1", "r" + rack, i, pod, rack),
                        Optional.of("10.0." + rack + "." + i),
                        Optional.of(new AgentView(NodeState.NORMAL, pod, true, List.of(), null, clients, up))));
            }
        }
        return nodes;
    }

    @Test
    void theNextRackGoesWhileClientsReconnectToTheLastWhenTwoNodesTheyUseStayUp() {
        // Rack r1 just restarted at new addresses; the client is still on r2 and r3 only.
        List<ObservedNode> nodes = sixNodes(List.of(), JUST_STARTED, List.of("10.1.0.1"), SETTLED);
        assertThat(ClientReconnection.awaited(nodes, List.of("demo-dc1-r2-0", "demo-dc1-r2-1")))
                .as("r3's two nodes coordinate while r2 restarts")
                .isEmpty();
    }

    @Test
    void theLastRackWaitsUntilClientsAreBackOnTwoNodesThatStayUp() {
        // r1 restarted a while ago, r2 just now; the client is on r3 only, which goes next.
        List<String> r3 = List.of("demo-dc1-r3-0", "demo-dc1-r3-1");
        List<ObservedNode> nodes = sixNodes(List.of(), Duration.ofSeconds(50), List.of(), JUST_STARTED);
        assertThat(ClientReconnection.awaited(nodes, r3))
                .containsExactly(
                        "demo-dc1-r1-0 (no connection yet from 10.1.0.1; waiting up to 25 s more)",
                        "demo-dc1-r1-1 (no connection yet from 10.1.0.1; waiting up to 25 s more)",
                        "demo-dc1-r2-0 (no connection yet from 10.1.0.1; waiting up to 55 s more)",
                        "demo-dc1-r2-1 (no connection yet from 10.1.0.1; waiting up to 55 s more)");
        // Back on r1's two nodes: enough, whether or not it is back on r2 yet.
        assertThat(ClientReconnection.awaited(
                        sixNodes(List.of("10.1.0.1"), Duration.ofSeconds(55), List.of(), JUST_STARTED), r3))
                .isEmpty();
        // Back on one node of r1 and one of r2: two coordinators too.
        List<ObservedNode> oneEach = new java.util.ArrayList<>(nodes);
        for (String pod : List.of("demo-dc1-r1-0", "demo-dc1-r2-1")) {
            int i = oneEach.stream().map(ObservedNode::pod).toList().indexOf(pod);
            ObservedNode n = oneEach.get(i);
            AgentView v = n.agent().orElseThrow();
            oneEach.set(
                    i,
                    new ObservedNode(
                            n.slot(),
                            n.address(),
                            Optional.of(new AgentView(
                                    v.state(),
                                    v.hostId(),
                                    true,
                                    List.of(),
                                    null,
                                    List.of("10.1.0.1"),
                                    v.servingFor()))));
        }
        assertThat(ClientReconnection.awaited(oneEach, r3)).isEmpty();
    }

    @Test
    void withOneNodePerRackTheNextWaitsForTheOneRestartedBefore() {
        // Three nodes: the client keeps r3 alone while r2 goes, unless it is back on r1.
        List<ObservedNode> nodes = List.of(
                node("dc1", 1, List.of(), JUST_STARTED),
                node("dc1", 2, List.of("10.1.0.1"), SETTLED),
                node("dc1", 3, List.of("10.1.0.1"), SETTLED));
        assertThat(ClientReconnection.awaited(nodes, R2))
                .containsExactly("demo-dc1-r1-0 (no connection yet from 10.1.0.1; waiting up to 55 s more)");
    }
}
