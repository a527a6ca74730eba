package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcilePaceTest {
    @Test
    void aStepWhoseEffectIsThereAtOnceIsFollowedAtOnce() {
        assertThat(ReconcilePace.after(
                        new Action.PushSeeds(List.of("p"), List.of("10.0.0.1"), "r"), false, false, false))
                .isEqualTo(ReconcilePace.AT_ONCE);
        assertThat(ReconcilePace.after(new Action.InitializeAuth("r"), false, false, false))
                .isEqualTo(ReconcilePace.AT_ONCE);
        assertThat(ReconcilePace.after(new Action.WithdrawReplication(Set.of("dc2"), false, "r"), false, false, false))
                .isEqualTo(ReconcilePace.AT_ONCE);
    }

    @Test
    void theSameStepAgainIsNotFollowedAtOnceAgain() {
        assertThat(ReconcilePace.after(
                        new Action.PushSeeds(List.of("p"), List.of("10.0.0.1"), "r"), false, true, false))
                .isEqualTo(ReconcilePace.PROGRESSING);
    }

    @Test
    void aFailedStepIsTriedAgainAtTheProgressingPaceNeverAtOnce() {
        assertThat(ReconcilePace.after(new Action.PushSeeds(List.of("p"), List.of("10.0.0.1"), "r"), true, false, true))
                .isEqualTo(ReconcilePace.PROGRESSING);
        assertThat(ReconcilePace.after(new Action.Converged("r"), true, false, false))
                .isEqualTo(ReconcilePace.PROGRESSING);
    }

    @Test
    void waitingForAgentsToComeUpLooksEverySecondOtherWaitsEveryThree() {
        assertThat(ReconcilePace.after(new Action.Wait("r"), false, false, true))
                .isEqualTo(ReconcilePace.AGENTS_COMING_UP);
        assertThat(ReconcilePace.after(new Action.Wait("r"), false, false, false))
                .isEqualTo(ReconcilePace.PROGRESSING);
        assertThat(ReconcilePace.after(new Action.StartNodes(List.of(), "r"), false, false, false))
                .isEqualTo(ReconcilePace.PROGRESSING);
    }

    @Test
    void aConvergedClusterIsLookedAtEveryThirtySeconds() {
        assertThat(ReconcilePace.after(new Action.Converged("r"), false, false, false))
                .isEqualTo(ReconcilePace.CONVERGED);
    }
}
