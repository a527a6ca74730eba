package dev.cassini.devkube.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import org.junit.jupiter.api.Test;

class ProbeTrackerTest {
    private final Probe probe = new ProbeBuilder()
            .withInitialDelaySeconds(5)
            .withPeriodSeconds(2)
            .withSuccessThreshold(2)
            .withFailureThreshold(3)
            .build();

    @Test
    void waitsForTheInitialDelayThenThePeriod() {
        ProbeTracker tracker = new ProbeTracker(probe, 0, ProbeTracker.Result.FAILURE);
        assertThat(tracker.isDue(4_999)).isFalse();
        assertThat(tracker.isDue(5_000)).isTrue();
        tracker.record(true, 5_000);
        assertThat(tracker.isDue(6_999)).isFalse();
        assertThat(tracker.isDue(7_000)).isTrue();
    }

    @Test
    void flipsOnlyAfterTheThresholds() {
        ProbeTracker tracker = new ProbeTracker(probe, 0, ProbeTracker.Result.FAILURE);
        assertThat(tracker.record(true, 5_000)).isEqualTo(ProbeTracker.Result.FAILURE);
        assertThat(tracker.record(true, 7_000)).isEqualTo(ProbeTracker.Result.SUCCESS);
        assertThat(tracker.record(false, 9_000)).isEqualTo(ProbeTracker.Result.SUCCESS);
        assertThat(tracker.record(false, 11_000)).isEqualTo(ProbeTracker.Result.SUCCESS);
        assertThat(tracker.record(false, 13_000)).isEqualTo(ProbeTracker.Result.FAILURE);
    }
}
