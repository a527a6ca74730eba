package dev.cassini.model.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The next step of a rolling restart: which nodes on an outdated template drain and restart now.
 *
 * <p>Racks go one at a time, in the order of the nodes. Within a rack, every outdated node goes at
 * once when {@link RackIsolation} says the rack holds at most one replica of every range (then a
 * rack down costs each range what one node down would), up to the datacenter's
 * {@code rollingRestart.maxUnavailable}; otherwise one node at a time. A restart of six nodes in
 * three racks thus takes three rounds rather than six.
 *
 * <p>Before any round, every node must see every other up (gossip lags a restart by seconds, and a
 * restarted node can count a peer down for Cassandra's 60 s quarantine when it heard of the peer's old
 * address first), and every client must keep two coordinators among the nodes that stay up, back
 * on nodes restarted before if it has to ({@link ClientReconnection}).
 */
public final class RollingRestartPlan {
    private RollingRestartPlan() {}

    /** The next restart, or a wait before it; empty when no node is outdated. */
    public static Optional<Action> next(ObservedCluster cluster) {
        List<ObservedNode> outdated =
                cluster.nodes().stream().filter(ObservedNode::outdated).toList();
        if (outdated.isEmpty()) {
            return Optional.empty();
        }
        if (!cluster.peersDown().isEmpty()) {
            return Optional.of(new Action.Wait("rolling restart paused until every node sees every other up: "
                    + String.join(", ", cluster.peersDown())));
        }
        Action.RestartNodes restart = round(cluster, outdated);
        List<String> reconnecting = ClientReconnection.awaited(cluster.nodes(), restart.pods());
        if (!reconnecting.isEmpty()) {
            return Optional.of(new Action.Wait("rolling restart of " + String.join(", ", restart.pods())
                    + " paused until clients reconnect to " + String.join(", ", reconnecting)));
        }
        return Optional.of(restart);
    }

    /** The nodes to restart next: the first outdated node's rack, or that node alone. */
    private static Action.RestartNodes round(ObservedCluster cluster, List<ObservedNode> outdated) {
        ObservedNode first = outdated.get(0);
        String dc = first.slot().datacenter();
        String rack = first.slot().rack();
        List<String> ofRack = outdated.stream()
                .filter(n -> n.slot().datacenter().equals(dc) && n.slot().rack().equals(rack))
                .map(ObservedNode::pod)
                .toList();
        String left = " (" + outdated.size() + " of " + cluster.nodes().size() + " still to restart)";
        if (ofRack.size() == 1) {
            return new Action.RestartNodes(
                    ofRack, "rolling restart for a new configuration: draining and restarting " + ofRack.get(0) + left);
        }
        Optional<String> oneAtATime = oneAtATimeBecause(cluster, dc);
        if (oneAtATime.isPresent()) {
            return new Action.RestartNodes(
                    List.of(first.pod()),
                    "rolling restart for a new configuration, one node at a time because " + oneAtATime.get()
                            + ": draining and restarting " + first.pod() + left);
        }
        int limit = cluster.maxUnavailable().getOrDefault(dc, Integer.MAX_VALUE);
        List<String> batch = ofRack.subList(0, Math.min(limit, ofRack.size()));
        return new Action.RestartNodes(
                batch,
                "rolling restart for a new configuration, rack " + rack + " of " + dc
                        + " together (it holds at most one replica of every range): draining and restarting "
                        + String.join(", ", batch) + left);
    }

    /**
     * Whether a rolling restart could take several nodes of a rack down at once, so the keyspaces'
     * replication is worth reading: some rack has two outdated nodes and its datacenter allows more than one.
     */
    public static boolean couldRestartSeveral(List<ObservedNode> nodes, Map<String, Integer> maxUnavailable) {
        Map<List<String>, Long> outdatedByRack = nodes.stream()
                .filter(ObservedNode::outdated)
                .filter(n -> maxUnavailable.getOrDefault(n.slot().datacenter(), Integer.MAX_VALUE) > 1)
                .collect(Collectors.groupingBy(
                        n -> List.of(n.slot().datacenter(), n.slot().rack()), Collectors.counting()));
        return outdatedByRack.values().stream().anyMatch(count -> count > 1);
    }

    /** Why the datacenter's nodes must restart one at a time; empty when several of a rack may go at once. */
    static Optional<String> oneAtATimeBecause(ObservedCluster cluster, String dc) {
        if (cluster.maxUnavailable().getOrDefault(dc, Integer.MAX_VALUE) <= 1) {
            return Optional.of("rollingRestart.maxUnavailable of " + dc + " is 1");
        }
        if (!cluster.keyspaceReplicationKnown()) {
            return Optional.of("the keyspaces' replication could not be read");
        }
        int racks = (int) cluster.nodes().stream()
                .filter(n -> n.slot().datacenter().equals(dc))
                .map(n -> n.slot().rack())
                .distinct()
                .count();
        List<String> violations = RackIsolation.violations(dc, racks, cluster.keyspaceReplication());
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(violations.get(0)
                + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more keyspaces)" : ""));
    }
}
