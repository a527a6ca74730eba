package dev.cassini.model.plan;

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
 * The next step of leaving datacenters: managed ones gone from the spec while their nodes still
 * run, and external ones marked {@code leaving}. Refused while applications are connected to them
 * or a keyspace would keep no replica; else every keyspace but {@code system_auth} stops
 * replicating there, then their nodes decommission one at a time (forced only while {@code
 * system_auth}, which Cassandra keeps on a datacenter with live nodes, would otherwise refuse it;
 * an external node through the agent at its address, or by the command status gives), then {@code
 * system_auth} lets go of them once no node of theirs is left in the ring.
 */
final class LeavePlan {
    private LeavePlan() {}

    static final String AUTH_KEYSPACE = "system_auth";

    /** The leaving datacenters: managed ones whose nodes run beyond the spec, and external ones marked leaving. */
    static Set<String> leaving(ObservedCluster cluster) {
        Set<String> desired =
                cluster.nodes().stream().map(n -> n.slot().datacenter()).collect(Collectors.toSet());
        Set<String> leaving = cluster.surplus().stream()
                .map(n -> n.slot().datacenter())
                .filter(dc -> !desired.contains(dc))
                .collect(Collectors.toCollection(TreeSet::new));
        leaving.addAll(cluster.leavingExternalDatacenters());
        return leaving;
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
                .allMatch(n -> ScaleDownPlan.hasLeft(cluster, n));
        if (!lastOfDatacenter || !namedBy(cluster.keyspaceReplication(), dc)) {
            return Optional.empty();
        }
        return Optional.of(authLetsGo(dc));
    }

    private static Action authLetsGo(String dc) {
        return new Action.WithdrawReplication(
                Set.of(dc),
                true,
                "datacenter " + dc + " has no live node left: taking it out of " + AUTH_KEYSPACE
                        + " and every other keyspace that still names it");
    }

