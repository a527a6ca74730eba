package dev.cassini.devkube.kubelet;

import dev.cassini.devkube.process.ManagedProcess;
import io.fabric8.kubernetes.api.model.Container;
import java.time.Instant;

/**
 * The kubelet's bookkeeping for one container of one pod incarnation: its current process,
 * restarts, last termination, probes and readiness. Mutated by the pod's worker thread only.
 */
final class ContainerRun {
    /** How a process ended, for {@code lastState.terminated}. */
    record Termination(int exitCode, String reason, Instant startedAt, Instant finishedAt) {}

    final Container spec;
    final String image;
    final boolean init;
    ManagedProcess process;
    Instant startedAt;
    int restartCount;
    Termination lastTermination;
    Termination currentTermination;
    String waitingReason = "ContainerCreating";
    String waitingMessage;
    long nextStartMillis;
    boolean ready;
    boolean started;
    boolean killedByLiveness;
    ProbeTracker readiness;
    ProbeTracker liveness;
    ProbeTracker startup;

    ContainerRun(Container spec, boolean init) {
        this.spec = spec;
        this.image = spec.getImage();
        this.init = init;
    }

    String name() {
        return spec.getName();
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Has run to completion and will not run again. */
    boolean isFinished() {
        return !isRunning() && currentTermination != null;
    }

    /** Consecutive quick exits; the restart back-off grows with it. */
    int crashes;

    /**
     * Time to wait before the next restart: 1 s doubling up to 30 s (a kubelet: 10 s up to 5 min;
     * shorter here so tests and laptops recover fast). Like a kubelet, a run of 10 minutes or more
     * resets it, so a node that crashes after days restarts at once.
     */
    long backoffMillis() {
        return 1000L * Math.min(30, 1L << Math.min(5, Math.max(0, crashes - 1)));
    }

    /** Counts an exit, forgetting earlier crashes after a long healthy run. */
    void recordExit(Instant finishedAt) {
        boolean longRun = startedAt != null
                && java.time.Duration.between(startedAt, finishedAt).toMinutes() >= 10;
        crashes = longRun ? 1 : crashes + 1;
    }
}
