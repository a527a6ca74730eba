package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.model.backup.BackupProgress.Node;
import dev.cassini.model.backup.BackupProgress.NodeState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupPlanTest {
    private static BackupProgress progress(Node... nodes) {
        return new BackupProgress(Optional.empty(), Optional.empty(), List.of(nodes));
    }

    private static Node node(String pod, NodeState state) {
        return new Node(pod, state, state == NodeState.RUNNING ? "uploading" : null);
    }

    @Test
    void aClusterWithoutStorageIsRefusedEvenWhileItIsNotReady() {
        BackupPlan.Step step = BackupPlan.next(new BackupProgress(
                Optional.of("cluster demo has no spec.backup.storage"), Optional.of("not Ready"), List.of()));
        assertThat(step).isEqualTo(new BackupPlan.Refuse("cluster demo has no spec.backup.storage"));
    }

    @Test
    void aBackupWaitsForItsClusterBeforeItStartsButNotAfter() {
        List<Node> fresh = List.of(node("a", NodeState.NOT_STARTED), node("b", NodeState.NOT_STARTED));
        assertThat(BackupPlan.next(
                        new BackupProgress(Optional.empty(), Optional.of("cluster demo is not Ready"), fresh)))
                .isEqualTo(new BackupPlan.Wait("cluster demo is not Ready"));

        List<Node> running = List.of(node("a", NodeState.RUNNING), node("b", NodeState.SUCCEEDED));
        assertThat(BackupPlan.next(
                        new BackupProgress(Optional.empty(), Optional.of("cluster demo is not Ready"), running)))
                .isInstanceOf(BackupPlan.Wait.class)
                .extracting(BackupPlan.Step::reason)
                .isEqualTo("waiting for a (uploading)");
    }

    @Test
    void everyNodeStartsAtOnce() {
        assertThat(BackupPlan.next(progress(node("a", NodeState.NOT_STARTED), node("b", NodeState.NOT_STARTED))))
                .isEqualTo(new BackupPlan.StartNodes(List.of("a", "b"), "snapshotting and uploading on a, b"));
    }

    @Test
    void aNodeWhoseAgentForgotItsJobStartsAgainUnderTheSameBackup() {
        BackupPlan.Step step = BackupPlan.next(progress(node("a", NodeState.SUCCEEDED), node("b", NodeState.LOST)));
        assertThat(step).isEqualTo(new BackupPlan.StartNodes(List.of("b"), "resuming the backup on b"));
    }

    @Test
    void aFailedNodeFailsTheBackupWithItsError() {
        BackupPlan.Step step = BackupPlan.next(progress(
                node("a", NodeState.RUNNING),
                new Node("b", NodeState.FAILED, "the store refused the credentials: check the Secret")));
        assertThat(step).isEqualTo(new BackupPlan.Fail("b: the store refused the credentials: check the Secret"));
    }

    @Test
    void anUnreachableAgentIsWaitedFor() {
        assertThat(BackupPlan.next(progress(node("a", NodeState.UNREACHABLE), node("b", NodeState.SUCCEEDED))))
                .isEqualTo(new BackupPlan.Wait("waiting for a (agent not answering)"));
    }

    @Test
    void theIndexIsWrittenOnlyOnceEveryNodeSucceeded() {
        assertThat(BackupPlan.next(progress(node("a", NodeState.SUCCEEDED), node("b", NodeState.RUNNING))))
                .isInstanceOf(BackupPlan.Wait.class);
        assertThat(BackupPlan.next(progress(node("a", NodeState.SUCCEEDED), node("b", NodeState.SUCCEEDED))))
                .isInstanceOf(BackupPlan.WriteIndex.class);
    }

    @Test
    void aBackupWithNoNodeIsRefused() {
        assertThat(BackupPlan.next(progress())).isInstanceOf(BackupPlan.Refuse.class);
    }
}
