package dev.cassini.model.plan;

import dev.cassini.contract.ClientConnection;
import dev.cassini.contract.NodeState;
import java.time.Duration;
import java.util.List;

/**
 * What a node's agent reported, as the planner needs it.
 *
 * @param state the node's state as its agent reports it
 * @param joined the node has been NORMAL at least once: it owns tokens and data and restarts as itself;
 *        a node that never joined (new, or a replacement whose first start failed) joins or replaces again
 * @param seeds the seed list the agent has persisted
 * @param disk the data volume's use; null when the agent cannot tell (Cassandra not running)
 * @param clientAddresses the addresses clients connect to the node's CQL port from; null when unknown
 * @param servingFor how long the node has served CQL clients (its native transport running); null
 *     while it does not, or when its agent cannot tell
 * @param clients the connections to the node's CQL port with their role and application; null
 *     when unknown
 */
public record AgentView(
        NodeState state,
        String hostId,
        boolean joined,
        List<String> seeds,
        DiskUsage disk,
        List<String> clientAddresses,
        Duration servingFor,
        List<ClientConnection> clients) {
    public AgentView {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        clientAddresses = clientAddresses == null ? null : List.copyOf(clientAddresses);
        clients = clients == null ? null : List.copyOf(clients);
    }

    public AgentView(
            NodeState state,
            String hostId,
            boolean joined,
            List<String> seeds,
            DiskUsage disk,
            List<String> clientAddresses,
            Duration servingFor) {
        this(state, hostId, joined, seeds, disk, clientAddresses, servingFor, null);
    }

    public AgentView(NodeState state, String hostId, boolean joined, List<String> seeds, DiskUsage disk) {
        this(state, hostId, joined, seeds, disk, null, null);
    }

    public AgentView(NodeState state, String hostId, boolean joined, List<String> seeds) {
        this(state, hostId, joined, seeds, null);
    }

    public boolean normal() {
        return state == NodeState.NORMAL;
    }

    /** Cassandra is not running and nothing is under way: the node waits to be started. */
    public boolean idle() {
        return state.idle();
    }

    /** A state that resolves by itself; the planner waits for it. */
    public boolean transitioning() {
        return state.transitioning();
    }
}
