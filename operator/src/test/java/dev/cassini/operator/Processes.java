package dev.cassini.operator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a process a test started, by its PID, also when the test fails. */
final class Processes {
    private Processes() {}

    /**
     * SIGTERM, as the kubelet or an operator of a machine sends; SIGKILL after {@code grace}; then
     * SIGKILL to whatever it had started and left, so nothing outlives the test.
     */
    static void stop(Process process, Duration grace) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        for (ProcessHandle left : descendants) {
            if (left.isAlive()) {
                left.destroyForcibly();
                left.onExit()
                        .orTimeout(30, TimeUnit.SECONDS)
                        .exceptionally(e -> left)
                        .join();
            }
        }
    }
}
