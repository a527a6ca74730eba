package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.DatacenterStatus;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.api.v1alpha1.RackStatus;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.ObservedNode;
import dev.cassini.model.plan.RingEntry;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the status a CassandraCluster should show after a step: conditions (Ready, Initialized,
 * Progressing, Degraded, Stopped) following Kubernetes conventions, ready/desired counts per
 * datacenter and rack, and one row per node. Pure: from the resource, the observation, the ring
 * as a running node sees it, and the outcome of the step.
 */
final class ClusterStatusFactory {
    private ClusterStatusFactory() {}

    static CassandraClusterStatus build(
            CassandraCluster resource,
            ClusterObserver.Observation observation,
            Map<String, RingEntry> ringByHostId,
            Action action,
            Optional<String> failure,
            boolean initialized,
            Instant now) {
        return build(resource, observation, ringByHostId, action, failure, initialized, List.of(), now);
    }

    /** The Degraded condition's message in a status, or "" when there is none. */
    static String degradedMessage(CassandraClusterStatus status) {
        if (status == null || status.getConditions() == null) {
            return "";
        }
        return status.getConditions().stream()
                .filter(c -> c.getType().equals("Degraded") && c.getMessage() != null)
                .map(Condition::getMessage)
                .findFirst()
                .orElse("");
    }

