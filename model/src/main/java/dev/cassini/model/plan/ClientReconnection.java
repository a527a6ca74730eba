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
 * <p>Drivers keep connections to every node of their local datacenter. So a node that has run for
 * less than {@link #GRACE} is awaited while some client address that every longer-running node of
 * its datacenter has a connection from has none to it. A client that never comes back holds the
 * restart up for {@link #GRACE} at most.
 *
 * <p>A node whose client list cannot be read is awaited the same way. Cassandra says NORMAL
 * seconds before it starts its native transport, and its client list exists only from then on:
 * taking an unknown list for "nothing missing" let the next node go down before this one served
 * a single client.
 */
public final class ClientReconnection {
    /** The Java driver's longest wait between reconnection attempts (60 s), plus a start's ~30 s. */
    public static final Duration GRACE = Duration.ofSeconds(90);

    private static final int NAMED = 3;

    private ClientReconnection() {}

    /** The nodes clients have not come back to yet, each with who is missing, e.g. for status. */
    public static List<String> awaited(List<ObservedNode> nodes) {
        List<String> awaited = new ArrayList<>();
        for (ObservedNode node : nodes) {
            AgentView view = node.agent().orElse(null);
            if (!started(view) || view.uptime().compareTo(GRACE) >= 0) {
                continue;
            }
            Set<String> missing = connectedToEverySettledNode(nodes, node.slot().datacenter());
            if (missing == null) {
                continue;
            }
            String waiting = "; waiting up to " + GRACE.minus(view.uptime()).toSeconds() + " s more)";
            if (view.clientAddresses() == null) {
                if (!missing.isEmpty()) {
                    awaited.add(
                            node.pod() + " (its client connections cannot be read yet: CQL is not serving" + waiting);
                }
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

    /** Reported, and running for the grace or longer: a measure of who should be connected. */
    private static boolean settled(AgentView view) {
        return started(view) && view.clientAddresses() != null && view.uptime().compareTo(GRACE) >= 0;
    }

    /** NORMAL, with a known start: a node whose clients can be compared (or awaited). */
    private static boolean started(AgentView view) {
        return view != null && view.normal() && view.uptime() != null;
    }
}
