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
    record Termination(int exitCode, String reason, Instant startedAt, Instant finishedAt) {
    }

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

    /** Time to wait before restart number {@code restartCount + 1}: 1 s doubling up to 30 s. */
    long backoffMillis() {
        return 1000L * Math.min(30, 1L << Math.min(5, restartCount));
    }
}