    /**
     * @param unapplied parts of the spec not applied this time: the cluster is Degraded, and the
     *     generation observed stays the last one applied in full
     */
    static CassandraClusterStatus build(
            CassandraCluster resource,
            ClusterObserver.Observation observation,
            Map<String, RingEntry> ringByHostId,
            Action action,
            Optional<String> failure,
            boolean initialized,
            List<Unapplied> unapplied,
            Instant now) {
        Optional<String> refusal =
                action instanceof Action.Refuse refuse ? Optional.of(refuse.reason()) : Optional.empty();
        CassandraClusterStatus previous =
                resource.getStatus() == null ? new CassandraClusterStatus() : resource.getStatus();
        Map<String, NodeStatus> previousNodes = new HashMap<>();
        // A pod's row moves between nodes and leavingNodes as the spec changes; either one remembers its node.
        if (previous.getLeavingNodes() != null) {
            previous.getLeavingNodes().forEach(n -> previousNodes.put(n.getPod(), n));
        }
        if (previous.getNodes() != null) {
            previous.getNodes().forEach(n -> previousNodes.put(n.getPod(), n));
        }
        ClusterShape shape = observation.shape();
        List<NodeStatus> nodes = new ArrayList<>();
        Map<String, int[]> readyByRack = new LinkedHashMap<>();
        int ready = 0;
        for (ObservedNode node : observation.cluster().nodes()) {
            NodeStatus row = row(node, previousNodes.get(node.pod()), ringByHostId);
            RingEntry ring = row.getHostId() == null ? null : ringByHostId.get(row.getHostId());
            boolean nodeReady = node.agent().map(a -> a.normal()).orElse(false)
                    && (ring == null || ring.state().equals("UN"));
            if (nodeReady) {
                ready++;
            }
            int[] counts = readyByRack.computeIfAbsent(
                    node.slot().datacenter() + "/" + node.slot().rack(), k -> new int[2]);
            counts[0] += nodeReady ? 1 : 0;
            counts[1]++;
            nodes.add(row);
        }

        CassandraClusterStatus status = new CassandraClusterStatus();
        long specGeneration = resource.getMetadata().getGeneration() == null
                ? 0
                : resource.getMetadata().getGeneration();
        long appliedBefore = previous.getObservedGeneration() == null ? 0 : previous.getObservedGeneration();
        // Status describes the last spec applied in full: a spec that did not apply is not observed yet.
        long generation = unapplied.isEmpty() ? specGeneration : appliedBefore;
        status.setObservedGeneration(generation);
        status.setNodes(nodes);
        status.setLeavingNodes(leavingNodes(observation, previousNodes, ringByHostId));
        status.setDesiredNodes(shape.desiredNodes());
        status.setReadyNodes(ready);
        status.setReady(ready + "/" + shape.desiredNodes());
        status.setDatacenters(datacenters(shape, readyByRack));
        status.setStep(failure.map(f -> "failed: " + action.reason() + ": " + f).orElse(action.reason()));
        status.setInitialized(initialized);

        // Ready only when the step says so and every node counts as ready (its agent and the ring agree).
        boolean converged = action instanceof Action.Converged
                && failure.isEmpty()
                && (shape.stopped() || ready == shape.desiredNodes());
        boolean stopped = shape.stopped();
        status.setPhase(
                stopped
                        ? (converged ? "Stopped" : "Stopping")
                        : converged && unapplied.isEmpty()
                                ? "Ready"
                                : failure.isPresent() || refusal.isPresent() || !unapplied.isEmpty()
                                        ? "Degraded"
                                        : initialized ? "Progressing" : "Initializing");

        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(
                previous,
                "Ready",
                converged && !stopped,
                converged && !stopped ? "AllNodesUp" : "NotAllNodesUp",
                ready + " of " + shape.desiredNodes() + " nodes up and normal",
                generation,
                now));
        conditions.add(condition(
                previous,
                "Initialized",
                initialized,
                initialized ? "Initialized" : "Initializing",
                initialized ? "the cluster has been brought up and auth set up" : "the cluster is being brought up",
                generation,
                now));
        conditions.add(
                condition(previous, "Progressing", !converged, reason(action), action.reason(), generation, now));
        boolean nodesDown = initialized && !stopped && ready < shape.desiredNodes();
        Optional<String> notApplied = unapplied.isEmpty()
                ? Optional.empty()
                : Optional.of(String.join(
                        "; ", unapplied.stream().map(Unapplied::message).toList()));
        String degradedReason = failure.isPresent()
                ? "StepFailed"
                : action instanceof Action.Refuse refuse
                        ? refuse.kind()
                        : !unapplied.isEmpty() ? unapplied.get(0).reason() : nodesDown ? "NodesDown" : "AllNodesUp";
        List<String> degradedMessages = new ArrayList<>();
        failure.or(() -> refusal).ifPresent(degradedMessages::add);
        notApplied.ifPresent(degradedMessages::add);
        conditions.add(condition(
                previous,
                "Degraded",
                failure.isPresent() || refusal.isPresent() || !unapplied.isEmpty() || nodesDown,
                degradedReason,
                degradedMessages.isEmpty()
                        ? ready + " of " + shape.desiredNodes() + " nodes up"
                        : String.join("; ", degradedMessages),
                generation,
                now));
        conditions.add(condition(
                previous,
                "Stopped",
                stopped && converged,
                stopped ? (converged ? "Stopped" : "Stopping") : "Running",
                stopped ? "spec.stopped is true; volumes are kept" : "the cluster is meant to run",
                generation,
                now));
        status.setConditions(conditions);
        return status;
    }

    private static List<DatacenterStatus> datacenters(ClusterShape shape, Map<String, int[]> readyByRack) {
        List<DatacenterStatus> dcs = new ArrayList<>();
        for (ClusterShape.DatacenterShape dc : shape.datacenters()) {
            DatacenterStatus dcStatus = new DatacenterStatus();
            dcStatus.setName(dc.name());
            List<RackStatus> racks = new ArrayList<>();
            int dcReady = 0;
            for (var rack : dc.racks()) {
                int[] counts = readyByRack.getOrDefault(dc.name() + "/" + rack.name(), new int[2]);
                RackStatus rackStatus = new RackStatus();
                rackStatus.setName(rack.name());
                rackStatus.setReadyNodes(counts[0]);
                rackStatus.setDesiredNodes(counts[1]);
                racks.add(rackStatus);
                dcReady += counts[0];
            }
            dcStatus.setRacks(racks);
            dcStatus.setReadyNodes(dcReady);
            dcStatus.setDesiredNodes(dc.size());
            dcs.add(dcStatus);
        }
        return dcs;
    }

    /** CamelCase reason from the step's kind, e.g. StartNodes, PushSeeds, Wait. */
    static String reason(Action action) {
        return action.getClass().getSimpleName();
    }

    /** A condition; its lastTransitionTime moves only when its status changes. */
    private static Condition condition(
            CassandraClusterStatus previous,
            String type,
            boolean value,
            String reason,
            String message,
            long generation,
            Instant now) {
        return StatusConditions.of(previous.getConditions(), type, value, reason, message, generation, now);
    }

    /**
     * A node's row as the operator sees it now. The address belongs to the node only when the agent
     * there reports that host ID: a pod back with an empty volume keeps the old node's host ID and
     * last address until it has replaced it, or the replacement would point at the new pod's own
     * address.
     */
    private static NodeStatus row(ObservedNode node, NodeStatus before, Map<String, RingEntry> ringByHostId) {
        NodeStatus row = new NodeStatus();
        row.setPod(node.pod());
        row.setDatacenter(node.slot().datacenter());
        row.setRack(node.slot().rack());
        row.setIp(node.address().orElse(null));
        String reportedHostId = node.agent().map(a -> a.hostId()).orElse(null);
        String hostId = reportedHostId != null ? reportedHostId : before == null ? null : before.getHostId();
        row.setHostId(hostId);
        row.setLastAddress(
                node.address().isPresent() && reportedHostId != null
                        ? node.address().get()
                        : before == null ? null : before.getLastAddress());
        RingEntry ring = hostId == null ? null : ringByHostId.get(hostId);
        row.setState(
                ring != null
                        ? ring.state()
                        : node.agent().map(a -> a.state().name()).orElse("Unknown"));
        row.setTokens(ring == null ? null : ring.tokens());
        return row;
    }

    /**
     * Pods beyond the spec whose node the ring still has: kept with
     * their host ID and last address, since the row in {@code nodes} went with the spec change, and a
     * leaving pod that no longer runs is removed from the ring by that host ID.
     */
    private static List<NodeStatus> leavingNodes(
            ClusterObserver.Observation observation,
            Map<String, NodeStatus> previousRows,
            Map<String, RingEntry> ringByHostId) {
        List<NodeStatus> rows = new ArrayList<>();
        for (ObservedNode node : observation.cluster().surplus()) {
            NodeStatus row = row(node, previousRows.get(node.pod()), ringByHostId);
            // With no ring view at hand (no node answers for a moment), the row stays rather than be forgotten.
            if (row.getHostId() != null && (ringByHostId.isEmpty() || ringByHostId.containsKey(row.getHostId()))) {
                rows.add(row);
            }
        }
        return rows.isEmpty() ? null : rows;
    }
}
