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
        assertThat(ClientReconnection.awaited(nodes))
                .singleElement(InstanceOfAssertFactories.STRING)
                .isEqualTo("demo-dc1-r1-0 (no connection yet from 10.1.0.2; waiting up to 55 s more)");

        List<ObservedNode> back = List.of(
                node("dc1", 1, List.of("10.1.0.1", "10.1.0.2"), JUST_STARTED),
                node("dc1", 2, List.of("10.1.0.1", "10.1.0.2"), SETTLED),
                node("dc1", 3, List.of("10.1.0.1", "10.1.0.2", "10.1.0.3"), SETTLED));
        assertThat(ClientReconnection.awaited(back)).isEmpty();
    }

    @Test
    void manyMissingClientsAreNamedAFewAtATime() {
        List<String> clients = List.of("10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.0.4", "10.1.0.5");
        List<ObservedNode> nodes = List.of(node("dc1", 1, List.of(), JUST_STARTED), node("dc1", 2, clients, SETTLED));
        assertThat(ClientReconnection.awaited(nodes))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("from 10.1.0.1, 10.1.0.2, 10.1.0.3 and 2 more;");
    }

    @Test
    void aClientThatNeverComesBackHoldsTheRestartUpForTheGraceAtMost() {
        List<String> clients = List.of("10.1.0.1");
        assertThat(ClientReconnection.awaited(List.of(
                        node("dc1", 1, List.of(), ClientReconnection.GRACE.minusSeconds(1)),
                        node("dc1", 2, clients, SETTLED))))
                .hasSize(1);
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, List.of(), ClientReconnection.GRACE), node("dc1", 2, clients, SETTLED))))
                .isEmpty();
    }

    @Test
    void nodesAreComparedWithinTheirDatacenterBecauseDriversConnectToTheLocalOne() {
        List<ObservedNode> nodes = List.of(
                node("dc1", 1, List.of(), JUST_STARTED),
                node("dc1", 2, List.of(), SETTLED),
                node("dc2", 1, List.of("10.2.0.1"), SETTLED),
                node("dc2", 2, List.of("10.2.0.1"), JUST_STARTED));
        assertThat(ClientReconnection.awaited(nodes)).isEmpty();

        List<ObservedNode> dc2Behind = List.of(
                node("dc1", 1, List.of(), JUST_STARTED),
                node("dc1", 2, List.of(), SETTLED),
                node("dc2", 1, List.of("10.2.0.1"), SETTLED),
                node("dc2", 2, List.of(), JUST_STARTED));
        assertThat(ClientReconnection.awaited(dc2Behind))
                .singleElement(InstanceOfAssertFactories.STRING)
                .startsWith("demo-dc2-r2-0");
    }

    @Test
    void aClientConnectedToSomeNodesOnlyIsNotWaitedFor() {
        List<ObservedNode> nodes = List.of(
                node("dc1", 1, List.of("10.1.0.1"), JUST_STARTED),
                node("dc1", 2, List.of("10.1.0.1", "10.1.0.9"), SETTLED),
                node("dc1", 3, List.of("10.1.0.1"), SETTLED));
        assertThat(ClientReconnection.awaited(nodes)).isEmpty();
    }

    @Test
    void aNormalNodeThatDoesNotServeCqlYetIsAwaitedForAsLongAsItTakes() {
        // Cassandra is NORMAL well before its native transport (and its client list) exists.
        List<String> clients = List.of("10.1.0.1");
        assertThat(ClientReconnection.awaited(List.of(node("dc1", 1, null, null), node("dc1", 2, clients, SETTLED))))
                .containsExactly("demo-dc1-r1-0 (it does not serve CQL yet)");
        assertThat(ClientReconnection.awaited(List.of(node("dc1", 1, null, null), node("dc1", 2, List.of(), SETTLED))))
                .as("no client to wait for")
                .isEmpty();
    }

    @Test
    void aServingNodeWhoseClientListCannotBeReadIsAwaitedForTheGraceAtMost() {
        List<String> clients = List.of("10.1.0.1");
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, null, JUST_STARTED), node("dc1", 2, clients, SETTLED))))
                .containsExactly("demo-dc1-r1-0 (its client connections cannot be read yet; waiting up to 55 s more)");
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, null, ClientReconnection.GRACE), node("dc1", 2, clients, SETTLED))))
                .isEmpty();
        // A settled node whose list cannot be read is no measure of who should be connected.
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, List.of(), JUST_STARTED), node("dc1", 2, null, SETTLED))))
                .isEmpty();
    }

    @Test
    void withoutANodeThatRanLongerOrWithoutAddressesThereIsNothingToCompareWith() {
        List<String> clients = List.of("10.1.0.1");
        assertThat(ClientReconnection.awaited(
                        List.of(node("dc1", 1, List.of(), JUST_STARTED), node("dc1", 2, clients, JUST_STARTED))))
                .isEmpty();
        // A node that does not serve (draining, say) is no measure of who should be connected.
        assertThat(ClientReconnection.awaited(List.of(
                        node("dc1", 1, List.of(), JUST_STARTED), node("dc1", 2, NodeState.DRAINING, clients, SETTLED))))
                .isEmpty();
    }
}
