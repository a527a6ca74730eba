package dev.cassini.model.plan;

import dev.cassini.contract.NodeState;
import dev.cassini.model.migration.DatacenterReplication;
import dev.cassini.model.migration.LeavePreflight;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The next step of datacenters gone from the spec while their nodes still run: refused while
 * applications are connected to them or a keyspace would keep no replica; else every keyspace but
 * {@code system_auth} stops replicating there, then their nodes decommission one at a time (forced
 * only while {@code system_auth}, which Cassandra keeps on a datacenter with live nodes, would
 * otherwise refuse it), then {@code system_auth} lets go of them before the last pod goes.
 */
final class LeavePlan {
    private LeavePlan() {}

    static final String AUTH_KEYSPACE = "system_auth";

    /** The datacenters whose nodes run beyond the spec because the spec no longer names them. */
    static Set<String> leaving(ObservedCluster cluster) {
        Set<String> desired =
                cluster.nodes().stream().map(n -> n.slot().datacenter()).collect(Collectors.toSet());
        return cluster.surplus().stream()
                .map(n -> n.slot().datacenter())
                .filter(dc -> !desired.contains(dc))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Before a leaving datacenter's last decommissioned pod goes: {@code system_auth} must stop
     * naming it, which Cassandra allows now that it has no live node. Empty when nothing names it.
     */
    static Optional<Action> beforeTheLastPodGoes(ObservedCluster cluster, ObservedNode decommissioned) {
        String dc = decommissioned.slot().datacenter();
        if (!leaving(cluster).contains(dc)) {
            return Optional.empty();
        }
        boolean lastOfDatacenter = cluster.surplus().stream()
                .filter(n -> n.slot().datacenter().equals(dc))
                .allMatch(n -> n.agent()
                        .map(a -> a.state() == NodeState.DECOMMISSIONED)
                        .orElse(false));
        if (!lastOfDatacenter || !namedBy(cluster.keyspaceReplication(), dc)) {
            return Optional.empty();
        }
        return Optional.of(new Action.WithdrawReplication(
                Set.of(dc),
                true,
                "datacenter " + dc + " has no live node left: taking it out of " + AUTH_KEYSPACE
                        + " and every other keyspace that still names it"));
    }

    /** The next step while datacenters leave; empty when none does. Every node is up (checked before). */
    static Optional<Action> next(ObservedCluster cluster) {
        Set<String> leaving = leaving(cluster);
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(", ", leaving);
        List<LeavePreflight.Client> clients = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (ObservedNode node : cluster.surplus()) {
            if (!leaving.contains(node.slot().datacenter())) {
                continue;
            }
            AgentView agent = node.agent().orElseThrow();
            if (agent.clients() == null) {
                unknown.add(node.pod());
            } else {
                agent.clients()
                        .forEach(c -> clients.add(
                                new LeavePreflight.Client(node.slot().datacenter(), node.pod(), c)));
            }
        }
        if (!unknown.isEmpty() && !cluster.forceLeave()) {
            return Optional.of(new Action.Wait("datacenter " + names + " leaves once the clients of "
                    + String.join(", ", unknown) + " can be read, to check no application still uses it"));
        }
        if (cluster.keyspaceReplication().isEmpty()) {
            return Optional.of(
                    new Action.Wait("datacenter " + names + " leaves once the keyspaces' replication can be read"));
        }
        List<String> refusals =
                LeavePreflight.refusals(leaving, cluster.keyspaceReplication(), clients, cluster.forceLeave());
        if (!refusals.isEmpty()) {
            return Optional.of(new Action.Refuse(
                    Action.Refuse.DATACENTER_REMOVAL,
                    "removal of datacenter " + names + " refused: " + String.join("; ", refusals)
                            + ". Or put it back in spec.datacenters; every node keeps running"));
        }
        if (!LeavePreflight.alters(leaving, cluster.keyspaceReplication(), false)
                .isEmpty()) {
            return Optional.of(new Action.WithdrawReplication(
                    leaving,
                    false,
                    "datacenter " + names + " leaves: taking it out of every keyspace's replication first ("
                            + AUTH_KEYSPACE + " last, once it has no live node), every other datacenter kept"));
        }
        ObservedNode next = cluster.surplus().stream()
                .filter(n -> leaving.contains(n.slot().datacenter()))
                .max(Comparator.comparing((ObservedNode n) -> n.slot().datacenter(), Comparator.reverseOrder())
                        .thenComparingInt(n -> n.slot().ordinal())
                        .thenComparing(n -> n.slot().rack()))
                .orElseThrow();
        String dc = next.slot().datacenter();
        long inRing = cluster.surplus().stream()
                .filter(n -> n.slot().datacenter().equals(dc))
                .count();
        int authReplicas = replicas(cluster.keyspaceReplication().get(AUTH_KEYSPACE), dc);
        // Cassandra refuses a plain decommission while a keyspace keeps no more nodes in the
        // datacenter than its replicas there; only system_auth can still name this one (the rest
        // were altered above), and it cannot let go while the datacenter has live nodes.
        boolean force = authReplicas >= inRing;
        return Optional.of(new Action.Decommission(
                next.pod(),
                force,
                "datacenter " + dc + " leaves: decommissioning " + next.pod() + " (" + inRing + " of its nodes left"
                        + (force
                                ? "; forced, as " + AUTH_KEYSPACE + " keeps " + authReplicas
                                        + " replicas there until its last node is gone"
                                : "")
                        + ")"));
    }

    private static boolean namedBy(Map<String, Map<String, String>> keyspaces, String dc) {
        return keyspaces.values().stream().anyMatch(r -> DatacenterReplication.isTopology(r) && r.containsKey(dc));
    }

    private static int replicas(Map<String, String> replication, String dc) {
        if (replication == null || !DatacenterReplication.replicatesTo(replication, dc)) {
            return 0;
        }
        return Integer.parseInt(replication.get(dc).replaceAll("/.*", ""));
    }
}
