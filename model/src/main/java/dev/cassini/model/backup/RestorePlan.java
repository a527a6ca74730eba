package dev.cassini.model.backup;

import dev.cassini.contract.RestoreStep;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The next step of one in-place restore. Every node first downloads its files of the chosen tables
 * into staging while the tables keep serving; only once every node has all of its files are the
 * tables truncated (once: a truncate is cluster-wide) and the staged files imported on every node.
 * A table is thus empty for the length of the import, not of the download, and a download that
 * fails (credentials, a damaged object, too little disk) fails the restore with every table as it
 * was. A node whose agent restarted runs its step again: each step picks up where it stopped.
 */
public final class RestorePlan {
    private RestorePlan() {}

    /**
     * One restore as observed now.
     *
     * @param refusal why it can never run as asked (no such backup, another topology), for status
     * @param notReady why no new step can start yet (the cluster is not Ready)
     * @param step the step the restore is at
     * @param nodes every node restored to, each with the state of its job for {@code step}; the
     *     first is the one that truncates. Streaming, a node appears once per backed-up node whose
     *     files it streams, and runs those one after another
     * @param streaming whether the backup streams into another topology (truncate, then stream)
     *     rather than going in place (download, truncate, import)
     */
    public record Progress(
            Optional<String> refusal,
            Optional<String> notReady,
            RestoreStep step,
            List<BackupProgress.Node> nodes,
            boolean streaming) {
        public Progress {
            nodes = List.copyOf(nodes);
        }

        /** A restore in place. */
        public Progress(
                Optional<String> refusal,
                Optional<String> notReady,
                RestoreStep step,
                List<BackupProgress.Node> nodes) {
            this(refusal, notReady, step, nodes, false);
        }
    }

    /** What to do next. */
    public sealed interface Step {
        String reason();
    }

    /** The restore cannot be done as asked; it fails with the reason, nothing touched. */
    public record Refuse(String reason) implements Step {}

    /** Nothing to do but look again. */
    public record Wait(String reason) implements Step {}

    /**
     * Start (or start again) the step's job for these entries of {@link Progress#nodes()}, by index:
     * each one that has not run or whose job its agent lost; streaming, at most one per node and none
     * on a node whose other entry runs.
     */
    public record StartNodes(RestoreStep step, List<Integer> entries, String reason) implements Step {
        public StartNodes {
            entries = List.copyOf(entries);
        }
    }

    /** Every node finished the current step: go on to this one, its jobs not started yet. */
    public record Advance(RestoreStep to, String reason) implements Step {}

    /** A node's job failed: the restore fails, and the reason says what state the tables are in. */
    public record Fail(String reason) implements Step {}

    /** Every node imported its files. */
    public record Complete(String reason) implements Step {}

    public static Step next(Progress progress) {
        if (progress.refusal().isPresent()) {
            return new Refuse(progress.refusal().get());
        }
        if (progress.nodes().isEmpty()) {
            // Nodes are chosen once the cluster is Ready: until then there is nothing to refuse.
            return progress.notReady().isPresent()
                    ? new Wait(progress.notReady().get())
                    : new Refuse("no node to restore to: the cluster reports no node yet");
        }
        RestoreStep step = progress.step();
        List<BackupProgress.Node> part =
                step == RestoreStep.TRUNCATE ? progress.nodes().subList(0, 1) : progress.nodes();
        List<BackupProgress.Node> failed = of(part, BackupProgress.NodeState.FAILED);
        if (!failed.isEmpty()) {
            return new Fail(
                    failed.stream().map(n -> n.pod() + ": " + n.detail()).collect(Collectors.joining("; ")) + ". "
                            + stateAfterFailureIn(step));
        }
        List<Integer> toStart = new java.util.ArrayList<>();
        java.util.Set<String> busy = new java.util.HashSet<>();
        part.stream().filter(n -> n.state() == BackupProgress.NodeState.RUNNING).forEach(n -> busy.add(n.pod()));
        List<String> pods = new java.util.ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            BackupProgress.Node n = part.get(i);
            boolean due =
                    n.state() == BackupProgress.NodeState.NOT_STARTED || n.state() == BackupProgress.NodeState.LOST;
            // A node streams one backed-up node's files at a time; its other turns wait for it.
            if (due && (step != RestoreStep.STREAM || busy.add(n.pod()))) {
                toStart.add(i);
                if (!pods.contains(n.pod())) {
                    pods.add(n.pod());
                }
            }
        }
        if (!toStart.isEmpty()) {
            boolean fresh = part.stream().allMatch(n -> n.state() == BackupProgress.NodeState.NOT_STARTED);
            if (fresh && progress.notReady().isPresent()) {
                return new Wait(progress.notReady().get());
            }
            return new StartNodes(step, toStart, describe(step) + " on " + String.join(", ", pods));
        }
        List<BackupProgress.Node> pending = part.stream()
                .filter(n -> n.state() != BackupProgress.NodeState.SUCCEEDED)
                .toList();
        if (!pending.isEmpty()) {
            return new Wait(describe(step) + ": waiting for "
                    + pending.stream()
                            .map(n -> n.pod() + " ("
                                    + (n.state() == BackupProgress.NodeState.UNREACHABLE
                                            ? "agent not answering"
                                            : n.detail())
                                    + ")")
                            .collect(Collectors.joining(", ")));
        }
        return switch (step) {
            case STREAM ->
                new Complete("every backed-up node's files were streamed to the nodes that replicate them ("
                        + part.size() + " streams)");
            case DOWNLOAD ->
                new Advance(
                        RestoreStep.TRUNCATE,
                        "every node has its files staged (" + part.size() + " nodes); truncating");
            case TRUNCATE ->
                progress.streaming()
                        ? new Advance(RestoreStep.STREAM, "tables truncated; streaming the backup's files")
                        : new Advance(RestoreStep.IMPORT, "tables truncated; importing the staged files");
            case IMPORT -> new Complete("every node imported its files (" + part.size() + " nodes)");
        };
    }

    private static String describe(RestoreStep step) {
        return switch (step) {
            case DOWNLOAD -> "downloading the backup's files into staging";
            case TRUNCATE -> "truncating the tables";
            case IMPORT -> "importing the staged files";
            case STREAM -> "streaming the backup's files to the nodes that replicate their ranges";
        };
    }

    /** What a failure in this step leaves behind, and what to do. */
    public static String stateAfterFailureIn(RestoreStep step) {
        return switch (step) {
            case DOWNLOAD ->
                "Nothing was truncated: every table still holds its data. Fix the cause and create"
                        + " another CassandraRestore";
            case TRUNCATE ->
                "Some of the tables may be truncated already. Fix the cause and create another"
                        + " CassandraRestore of the same backup to bring them back";
            case IMPORT ->
                "The tables were truncated and some nodes imported their files. Fix the cause and"
                        + " create another CassandraRestore of the same backup to finish";
            case STREAM ->
                "The tables were truncated and part of the backup was streamed. Fix the cause and"
                        + " create another CassandraRestore of the same backup to finish";
        };
    }

    private static List<BackupProgress.Node> of(List<BackupProgress.Node> nodes, BackupProgress.NodeState state) {
        return nodes.stream().filter(n -> n.state() == state).toList();
    }
}
