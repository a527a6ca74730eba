package dev.cassini.model.plan;

import dev.cassini.contract.NodeState;
import dev.cassini.model.SystemKeyspaceReplication;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides the operator's next step from what it observes. Pure and total: every observation maps
 * to exactly one action, and the action is always safe to repeat.
 *
 * <p>Order of concerns: volumes the spec grew grow first ({@link VolumeExpansionPlan}); a stopped cluster only stops; pods must run and agents answer; seeds are
 * pushed before any start; nothing else starts while a node is starting or joining; then nodes
 * are started — all at once for a brand-new cluster (precomputed tokens, nothing to stream),
 * one rack at a time for nodes that already have data, one node at a time for a node that
 * replaces a lost one or joins with nothing (after recording which nodes will need cleanup), all
 * at once without bootstrap for a datacenter that joins the running cluster; then
 * authentication is set up once; then joining datacenters get replicas and rebuild
 * ({@link JoinPlan}); then surplus nodes leave ({@link ScaleDownPlan}; a whole datacenter
 * gone from the spec as {@link LeavePlan} says), what is left of such a datacenter is deleted, and recorded
 * cleanups run ({@link CleanupPlan}); last, nodes that run an outdated template restart, a rack's
 * together or one at a time as {@link RollingRestartPlan} says, each round only while every node
 * is NORMAL and sees every other up.
 */
public final class Planner {
    private Planner() {}

    public static Action next(ObservedCluster cluster) {
        return next(cluster, NewClusterStart.CONCURRENT);
    }

    /** As {@link #next(ObservedCluster)}, with the nodes of a brand-new cluster started as {@code newClusterStart} says. */
    public static Action next(ObservedCluster cluster, NewClusterStart newClusterStart) {
        // First, even while nodes are down or the cluster is stopped: a node that stopped because
        // its disk filled up needs the bigger volume before anything else can help it.
        Optional<Action> expansion = VolumeExpansionPlan.next(cluster);
        if (expansion.isPresent()) {
            return expansion.get();
        }
        if (cluster.stopped()) {
            return stop(cluster);
        }
        List<String> unreachable = cluster.nodes().stream()
                .filter(n -> !n.reachable())
                .map(ObservedNode::pod)
                .toList();
        if (!unreachable.isEmpty()) {
            return new Action.Wait("waiting for pods to run and their agents to answer: " + names(unreachable));
        }
        List<String> staleSeeds = cluster.nodes().stream()
                .filter(n -> !n.agent().orElseThrow().seeds().equals(cluster.desiredSeeds()))
                .map(ObservedNode::pod)
                .toList();
        if (!staleSeeds.isEmpty()) {
            return new Action.PushSeeds(
                    staleSeeds,
                    cluster.desiredSeeds(),
                    "pushing seeds " + cluster.desiredSeeds() + " to " + names(staleSeeds));
        }
        List<ObservedNode> busy = java.util.stream.Stream.concat(cluster.nodes().stream(), cluster.surplus().stream())
                .filter(n -> n.agent().map(AgentView::transitioning).orElse(false))
                .toList();
        if (!busy.isEmpty()) {
            return new Action.Wait("waiting for "
                    + busy.stream()
                            .map(n -> n.pod() + " (" + agent(n).state() + ")")
                            .collect(Collectors.joining(", ")));
        }
        List<ObservedNode> idle =
                cluster.nodes().stream().filter(n -> agent(n).idle()).toList();
        if (!idle.isEmpty()) {
            return start(cluster, idle, newClusterStart);
        }
        List<ObservedNode> notNormal =
                cluster.nodes().stream().filter(n -> !agent(n).normal()).toList();
        if (!notNormal.isEmpty()) {
            return new Action.Wait("nodes not serving: "
                    + notNormal.stream()
                            .map(n -> n.pod() + " (" + agent(n).state() + ")")
                            .collect(Collectors.joining(", ")));
        }
        // Joining an external ring, the cluster's roles are its: no superuser to create, no role to retire, and
        // the system keyspaces get replicas here as the join's replication step merges them in.
        if (cluster.authEnabled()
                && !cluster.authInitialized()
                && cluster.externalDatacenters().isEmpty()) {
            if (cluster.authLogin() == AuthLogin.NONE) {
                return new Action.Wait(
                        "Cassandra has not created its default role yet (each node tries every second once it serves, and succeeds once a quorum of nodes serves)");
            }
            return new Action.InitializeAuth("every node is up; creating the superuser and retiring the default role");
        }
        Optional<Action> join = JoinPlan.next(cluster);
        if (join.isPresent()) {
            return join.get();
        }
        if (!cluster.surplus().isEmpty()) {
            return ScaleDownPlan.next(cluster);
        }
        if (!cluster.leavingExternalDatacenters().isEmpty()) {
            // An external datacenter leaves: its nodes decommission one at a time, each only while every
            // node, its own included, is seen up (LeavePlan waits for that, and says what to do about a dead one).
            Optional<Action> leave = LeavePlan.next(cluster);
            if (leave.isPresent()) {
                return leave.get();
            }
        }
        if (!cluster.leftoverDatacenters().isEmpty()) {
            String dc = cluster.leftoverDatacenters().get(0);
            return new Action.RemoveDatacenter(
                    dc,
                    "datacenter " + dc
                            + " has left the ring: deleting its StatefulSets, volume claims, Services, budget and config");
        }
        Optional<Action> cleanup = CleanupPlan.next(cluster);
        if (cleanup.isPresent()) {
            return cleanup.get();
        }
        Optional<Action> restart = RollingRestartPlan.next(cluster);
        if (restart.isPresent()) {
            return restart.get();
        }
        if (!cluster.peersDown().isEmpty()) {
            // Each node says NORMAL, but gossip has not caught up everywhere (it lags a start by seconds).
            return new Action.Wait(
                    "waiting until every node sees every other up: " + String.join(", ", cluster.peersDown()));
        }
        if (cluster.nodes().isEmpty()) {
            // spec.datacenters emptied (the API server allows it only while an external datacenter stays).
            return new Action.Converged("no datacenter of this resource is left in the ring, which lives on in "
                    + String.join(", ", cluster.externalDatacenters()));
        }
        return new Action.Converged("all " + cluster.nodes().size() + " nodes are up and normal");
    }

