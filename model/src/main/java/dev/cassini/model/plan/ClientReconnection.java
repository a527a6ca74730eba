package dev.cassini.model.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether client drivers are back on the nodes that restarted last, so a rolling restart may take
 * the next node down.
 *
 * <p>A restarted pod usually comes back at a new address. A driver learns it from the cluster's
 * events and reconnects on its own schedule: the Java driver waits up to 60 s between attempts,
 * and can miss the event until the next one. Cassandra sees the node up long before. Restarting
 * the next node in that window leaves the client fewer coordinators than the cluster has, with
 * three nodes possibly none, and every request fails although a quorum of replicas serves.
 *
 * <p>Drivers keep connections to every node of their local datacenter. So a node that has served
 * CQL for less than {@link #GRACE} is awaited while some client address that every longer-serving
 * node of its datacenter has a connection from has none to it. A client that never comes back
 * holds the restart up for {@link #GRACE} at most.
 *
 * <p>The time counts from when the node serves CQL, not from its process's start: Cassandra says
 * NORMAL a while before its native transport starts (a minute and more on a busy machine), and no
 * client can connect before. A NORMAL node that does not serve CQL yet is awaited without limit
 * while there are clients to wait for; so is one whose client list cannot be read, for the grace.
 */
public final class ClientReconnection {
    /** The Java driver's longest wait between reconnection attempts (60 s), plus the reconnection itself. */
    public static final Duration GRACE = Duration.ofSeconds(75);

    private static final int NAMED = 3;

    private ClientReconnection() {}

    /** The nodes clients have not come back to yet, each with who is missing, e.g. for status. */
    public static List<String> awaited(List<ObservedNode> nodes) {
        List<String> awaited = new ArrayList<>();
        for (ObservedNode node : nodes) {
            AgentView view = node.agent().orElse(null);
            if (view == null || !view.normal() || settled(view)) {
                continue;
            }
            Set<String> missing = connectedToEverySettledNode(nodes, node.slot().datacenter());
            if (missing == null || missing.isEmpty()) {
                continue; // no longer-serving node to compare with, or no client to wait for
            }
            if (view.servingFor() == null) {
                awaited.add(node.pod() + " (it does not serve CQL yet)");
                continue;
            }
            if (view.servingFor().compareTo(GRACE) >= 0) {
                continue; // its client list cannot be read; it has served long enough anyway
            }
            String waiting = "; waiting up to " + GRACE.minus(view.servingFor()).toSeconds() + " s more)";
            if (view.clientAddresses() == null) {
                awaited.add(node.pod() + " (its client connections cannot be read yet" + waiting);
                continue;
            }
            missing.removeAll(view.clientAddresses());
            if (!missing.isEmpty()) {
                List<String> sorted = missing.stream().sorted().toList();
                String named = String.join(", ", sorted.subList(0, Math.min(NAMED, sorted.size())))
                        + (sorted.size() > NAMED ? " and " + (sorted.size() - NAMED) + " more" : "");
                awaited.add(node.pod() + " (no connection yet from " + named + waiting);
            }
        }
        return awaited;
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
