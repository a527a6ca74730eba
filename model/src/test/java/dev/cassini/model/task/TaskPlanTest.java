package dev.cassini.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.model.task.TaskPlan.Command;
import dev.cassini.model.task.TaskPlan.Concurrency;
import dev.cassini.model.task.TaskPlan.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskPlanTest {
    private static TaskPlan.Node node(String pod, String rack, State state, int attempts) {
        return new TaskPlan.Node(pod, "dc1", rack, state, attempts, Optional.empty(), "boom");
    }

    private static TaskPlan.Node down(String pod, String rack) {
        return new TaskPlan.Node(pod, "dc1", rack, State.PENDING, 0, Optional.of("DOWN"), null);
    }

    private static final List<TaskPlan.Node> SIX = List.of(
            node("r1-0", "r1", State.PENDING, 0),
            node("r1-1", "r1", State.PENDING, 0),
            node("r2-0", "r2", State.PENDING, 0),
            node("r2-1", "r2", State.PENDING, 0),
            node("r3-0", "r3", State.PENDING, 0),
            node("r3-1", "r3", State.PENDING, 0));

    @Test
    void oneNodeAtATimeInOrder() {
        TaskPlan.Step step = TaskPlan.next(Command.Compact, Concurrency.OneAtATime, 3, SIX, Map.of());
        assertThat(step).isEqualTo(new TaskPlan.Start(List.of("r1-0"), "Compact on r1-0"));
        List<TaskPlan.Node> oneRunning =
                List.of(node("r1-0", "r1", State.RUNNING, 0), node("r1-1", "r1", State.PENDING, 0));
        assertThat(TaskPlan.next(Command.Compact, Concurrency.OneAtATime, 3, oneRunning, Map.of()))
                .isEqualTo(new TaskPlan.Wait("Compact running on r1-0; 1 more to go"));
    }

    @Test
    void perRackStartsAWholeRackAndWaitsForItBeforeTheNext() {
        TaskPlan.Step step = TaskPlan.next(Command.Restart, Concurrency.PerRack, 3, SIX, Map.of());
        assertThat(((TaskPlan.Start) step).pods()).containsExactly("r1-0", "r1-1");
        List<TaskPlan.Node> rackRunning = List.of(
                node("r1-0", "r1", State.RUNNING, 0),
                node("r1-1", "r1", State.SUCCEEDED, 0),
                node("r2-0", "r2", State.PENDING, 0));
        assertThat(TaskPlan.next(Command.Restart, Concurrency.PerRack, 3, rackRunning, Map.of()))
                .isInstanceOf(TaskPlan.Wait.class);
    }

    @Test
    void aFailedNodeIsTriedAgainAndGivenUpAfterTheLastAttempt() {
        List<TaskPlan.Node> failedOnce =
                List.of(node("r1-0", "r1", State.FAILED, 1), node("r2-0", "r2", State.PENDING, 0));
        assertThat(TaskPlan.next(Command.Scrub, Concurrency.OneAtATime, 3, failedOnce, Map.of()))
                .isEqualTo(new TaskPlan.Start(List.of("r1-0"), "Scrub on r1-0 (r1-0 attempt 2)"));
        List<TaskPlan.Node> failedThrice =
                List.of(node("r1-0", "r1", State.FAILED, 3), node("r2-0", "r2", State.PENDING, 0));
        assertThat(TaskPlan.next(Command.Scrub, Concurrency.OneAtATime, 3, failedThrice, Map.of()))
                .isEqualTo(new TaskPlan.Fail("r1-0 failed 3 time(s): boom"));
    }

    @Test
    void aScrubOrRestartWaitsWhileAnotherNodeIsDownAndSaysWhyAFlushDoesNot() {
        List<TaskPlan.Node> oneDown = List.of(node("r1-0", "r1", State.PENDING, 0), down("r2-0", "r2"));
        TaskPlan.Step scrub = TaskPlan.next(Command.Scrub, Concurrency.OneAtATime, 3, oneDown, Map.of());
        assertThat(scrub.reason())
                .isEqualTo("Scrub refused while r2-0 (DOWN) is down: it needs every replica; it starts once every node"
                        + " serves");
        TaskPlan.Step restart = TaskPlan.next(
                Command.Restart,
                Concurrency.OneAtATime,
                3,
                List.of(node("r1-0", "r1", State.PENDING, 0)),
                Map.of("other-0", "agent not answering"));
        assertThat(restart.reason()).contains("other-0 (agent not answering) is down: it would take a second replica");
        assertThat(TaskPlan.next(Command.Flush, Concurrency.OneAtATime, 3, oneDown, Map.of()))
                .isEqualTo(new TaskPlan.Start(List.of("r1-0"), "Flush on r1-0"));
    }

    @Test
    void aNodeThatDoesNotServeIsWaitedForAndEverythingDoneCompletes() {
        assertThat(TaskPlan.next(Command.Flush, Concurrency.OneAtATime, 3, List.of(down("r1-0", "r1")), Map.of())
                        .reason())
                .isEqualTo("waiting for r1-0 to serve (DOWN) to run Flush on it");
        assertThat(TaskPlan.next(
                        Command.Flush,
                        Concurrency.OneAtATime,
                        3,
                        List.of(node("r1-0", "r1", State.SUCCEEDED, 0), node("r2-0", "r2", State.SUCCEEDED, 1)),
                        Map.of()))
                .isEqualTo(new TaskPlan.Complete("Flush done on 2 node(s)"));
        assertThat(TaskPlan.next(Command.Flush, Concurrency.OneAtATime, 3, List.of(), Map.of()))
                .isInstanceOf(TaskPlan.Fail.class);
    }
}
