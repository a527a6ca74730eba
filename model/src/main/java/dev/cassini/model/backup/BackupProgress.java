package dev.cassini.model.backup;

import java.util.List;
import java.util.Optional;

/**
 * One backup as observed now, for {@link BackupPlan}: whether its cluster can be backed up, and
 * where each node taking part stands.
 *
 * @param refusal why the cluster can never be backed up as asked (no storage configured, an unknown
 *     datacenter), e.g. for status; empty when it can
 * @param notReady why the cluster cannot be backed up yet (it does not exist, is not Ready); empty
 *     when it can
 * @param nodes every node taking part, in datacenter and rack order
 */
public record BackupProgress(Optional<String> refusal, Optional<String> notReady, List<Node> nodes) {
    public BackupProgress {
        nodes = List.copyOf(nodes);
    }

    /** Where one node's part stands. */
    public enum NodeState {
        /** No job was started on the node yet. */
        NOT_STARTED,
        /** Its job runs. */
        RUNNING,
        /** Its job succeeded: its manifest is in the store. */
        SUCCEEDED,
        /** Its job failed; the error says why. */
        FAILED,
        /** A job was started, but the agent no longer knows it (it restarted): start it again. */
        LOST,
        /** The agent does not answer now. */
        UNREACHABLE
    }

    /**
     * @param pod the node's pod
     * @param state where its part stands
     * @param detail the job's progress or error, when there is one
     */
    public record Node(String pod, NodeState state, String detail) {}
}
