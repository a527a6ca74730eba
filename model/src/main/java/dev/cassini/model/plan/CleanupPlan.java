package dev.cassini.model.plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cleanup after a scale-up. Before a node bootstraps, the nodes of its datacenter that hold data
 * are recorded as needing cleanup (they keep copies of the ranges it takes over until cleaned);
 * once every node is up again, cleanup runs on them one at a time, as an SRE would run
 * {@code nodetool cleanup} node by node to keep the extra compaction load on one node only.
 */
final class CleanupPlan {
    private CleanupPlan() {}

    /** Nodes that must be recorded before {@code bootstrapping} starts, or empty when they are. */
    static Optional<Action> markBefore(ObservedCluster cluster, ObservedNode bootstrapping) {
        Set<String> recorded = cluster.cleanup().stream()
                .filter(CleanupTask::open)
                .map(CleanupTask::pod)
                .collect(Collectors.toSet());
        List<String> holders = cluster.nodes().stream()
                .filter(n -> n.slot().datacenter().equals(bootstrapping.slot().datacenter())
                        && !n.pod().equals(bootstrapping.pod()))
                .filter(n -> n.agent().map(AgentView::joined).orElse(false))
                .map(ObservedNode::pod)
                .toList();
        List<String> unrecorded =
                holders.stream().filter(p -> !recorded.contains(p)).toList();
        if (unrecorded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Action.MarkForCleanup(
                unrecorded,
                "before " + bootstrapping.pod() + " bootstraps: recording that " + String.join(", ", unrecorded)
                        + " will need cleanup of the ranges it takes over"));
    }

    /** The next cleanup step, or empty when no cleanup is open. Called only when every node is up and normal. */
    static Optional<Action> next(ObservedCluster cluster) {
        Set<String> desired = cluster.nodes().stream().map(ObservedNode::pod).collect(Collectors.toSet());
        List<CleanupTask> open = cluster.cleanup().stream()
                .filter(t -> t.open() && desired.contains(t.pod()))
                .toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Optional<CleanupTask> running = open.stream()
                .filter(t -> t.state() == CleanupTask.State.RUNNING)
                .findFirst();
        if (running.isPresent()) {
            return Optional.of(new Action.Wait("cleanup running on "
                    + running.get().pod()
                    + (running.get().detail() == null
                            ? ""
                            : " (" + running.get().detail() + ")") + "; " + (open.size() - 1) + " more to clean"));
        }
        if (!cluster.peersDown().isEmpty()) {
            return Optional.of(new Action.Wait(
                    "cleanup waits until every node sees every other up: " + String.join(", ", cluster.peersDown())));
        }
        CleanupTask next = open.get(0);
        String retry = next.state() == CleanupTask.State.FAILED
                ? " again (the last attempt failed: " + next.detail() + ")"
                : "";
        return Optional.of(new Action.Cleanup(
                next.pod(),
                "scale-up done: cleaning up " + next.pod() + retry
                        + ", dropping data of ranges it no longer replicates (" + open.size() + " node(s) to clean)"));
    }
}
