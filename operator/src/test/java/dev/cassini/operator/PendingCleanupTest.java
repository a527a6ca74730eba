package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CleanupStatus;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.CleanupTask;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingCleanupTest {
    private static final Set<String> DESIRED = Set.of("a", "b", "c", "d");

    @Test
    void markingAddsEachNodeOnceAndKeepsWhatWasThere() {
        List<CleanupStatus> before = List.of(new CleanupStatus("a", "job-1"));
        List<CleanupStatus> after = PendingCleanup.after(
                List.of(new CleanupTask("a", CleanupTask.State.RUNNING, null)),
                before,
                new Action.MarkForCleanup(List.of("a", "b"), "r"),
                Optional.empty(),
                DESIRED);
        assertThat(after).containsExactly(new CleanupStatus("a", "job-1"), new CleanupStatus("b", null));
    }

    @Test
    void aStartedJobIsRecordedWithItsNode() {
        List<CleanupStatus> before = List.of(new CleanupStatus("a", null), new CleanupStatus("b", null));
        List<CleanupStatus> after = PendingCleanup.after(
                List.of(CleanupTask.pending("a"), CleanupTask.pending("b")),
                before,
                new Action.Cleanup("b", "r"),
                Optional.of("job-7"),
                DESIRED);
        assertThat(after).containsExactly(new CleanupStatus("a", null), new CleanupStatus("b", "job-7"));
    }

    @Test
    void aSucceededOrNoLongerDesiredNodeIsDroppedAndAnEmptyListDisappears() {
        List<CleanupStatus> before = List.of(new CleanupStatus("a", "job-1"), new CleanupStatus("gone", null));
        assertThat(PendingCleanup.after(
                        List.of(new CleanupTask("a", CleanupTask.State.SUCCEEDED, null)),
                        before,
                        new Action.Wait("r"),
                        Optional.empty(),
                        DESIRED))
                .isNull();
    }

    @Test
    void aSucceededNodeMarkedAgainInTheSameStepStartsOver() {
        List<CleanupStatus> before = List.of(new CleanupStatus("a", "job-1"));
        assertThat(PendingCleanup.after(
                        List.of(new CleanupTask("a", CleanupTask.State.SUCCEEDED, null)),
                        before,
                        new Action.MarkForCleanup(List.of("a"), "r"),
                        Optional.empty(),
                        DESIRED))
                .containsExactly(new CleanupStatus("a", null));
    }

    @Test
    void aFailedJobStaysRecordedUntilARetryReplacesIt() {
        List<CleanupStatus> before = List.of(new CleanupStatus("c", "job-2"));
        List<CleanupTask> failed = List.of(new CleanupTask("c", CleanupTask.State.FAILED, "status 2"));
        assertThat(PendingCleanup.after(failed, before, new Action.Cleanup("c", "r"), Optional.empty(), DESIRED))
                .containsExactly(new CleanupStatus("c", "job-2"));
        assertThat(PendingCleanup.after(failed, before, new Action.Cleanup("c", "r"), Optional.of("job-3"), DESIRED))
                .containsExactly(new CleanupStatus("c", "job-3"));
    }
}