    private static Action stop(ObservedCluster cluster) {
        List<String> running = cluster.nodes().stream()
                .filter(n -> n.agent().isPresent()
                        && !n.agent().get().idle()
                        && n.agent().get().state() != NodeState.STOPPING)
                .map(ObservedNode::pod)
                .toList();
        if (!running.isEmpty()) {
            return new Action.StopNodes(running, "stopped: draining and stopping " + names(running));
        }
        List<String> stopping = cluster.nodes().stream()
                .filter(n -> n.agent().isPresent() && n.agent().get().state() == NodeState.STOPPING)
                .map(ObservedNode::pod)
                .toList();
        if (!stopping.isEmpty()) {
            return new Action.Wait("waiting for " + names(stopping) + " to stop");
        }
        return new Action.Converged("stopped: every node is stopped, volumes kept");
    }

    private static Action start(ObservedCluster cluster, List<ObservedNode> idle, NewClusterStart newClusterStart) {
        boolean everBootstrapped = cluster.ringExists();
        if (!everBootstrapped && cluster.newRingBlocked().isPresent()) {
            return new Action.Wait(cluster.newRingBlocked().get());
        }
        if (newClusterStart == NewClusterStart.ONE_AT_A_TIME && !everBootstrapped) {
            // Only the first node starts as a new ring; once it has joined, the others take the
            // scale-up path below: each bootstraps into the ring, one at a time.
            String pod = idle.get(0).pod();
            return new Action.StartNodes(
                    List.of(new StartNode(
                            pod, cluster.newClusterTokens().getOrDefault(pod, List.of()), false, Optional.empty())),
                    "new cluster: starting " + pod + " first; the others bootstrap one at a time");
        }
        if (!everBootstrapped) {
            // Every node of the new ring starts now, so the system keyspaces can be born with their
            // final replica count: the default role then never lives on one node only.
            int systemReplicas =
                    SystemKeyspaceReplication.atBirth(cluster.nodes().size());
            List<StartNode> starts = idle.stream()
                    .map(n -> new StartNode(
                            n.pod(),
                            cluster.newClusterTokens().getOrDefault(n.pod(), List.of()),
                            false,
                            Optional.empty(),
                            systemReplicas))
                    .toList();
            return new Action.StartNodes(
                    starts, "new cluster: starting " + starts.size() + " nodes at once with precomputed tokens");
        }

        List<ObservedNode> withData =
                idle.stream().filter(n -> agent(n).joined()).toList();
        if (!withData.isEmpty()) {
            // Nodes with data restart without streaming; one rack at a time keeps a replica of
            // every range up when racks map to replicas (NetworkTopologyStrategy, RF <= racks).
            String rack = withData.get(0).slot().rack();
            String datacenter = withData.get(0).slot().datacenter();
            List<StartNode> starts = withData.stream()
                    .filter(n -> n.slot().rack().equals(rack)
                            && n.slot().datacenter().equals(datacenter))
                    .map(n -> StartNode.restart(n.pod()))
                    .toList();
            return new Action.StartNodes(
                    starts,
                    "starting " + starts.size() + " node(s) of rack " + datacenter + "/" + rack
                            + " that already have data");
        }

        ObservedNode empty = idle.get(0);
        Optional<DatacenterJoin> joining = cluster.joins().stream()
                .filter(j -> j.datacenter().equals(empty.slot().datacenter()))
                .findFirst();
        if (joining.isPresent()) {
            return joinRing(cluster, joining.get(), idle);
        }
        KnownNode known = cluster.known().get(empty.pod());
        if (known != null && known.hostId() != null && known.lastAddress() != null) {
            return new Action.StartNodes(
                    List.of(new StartNode(empty.pod(), List.of(), true, Optional.of(known.lastAddress()))),
                    empty.pod() + " lost its data: replacing node " + known.hostId() + " (last at "
                            + known.lastAddress() + ") so it keeps that node's tokens");
        }
        Optional<Action> mark = CleanupPlan.markBefore(cluster, empty);
        if (mark.isPresent()) {
            return mark.get();
        }
        return new Action.StartNodes(
                List.of(new StartNode(empty.pod(), List.of(), true, Optional.empty())),
                empty.pod() + " joins the ring: bootstrapping one node at a time");
    }

