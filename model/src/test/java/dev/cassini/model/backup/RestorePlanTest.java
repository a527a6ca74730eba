package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.RestoreStep;
import dev.cassini.model.backup.BackupProgress.NodeState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestorePlanTest {
    private static BackupProgress.Node node(String pod, NodeState state) {
        return new BackupProgress.Node(pod, state, state == NodeState.FAILED ? "disk full" : "working");
    }

    private static RestorePlan.Step next(RestoreStep step, NodeState... states) {
        return next(Optional.empty(), step, states);
    }

    private static RestorePlan.Step next(Optional<String> notReady, RestoreStep step, NodeState... states) {
        List<BackupProgress.Node> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            nodes.add(node("n" + i, states[i]));
        }
        return RestorePlan.next(new RestorePlan.Progress(Optional.empty(), notReady, step, nodes));
    }

    private static RestorePlan.Step streaming(RestoreStep step, List<BackupProgress.Node> nodes) {
        return RestorePlan.next(new RestorePlan.Progress(Optional.empty(), Optional.empty(), step, nodes, true));
    }

    @Test
    void aStreamingRestoreTruncatesOnceThenStreamsEveryBackedUpNodeAndNeverImports() {
        List<BackupProgress.Node> truncated = List.of(
                node("n0", NodeState.SUCCEEDED), node("n0", NodeState.NOT_STARTED), node("n1", NodeState.NOT_STARTED));
        assertThat(streaming(RestoreStep.TRUNCATE, truncated))
                .isInstanceOfSatisfying(
                        RestorePlan.Advance.class,
                        advance -> assertThat(advance.to()).isEqualTo(RestoreStep.STREAM));

        // n0 streams two backed-up nodes' files, one after the other.
        assertThat(streaming(
                        RestoreStep.STREAM,
                        List.of(
                                node("n0", NodeState.NOT_STARTED),
                                node("n0", NodeState.NOT_STARTED),
                                node("n1", NodeState.NOT_STARTED))))
                .isInstanceOfSatisfying(RestorePlan.StartNodes.class, start -> {
                    assertThat(start.entries()).containsExactly(0, 2);
                    assertThat(start.reason()).endsWith("on n0, n1");
                });
        assertThat(streaming(
                        RestoreStep.STREAM,
                        List.of(
                                node("n0", NodeState.SUCCEEDED),
                                node("n0", NodeState.NOT_STARTED),
                                node("n1", NodeState.RUNNING))))
                .as("the done entry is not started again; the next one of n0 is")
                .isInstanceOfSatisfying(
                        RestorePlan.StartNodes.class,
                        start -> assertThat(start.entries()).containsExactly(1));
        assertThat(streaming(
                        RestoreStep.STREAM, List.of(node("n0", NodeState.LOST), node("n0", NodeState.NOT_STARTED))))
                .as("a job its agent lost is started again, before the node's next turn")
                .isInstanceOfSatisfying(
                        RestorePlan.StartNodes.class,
                        start -> assertThat(start.entries()).containsExactly(0));
        assertThat(streaming(
                        RestoreStep.STREAM,
                        List.of(
                                node("n0", NodeState.SUCCEEDED),
                                node("n0", NodeState.RUNNING),
                                node("n1", NodeState.SUCCEEDED))))
                .isInstanceOf(RestorePlan.Wait.class);
        assertThat(streaming(
                        RestoreStep.STREAM,
                        List.of(
                                node("n0", NodeState.SUCCEEDED),
                                node("n0", NodeState.SUCCEEDED),
                                node("n1", NodeState.SUCCEEDED))))
                .isInstanceOf(RestorePlan.Complete.class);
        assertThat(streaming(
                        RestoreStep.STREAM, List.of(node("n0", NodeState.FAILED), node("n1", NodeState.SUCCEEDED))))
                .isInstanceOfSatisfying(
                        RestorePlan.Fail.class,
                        fail -> assertThat(fail.reason())
                                .contains("n0: disk full")
                                .contains("part of the backup was streamed"));
    }

    @Test
    void aRefusalWinsOverEverything() {
        RestorePlan.Step step = RestorePlan.next(new RestorePlan.Progress(
                Optional.of("no such backup"),
                Optional.empty(),
                RestoreStep.DOWNLOAD,
                List.of(node("n0", NodeState.NOT_STARTED))));

        assertThat(step).isEqualTo(new RestorePlan.Refuse("no such backup"));
    }

    @Test
    void everyNodeDownloadsAtOnce() {
        assertThat(next(RestoreStep.DOWNLOAD, NodeState.NOT_STARTED, NodeState.NOT_STARTED))
                .isInstanceOfSatisfying(RestorePlan.StartNodes.class, start -> {
                    assertThat(start.step()).isEqualTo(RestoreStep.DOWNLOAD);
                    assertThat(start.entries()).containsExactly(0, 1);
                });
    }

    @Test
    void aClusterThatIsNotReadyHoldsBackTheNextStepButNotARunningOne() {
        Optional<String> notReady = Optional.of("cluster not Ready");

        assertThat(next(notReady, RestoreStep.TRUNCATE, NodeState.NOT_STARTED, NodeState.NOT_STARTED))
                .isEqualTo(new RestorePlan.Wait("cluster not Ready"));
        assertThat(next(notReady, RestoreStep.DOWNLOAD, NodeState.SUCCEEDED, NodeState.LOST))
                .as("a node whose agent restarted resumes its download")
                .isInstanceOf(RestorePlan.StartNodes.class);
    }

    @Test
    void nodesAreChosenOnceTheClusterIsReadySoUntilThenTheRestoreWaits() {
        // A cluster created from a backup gets its restore as it turns Ready; the restore may look first.
        assertThat(next(Optional.of("cluster demo is not Ready (starting)"), RestoreStep.DOWNLOAD))
                .isEqualTo(new RestorePlan.Wait("cluster demo is not Ready (starting)"));
        assertThat(next(Optional.empty(), RestoreStep.DOWNLOAD)).isInstanceOf(RestorePlan.Refuse.class);
    }

    @Test
    void theTablesAreTruncatedOnlyOnceEveryNodeHasItsFiles() {
        assertThat(next(RestoreStep.DOWNLOAD, NodeState.SUCCEEDED, NodeState.RUNNING))
                .isInstanceOfSatisfying(
                        RestorePlan.Wait.class,
                        wait -> assertThat(wait.reason()).contains("n1 (working)"));
        assertThat(next(RestoreStep.DOWNLOAD, NodeState.SUCCEEDED, NodeState.SUCCEEDED))
                .isInstanceOfSatisfying(
                        RestorePlan.Advance.class,
                        advance -> assertThat(advance.to()).isEqualTo(RestoreStep.TRUNCATE));
    }

    @Test
    void onlyTheFirstNodeTruncates() {
        assertThat(next(RestoreStep.TRUNCATE, NodeState.NOT_STARTED, NodeState.NOT_STARTED))
                .isInstanceOfSatisfying(
                        RestorePlan.StartNodes.class,
                        start -> assertThat(start.entries()).containsExactly(0));
        assertThat(next(RestoreStep.TRUNCATE, NodeState.SUCCEEDED, NodeState.NOT_STARTED))
                .isInstanceOfSatisfying(
                        RestorePlan.Advance.class,
                        advance -> assertThat(advance.to()).isEqualTo(RestoreStep.IMPORT));
    }

    @Test
    void theRestoreIsCompleteWhenEveryNodeImported() {
        assertThat(next(RestoreStep.IMPORT, NodeState.SUCCEEDED, NodeState.UNREACHABLE))
                .isInstanceOfSatisfying(
                        RestorePlan.Wait.class,
                        wait -> assertThat(wait.reason()).contains("agent not answering"));
        assertThat(next(RestoreStep.IMPORT, NodeState.SUCCEEDED, NodeState.SUCCEEDED))
                .isInstanceOf(RestorePlan.Complete.class);
    }

    @Test
    void aFailureSaysWhatStateTheTablesAreIn() {
        assertThat(next(RestoreStep.DOWNLOAD, NodeState.FAILED, NodeState.RUNNING))
                .isInstanceOfSatisfying(
                        RestorePlan.Fail.class,
                        fail -> assertThat(fail.reason())
                                .contains("n0: disk full")
                                .contains("Nothing was truncated"));
        assertThat(next(RestoreStep.IMPORT, NodeState.SUCCEEDED, NodeState.FAILED))
                .isInstanceOfSatisfying(
                        RestorePlan.Fail.class,
                        fail -> assertThat(fail.reason())
                                .contains("n1: disk full")
                                .contains("to finish"));
    }

    @Test
    void noNodeIsARefusal() {
        assertThat(next(RestoreStep.DOWNLOAD)).isInstanceOf(RestorePlan.Refuse.class);
    }
}
