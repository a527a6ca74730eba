package dev.cassini.operator;

import dev.cassini.contract.JobView;
import dev.cassini.model.backup.BackupProgress;
import java.io.IOException;
import java.util.Optional;

/**
 * Where one node's job of a backup or restore stands, read from its agent: the state the plans
 * decide on, the words for status, and the job itself (for its figures) when the agent answered.
 *
 * @param node the node's state, as the plans see it
 * @param view the agent's view of the job; empty when the job was not asked about or not found
 */
record NodeJobObservation(BackupProgress.Node node, Optional<JobView> view) {
    /**
     * @param job the job id recorded for the node, or null when none was started
     * @param state the state recorded for the node: a job that Succeeded is not asked about again
     * @param message the message recorded for the node
     */
    static NodeJobObservation of(NodeAgents agents, String pod, String ip, String job, String state, String message) {
        if (job == null) {
            return of(pod, BackupProgress.NodeState.NOT_STARTED, null);
        }
        if (JobConditions.SUCCEEDED.equals(state)) {
            return of(pod, BackupProgress.NodeState.SUCCEEDED, message);
        }
        if (ip == null) {
            return of(pod, BackupProgress.NodeState.UNREACHABLE, null);
        }
        Optional<JobView> found;
        try {
            found = agents.job(ip, job);
        } catch (IOException | RuntimeException e) {
            return of(pod, BackupProgress.NodeState.UNREACHABLE, null);
        }
        if (found.isEmpty()) {
            return of(pod, BackupProgress.NodeState.LOST, "the agent restarted; its part resumes on it");
        }
        JobView view = found.get();
        BackupProgress.Node node = switch (view.state()) {
            case RUNNING -> new BackupProgress.Node(pod, BackupProgress.NodeState.RUNNING, view.progress());
            case SUCCEEDED -> new BackupProgress.Node(pod, BackupProgress.NodeState.SUCCEEDED, view.result());
            case FAILED -> new BackupProgress.Node(pod, BackupProgress.NodeState.FAILED, view.error());
        };
        return new NodeJobObservation(node, found);
    }

    private static NodeJobObservation of(String pod, BackupProgress.NodeState state, String detail) {
        return new NodeJobObservation(new BackupProgress.Node(pod, state, detail), Optional.empty());
    }

    /** The node's state as status spells it, when the agent answered: Running, Succeeded or Failed. */
    Optional<String> statusState() {
        return view.map(v -> switch (v.state()) {
            case RUNNING -> JobConditions.RUNNING;
            case SUCCEEDED -> JobConditions.SUCCEEDED;
            case FAILED -> JobConditions.FAILED;
        });
    }

    /** What status says about the node: the job's progress, result or error, or why it is lost. */
    Optional<String> statusMessage() {
        return view.isPresent() || node.state() == BackupProgress.NodeState.LOST
                ? Optional.ofNullable(node.detail())
                : Optional.empty();
    }
}
