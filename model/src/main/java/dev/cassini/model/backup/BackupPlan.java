package dev.cassini.model.backup;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The next step of one backup. Every node takes its snapshot as soon as the backup starts, all at
 * once, so the nodes' parts are as close in time as they can be; each then uploads on its own. A
 * node whose agent restarted mid-upload starts again under the same id and uploads only what is
 * missing. A node whose job failed fails the backup with the node's error: the causes that reach
 * this far (credentials, bucket, endpoint, a full disk) do not go away by retrying. The backup is
 * complete when its index is written, which happens only once every node's manifest is in the store.
 */
public final class BackupPlan {
    private BackupPlan() {}

    /** What to do next. */
    public sealed interface Step {
        String reason();
    }

    /** The backup cannot be done as asked; it fails with the reason. */
    public record Refuse(String reason) implements Step {}

    /** Nothing to do but look again, e.g. while the cluster is not Ready or jobs run. */
    public record Wait(String reason) implements Step {}

    /** Start (or start again) the backup job on these nodes. */
    public record StartNodes(List<String> pods, String reason) implements Step {}

    /** A node's job failed: the backup fails. */
    public record Fail(String reason) implements Step {}

    /** Every node's manifest is in the store: write the index, and the backup is complete. */
    public record WriteIndex(String reason) implements Step {}

    public static Step next(BackupProgress progress) {
        if (progress.refusal().isPresent()) {
            return new Refuse(progress.refusal().get());
        }
        List<BackupProgress.Node> nodes = progress.nodes();
        boolean started = nodes.stream().anyMatch(n -> n.state() != BackupProgress.NodeState.NOT_STARTED);
        if (!started && progress.notReady().isPresent()) {
            return new Wait(progress.notReady().get());
        }
        if (nodes.isEmpty()) {
            return new Refuse("no node takes part: the cluster has no node in the datacenters asked for");
        }
        List<BackupProgress.Node> failed = of(nodes, BackupProgress.NodeState.FAILED);
        if (!failed.isEmpty()) {
            return new Fail(
                    failed.stream().map(n -> n.pod() + ": " + n.detail()).collect(Collectors.joining("; ")));
        }
        List<String> toStart = nodes.stream()
                .filter(n ->
                        n.state() == BackupProgress.NodeState.NOT_STARTED || n.state() == BackupProgress.NodeState.LOST)
                .map(BackupProgress.Node::pod)
                .toList();
        if (!toStart.isEmpty()) {
            boolean resumed = nodes.stream().anyMatch(n -> n.state() == BackupProgress.NodeState.LOST);
            return new StartNodes(
                    toStart,
                    (resumed ? "resuming the backup on " : "snapshotting and uploading on ")
                            + String.join(", ", toStart));
        }
        List<BackupProgress.Node> pending = nodes.stream()
                .filter(n -> n.state() != BackupProgress.NodeState.SUCCEEDED)
                .toList();
        if (!pending.isEmpty()) {
            return new Wait("waiting for "
                    + pending.stream()
                            .map(n -> n.pod() + " ("
                                    + (n.state() == BackupProgress.NodeState.UNREACHABLE
                                            ? "agent not answering"
                                            : n.detail())
                                    + ")")
                            .collect(Collectors.joining(", ")));
        }
        return new WriteIndex("every node's manifest is in the store (" + nodes.size() + " nodes); writing the index");
    }

    private static List<BackupProgress.Node> of(List<BackupProgress.Node> nodes, BackupProgress.NodeState state) {
        return nodes.stream().filter(n -> n.state() == state).toList();
    }
}