    /**
     * A pod of a leaving datacenter that does not run (its machine or volume is lost for good) holds
     * a node the ring still has, which cannot decommission itself. Without {@code
     * cassini.dev/force-leave} the leave waits and says what to do; with it, the node is removed from
     * the ring (removenode, through a serving node of this cluster, while every other node is up), after
     * which its pod and volume go as a decommissioned node's do. Before any ALTER, as for an external
     * node: Cassandra refuses to change replication while a stopped node is in the ring. Empty when no
     * such pod is there.
     */
    static Optional<Action> downManagedNode(ObservedCluster cluster) {
        Set<String> leaving = leaving(cluster);
        List<ObservedNode> down = cluster.surplus().stream()
                .filter(n -> leaving.contains(n.slot().datacenter()) && !n.reachable())
                .filter(n -> ScaleDownPlan.stillInRing(cluster, n))
                .toList();
        if (down.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(", ", leaving);
        String which = down.stream()
                .map(n -> n.pod() + " (host ID " + ScaleDownPlan.hostId(cluster, n) + ")")
                .collect(Collectors.joining(", "));
        if (!cluster.forceLeave()) {
            return Optional.of(new Action.Wait("datacenter " + names + " leaves, but the pod"
                    + (down.size() == 1 ? " " + which + " does" : "s " + which + " do")
                    + " not run, so its node cannot decommission. Get it running again and the leave goes on; if"
                    + " its node or volume is lost for good, annotate the cluster with cassini.dev/force-leave: \"true\""
                    + " and the operator removes it from the ring (removenode)"));
        }
        List<String> replicaless = LeavePreflight.refusals(leaving, cluster.keyspaceReplication(), List.of(), true);
        if (!replicaless.isEmpty()) {
            return Optional.of(new Action.Refuse(
                    Action.Refuse.DATACENTER_REMOVAL,
                    "removal of datacenter " + names + " refused: " + String.join("; ", replicaless)
                            + ". Or keep it (put it back in spec.datacenters); every node that runs keeps running"));
        }
        ObservedNode dead = down.get(0);
        String hostId = ScaleDownPlan.hostId(cluster, dead);
        String address = cluster.known().containsKey(dead.pod())
                ? cluster.known().get(dead.pod()).lastAddress()
                : null;
        List<String> othersDown = cluster.peersDown().stream()
                .filter(entry -> address == null || !RingObservation.isAbout(entry, address))
                .toList();
        Optional<ObservedNode> through = removenodeRunner(cluster);
        if (!othersDown.isEmpty() || through.isEmpty()) {
            return Optional.of(new Action.Wait("datacenter " + names + " leaves: " + which
                    + " is removed from the ring once a node of this cluster serves and every other node is up"
                    + (othersDown.isEmpty() ? "" : " (" + String.join(", ", othersDown) + ")")));
        }
        return Optional.of(new Action.RemoveDeadNode(
                through.get().pod(),
                hostId,
                address,
                "datacenter " + dead.slot().datacenter() + " leaves: removing the node of " + dead.pod()
                        + " (host ID " + hostId + "), whose pod does not run, from the"
                        + " ring through " + through.get().pod() + " (forced leave; " + down.size()
                        + " such node" + (down.size() == 1 ? "" : "s") + " to remove)"));
    }

    /** The next step while datacenters leave; empty when none does. Every managed node is up (checked before). */
    static Optional<Action> next(ObservedCluster cluster) {
        Set<String> leaving = leaving(cluster);
        if (leaving.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(", ", leaving);
        List<ExternalNode> external = cluster.externalNodes().stream()
                .filter(n -> leaving.contains(n.datacenter()) && n.inRing())
                .toList();
        List<String> moving = external.stream()
                .filter(ExternalNode::leaving)
                .map(ExternalNode::address)
                .toList();
        if (!moving.isEmpty()) {
            return Optional.of(new Action.Wait("datacenter " + names + " leaves: waiting for "
                    + String.join(", ", moving) + " to finish leaving the ring"));
        }
        if (cluster.keyspaceReplication().isEmpty()) {
            return Optional.of(
                    new Action.Wait("datacenter " + names + " leaves once the keyspaces' replication can be read"));
        }
        for (String dc : cluster.leavingExternalDatacenters()) {
            boolean gone = external.stream().noneMatch(n -> n.datacenter().equals(dc));
            if (gone && namedBy(cluster.keyspaceReplication(), dc)) {
                return Optional.of(authLetsGo(dc));
            }
        }
        Set<String> stillThere = new TreeSet<>();
        cluster.surplus().stream()
                .filter(n -> leaving.contains(n.slot().datacenter()))
                .forEach(n -> stillThere.add(n.slot().datacenter()));
        external.forEach(n -> stillThere.add(n.datacenter()));
        if (stillThere.isEmpty()) {
            return Optional.empty(); // every leaving datacenter has left and no keyspace names it
        }
        List<ExternalNode> dead = external.stream().filter(n -> !n.up()).toList();
        if (!dead.isEmpty() && !cluster.forceLeave()) {
            return Optional.of(new Action.Wait(deadNodes(names, dead)));
        }
        Optional<Action> refused = refusal(cluster, leaving, external, names);
        if (refused.isPresent()) {
            return refused;
        }
        List<String> othersDown = cluster.peersDown().stream()
                .filter(entry -> dead.stream().noneMatch(n -> RingObservation.isAbout(entry, n.address())))
                .toList();
        if (!othersDown.isEmpty()) {
            return Optional.of(new Action.Wait("datacenter " + names + " leaves once every node sees every other up: "
                    + String.join(", ", othersDown)));
        }
        if (!dead.isEmpty()) {
            // Before any ALTER: Cassandra refuses to change replication while a node is not NORMAL in
            // gossip, and a node that was stopped announced its shutdown.
            return Optional.of(removal(cluster, dead.get(0), dead.size()));
        }
        if (!LeavePreflight.alters(leaving, cluster.keyspaceReplication(), false)
                .isEmpty()) {
            return Optional.of(new Action.WithdrawReplication(
                    leaving,
                    false,
                    "datacenter " + names + " leaves: taking it out of every keyspace's replication first ("
                            + AUTH_KEYSPACE + " last, once it has no live node), every other datacenter kept"));
        }
        Optional<ObservedNode> managed = cluster.surplus().stream()
                .filter(n -> leaving.contains(n.slot().datacenter()))
                .max(Comparator.comparing((ObservedNode n) -> n.slot().datacenter(), Comparator.reverseOrder())
                        .thenComparingInt(n -> n.slot().ordinal())
                        .thenComparing(n -> n.slot().rack()));
        if (managed.isPresent()) {
            ObservedNode next = managed.get();
            String dc = next.slot().datacenter();
            long inRing = cluster.surplus().stream()
                    .filter(n -> n.slot().datacenter().equals(dc))
                    .count();
            int authReplicas = authReplicas(cluster, dc);
            return Optional.of(new Action.Decommission(
                    next.pod(), authReplicas >= inRing, decommissioning(dc, next.pod(), inRing, authReplicas)));
        }
        ExternalNode next = external.stream()
                .min(Comparator.comparing(ExternalNode::datacenter).thenComparing(ExternalNode::address))
                .orElseThrow();
        long inRing = external.stream()
                .filter(n -> n.datacenter().equals(next.datacenter()))
                .count();
        int authReplicas = authReplicas(cluster, next.datacenter());
        boolean force = authReplicas >= inRing;
        if (next.agent().isEmpty()) {
            // No agent to call: the people who run the node do it, and the plan goes on once it has left.
            return Optional.of(new Action.Wait("datacenter " + next.datacenter()
                    + " leaves: no Cassini agent answers at "
                    + next.address() + "; run nodetool decommission" + (force ? " --force" : "") + " on "
                    + next.address() + " (host ID " + next.hostId() + "), one node at a time, or run the node with"
                    + " cassini node so the operator can; " + inRing + " of its nodes left"));
        }
        return Optional.of(new Action.DecommissionExternal(
                next.address(), force, decommissioning(next.datacenter(), next.address(), inRing, authReplicas)));
    }

    /**
     * Why the leave waits for nodes that are down: a node decommissions only itself, so a dead one
     * either comes back or is removed, which only the people who run it can tell apart.
     */
    private static String deadNodes(String names, List<ExternalNode> dead) {
        String which = dead.stream()
                .map(n -> n.address() + " (host ID " + n.hostId() + ")")
                .collect(Collectors.joining(", "));
        return "datacenter " + names + " leaves, but " + which + (dead.size() == 1 ? " is" : " are")
                + " down and cannot decommission. Start " + (dead.size() == 1 ? "it" : "them")
                + " again and the leave goes on; if lost for good, annotate the cluster with cassini.dev/force-leave:"
                + " \"true\" and the operator removes " + (dead.size() == 1 ? "it" : "them")
                + " from the ring (removenode; never start a removed node again with its data)";
    }

    /**
     * The node that runs removenode for a dead one: any live node of the ring can. The first serving
     * node that stays, else (a resource emptied of datacenters, handing its ring over) the first
     * serving node of its own that leaves later.
     */
    private static Optional<ObservedNode> removenodeRunner(ObservedCluster cluster) {
        Comparator<ObservedNode> byPod = Comparator.comparing(ObservedNode::pod);
        Optional<ObservedNode> staying =
                cluster.nodes().stream().filter(ObservedNode::normal).min(byPod);
        return staying.isPresent()
                ? staying
                : cluster.surplus().stream().filter(ObservedNode::normal).min(byPod);
    }

    /** removenode for a dead leaving node, run by a serving node of this cluster. */
    private static Action removal(ObservedCluster cluster, ExternalNode dead, int deadCount) {
        Optional<ObservedNode> through = removenodeRunner(cluster);
        if (through.isEmpty()) {
            return new Action.Wait("datacenter " + dead.datacenter() + " leaves: " + dead.address()
                    + " is down and is removed from the ring once a node of this cluster serves to run removenode");
        }
        return new Action.RemoveDeadNode(
                through.get().pod(),
                dead.hostId(),
                dead.address(),
                "datacenter " + dead.datacenter() + " leaves: removing " + dead.address() + " (host ID "
                        + dead.hostId() + "), which is down, from the ring through "
                        + through.get().pod()
                        + " (forced leave; " + deadCount + " down node" + (deadCount == 1 ? "" : "s") + " to remove)");
    }

    /**
     * Refused while an application is connected to a leaving node, or a node's connections cannot
     * be read (no agent answers there), unless forced; and while a keyspace would keep no replica.
     */
    private static Optional<Action> refusal(
            ObservedCluster cluster, Set<String> leaving, List<ExternalNode> external, String names) {
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
        for (ExternalNode node : external) {
            List<dev.cassini.contract.ClientConnection> connections =
                    node.agent().map(AgentView::clients).orElse(null);
            if (connections == null) {
                unknown.add(node.address());
            } else {
                connections.forEach(c -> clients.add(new LeavePreflight.Client(node.datacenter(), node.address(), c)));
            }
        }
        if (!unknown.isEmpty() && !cluster.forceLeave()) {
            return Optional.of(new Action.Wait("datacenter " + names + " leaves once the clients of "
                    + String.join(", ", unknown) + " can be read (their Cassini agent answers), to check no application"
                    + " still uses it; or annotate the cluster with cassini.dev/force-leave: \"true\""));
        }
        List<String> refusals =
                LeavePreflight.refusals(leaving, cluster.keyspaceReplication(), clients, cluster.forceLeave());
        if (refusals.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Action.Refuse(
                Action.Refuse.DATACENTER_REMOVAL,
                "removal of datacenter " + names + " refused: " + String.join("; ", refusals)
                        + ". Or keep it (put it back in spec.datacenters, or set its leaving to false); every node"
                        + " keeps running"));
    }

    /**
     * {@code system_auth}'s replicas in the datacenter. Cassandra refuses a plain decommission while
     * a keyspace keeps no more nodes in the datacenter than its replicas there; only system_auth can
     * still name this one (the rest were altered first), and it cannot let go while the datacenter
     * has live nodes, so a decommission is forced exactly while this is at least the nodes left.
     */
    private static int authReplicas(ObservedCluster cluster, String dc) {
        return replicas(cluster.keyspaceReplication().get(AUTH_KEYSPACE), dc);
    }

    private static String decommissioning(String dc, String node, long inRing, int authReplicas) {
        boolean force = authReplicas >= inRing;
        return "datacenter " + dc + " leaves: decommissioning " + node + " (" + inRing + " of its nodes left"
                + (force
                        ? "; forced, as " + AUTH_KEYSPACE + " keeps " + authReplicas
                                + (authReplicas == 1 ? " replica" : " replicas") + " there until its last node is gone"
                        : "")
                + ")";
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