    /**
     * Starts every node of a datacenter that joins the running ring at once, as a new cluster's
     * nodes start: tokens of their own, chosen against every token the ring has, and no bootstrap
     * (no keyspace replicates to the datacenter yet; its rebuild streams the data afterwards).
     */
    private static Action joinRing(ObservedCluster cluster, DatacenterJoin join, List<ObservedNode> idle) {
        List<ObservedNode> notServing = cluster.nodes().stream()
                .filter(n -> !n.slot().datacenter().equals(join.datacenter()) && !agent(n).normal())
                .toList();
        if (!notServing.isEmpty()) {
            // Their tokens are known only while they run, and a joining node must not take one.
            return new Action.Wait("datacenter " + join.datacenter() + " joins once every other node serves: "
                    + names(notServing.stream().map(ObservedNode::pod).toList()));
        }
        if (!cluster.externalJoinRefusals().isEmpty()) {
            return new Action.Refuse(
                    Action.Refuse.JOIN,
                    "datacenter " + join.datacenter() + " cannot join the ring of "
                            + String.join(", ", cluster.externalDatacenters()) + ": "
                            + String.join("; ", cluster.externalJoinRefusals()) + ". No node of it starts until then");
        }
        if (!join.simpleStrategyKeyspaces().isEmpty()) {
            return new Action.Refuse(
                    Action.Refuse.JOIN,
                    "datacenter " + join.datacenter() + " cannot join yet: SimpleStrategy places replicas on every"
                            + " node of the ring, so the new nodes would serve reads before they hold any data."
                            + " Move these keyspaces to NetworkTopologyStrategy first (the statements keep their"
                            + " replicas where they are): " + String.join("; ", join.simpleStrategyKeyspaces()));
        }
        List<ObservedNode> members = cluster.nodes().stream()
                .filter(n -> n.slot().datacenter().equals(join.datacenter()))
                .toList();
        List<List<Long>> tokens = dev.cassini.model.migration.JoiningTokens.allocate(
                members.size(), dev.cassini.model.ClusterShape.TOKENS_PER_NODE, cluster.ringTokens());
        List<StartNode> starts = new java.util.ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            ObservedNode member = members.get(i);
            if (idle.contains(member) && !agent(member).joined()) {
                starts.add(new StartNode(member.pod(), tokens.get(i), false, Optional.empty()));
            }
        }
        return new Action.StartNodes(
                starts,
                "datacenter " + join.datacenter() + " joins the running cluster: starting " + starts.size()
                        + " node(s) at once with tokens of their own, without bootstrap; they rebuild from "
                        + join.source() + " once the keyspaces replicate to them");
    }

    private static AgentView agent(ObservedNode node) {
        return node.agent().orElseThrow();
    }

    private static String names(List<String> pods) {
        return String.join(", ", pods);
    }
}
