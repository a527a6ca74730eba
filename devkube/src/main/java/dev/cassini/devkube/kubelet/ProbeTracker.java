package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.Probe;

/**
 * The kubelet's state machine for one probe of one container run: when the next attempt is due
 * (initialDelaySeconds, periodSeconds) and whether the result has flipped (successThreshold,
 * failureThreshold). Pure: it is fed attempt outcomes and the clock.
 */
final class ProbeTracker {
    enum Result {
        UNKNOWN,
        SUCCESS,
        FAILURE
    }

    private final Probe probe;
    private final long startedMillis;
    private long nextDueMillis;
    private int successes;
    private int failures;
    private Result result;

    ProbeTracker(Probe probe, long startedMillis, Result initial) {
        this.probe = probe;
        this.startedMillis = startedMillis;
        this.nextDueMillis = startedMillis + 1000L * orDefault(probe.getInitialDelaySeconds(), 0);
        this.result = initial;
    }

    Probe probe() {
        return probe;
    }

    boolean isDue(long nowMillis) {
        return nowMillis >= nextDueMillis;
    }

    /** Records one attempt and returns the (maybe changed) result. */
    Result record(boolean success, long nowMillis) {
        nextDueMillis = nowMillis + 1000L * Math.max(1, orDefault(probe.getPeriodSeconds(), 10));
        if (success) {
            failures = 0;
            successes++;
            if (successes >= Math.max(1, orDefault(probe.getSuccessThreshold(), 1))) {
                result = Result.SUCCESS;
            }
        } else {
            successes = 0;
            failures++;
            if (failures >= Math.max(1, orDefault(probe.getFailureThreshold(), 3))) {
                result = Result.FAILURE;
            }
        }
        return result;
    }

    Result result() {
        return result;
    }

    long startedMillis() {
        return startedMillis;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
