package dev.cassini.model.plan;

import java.time.Duration;

/**
 * How soon the operator looks at a cluster again after a step. A converged cluster is looked at
 * every 30 s (its nodes may fail; nothing in Kubernetes says so). A step whose effect is there as
 * soon as it returns (seeds pushed, auth set up, replication changed, a record in status) is
 * followed at once by the next, instead of a poll later (once: the same step again waits the usual
 * 3 s): on a new cluster, seeds pushed and then
 * the nodes started cost one interval less, and Ready comes as soon as auth is set up. While a
 * pod runs but its agent's JVM is still starting, which Kubernetes does not announce, it looks
 * every second. Anything else, a node starting or draining, a stream, a failed step, every 3 s.
 */
public final class ReconcilePace {
    public static final Duration CONVERGED = Duration.ofSeconds(30);
    public static final Duration PROGRESSING = Duration.ofSeconds(3);
    public static final Duration AGENTS_COMING_UP = Duration.ofSeconds(1);
    public static final Duration AT_ONCE = Duration.ofMillis(100);

    private ReconcilePace() {}

    /**
     * @param repeated the same step as the reconcile before took: its effect did not show, so it is not
     *     followed at once again (no loop of quick repeats when something outside does not do its part)
     * @param agentsComingUp some desired node's pod runs (it has an address) but its agent does not answer yet
     */
    public static Duration after(Action action, boolean failed, boolean repeated, boolean agentsComingUp) {
        if (failed) {
            return PROGRESSING;
        }
        if (action instanceof Action.Converged) {
            return CONVERGED;
        }
        if (action instanceof Action.Wait) {
            return agentsComingUp ? AGENTS_COMING_UP : PROGRESSING;
        }
        return action instanceof Action.PushSeeds
                        || action instanceof Action.InitializeAuth
                        || action instanceof Action.MarkForCleanup
                        || action instanceof Action.ExtendReplication
                        || action instanceof Action.WithdrawReplication
                ? (repeated ? PROGRESSING : AT_ONCE)
                : PROGRESSING;
    }
}
