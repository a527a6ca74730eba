package dev.cassini.model.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether client drivers keep enough coordinators while a rolling restart takes the next nodes
 * down, or must first come back to nodes restarted before.
 *
 * <p>A restarted pod usually comes back at a new address. A driver learns it from the cluster's
 * events and reconnects on its own schedule: the Java driver waits up to 60 s between attempts,
 * and can miss the event until the next one. Cassandra sees the node up long before. Taking nodes
 * down in that window leaves a client fewer coordinators than the cluster has, with three nodes
 * possibly none, and every request fails although a quorum of replicas serves.
 *
 * <p>Drivers keep connections to every node of their local datacenter. The client addresses to
 * look after are those every longer-serving node of the datacenter has a connection from. Before
 * nodes go down, each of them must keep connections to at least {@link #COORDINATORS} nodes of the
 * datacenter that stay up: two, so a request that fails on one coordinator (a pause, a dropped
 * connection) has another to go to. While it has fewer, the restart waits for the nodes it has no
 * connection to yet. With one node per rack that is every node restarted before; with more, the
 * next rack goes while clients reconnect to the last. A client that never comes back holds the
 * restart up for {@link #GRACE} at most.
 *
 * <p>The time counts from when the node serves CQL, not from its process's start: Cassandra says
 * NORMAL a while before its native transport starts (a minute and more on a busy machine), and no
 * client can connect before. A NORMAL node that does not serve CQL yet is awaited without limit
 * while a client needs it; so is one whose client list cannot be read, for the grace.
 */
public final class ClientReconnection {
    /** The Java driver's longest wait between reconnection attempts (60 s), plus the reconnection itself. */
    public static final Duration GRACE = Duration.ofSeconds(75);

    /** Nodes staying up each client must keep a connection to before more nodes go down. */
    public static final int COORDINATORS = 2;

    private static final int NAMED = 3;

    private ClientReconnection() {}

    /**
     * The nodes clients must come back to before these pods go down, each with who is missing, e.g.
     * for status; empty when the pods may go now.
     */
    public static List<String> awaited(List<ObservedNode> nodes, Collection<String> goingDown) {
        Set<String> datacenters = new LinkedHashSet<>();
        nodes.stream()
                .filter(n -> goingDown.contains(n.pod()))
                .forEach(n -> datacenters.add(n.slot().datacenter()));
        List<String> awaited = new ArrayList<>();
        for (String dc : datacenters) {
            Set<String> clients = connectedToEverySettledNode(nodes, dc);
            if (clients == null || clients.isEmpty()) {
                continue; // no longer-serving node to compare with, or no client to look after
            }
            List<ObservedNode> staying = nodes.stream()
                    .filter(n -> n.slot().datacenter().equals(dc) && !goingDown.contains(n.pod()))
                    .toList();
            // Per node clients could still come back to, the clients short of coordinators it lacks.
            Map<ObservedNode, Set<String>> missing = new LinkedHashMap<>();
            for (String client : clients) {
                long connected =
                        staying.stream().filter(n -> connectedFrom(n, client)).count();
                if (connected >= COORDINATORS) {
                    continue;
                }
                staying.stream()
                        .filter(n -> comingBack(n) && !connectedFrom(n, client))
                        .forEach(n ->
                                missing.computeIfAbsent(n, k -> new TreeSet<>()).add(client));
            }
            missing.forEach((node, who) -> awaited.add(describe(node, who)));
        }
        return awaited;
    }

    private static String describe(ObservedNode node, Set<String> who) {
        AgentView view = node.agent().orElseThrow();
        if (view.servingFor() == null) {
            return node.pod() + " (it does not serve CQL yet)";
        }
        String waiting = "; waiting up to " + GRACE.minus(view.servingFor()).toSeconds() + " s more)";
        if (view.clientAddresses() == null) {
            return node.pod() + " (its client connections cannot be read yet" + waiting;
        }
        List<String> sorted = List.copyOf(who);
        String named = String.join(", ", sorted.subList(0, Math.min(NAMED, sorted.size())))
                + (sorted.size() > NAMED ? " and " + (sorted.size() - NAMED) + " more" : "");
        return node.pod() + " (no connection yet from " + named + waiting;
    }

    private static boolean connectedFrom(ObservedNode node, String client) {
        AgentView view = node.agent().orElse(null);
        return view != null
                && view.normal()
                && view.clientAddresses() != null
                && view.clientAddresses().contains(client);
    }

    /**
     * A node up that clients may still connect to: it does not serve CQL yet, or has served for less
     * than the grace. One serving longer that a client has no connection to will not get one.
     */
    private static boolean comingBack(ObservedNode node) {
        AgentView view = node.agent().orElse(null);
        return view != null
                && view.normal()
                && (view.servingFor() == null || view.servingFor().compareTo(GRACE) < 0);
    }

    /** Client addresses every settled node of the datacenter has; null when no node has settled. */
    private static Set<String> connectedToEverySettledNode(List<ObservedNode> nodes, String datacenter) {
        Set<String> common = null;
        for (ObservedNode other : nodes) {
            AgentView view = other.agent().orElse(null);
            if (other.slot().datacenter().equals(datacenter) && settled(view)) {
                if (common == null) {
                    common = new LinkedHashSet<>(view.clientAddresses());
                } else {
                    common.retainAll(view.clientAddresses());
                }
            }
        }
        return common;
    }

    /** NORMAL, serving CQL for the grace or longer, client list known: a measure of who should be connected. */
    private static boolean settled(AgentView view) {
        return view != null
                && view.normal()
                && view.clientAddresses() != null
                && view.servingFor() != null
                && view.servingFor().compareTo(GRACE) >= 0;
    }
}
