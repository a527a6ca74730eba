package dev.cassini.devkube.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a process together with everything it started, the way a container runtime does. */
public final class ProcessTree {
    private ProcessTree() {}

    /**
     * SIGTERM to the process, up to {@code grace} for it to exit, then SIGKILL to it and its
     * descendants. Descendants are collected first: once the parent dies they are re-parented
     * and can no longer be found through it.
     *
     * @return true if the process exited within the grace period, false if it had to be killed
     */
    public static boolean stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        boolean exited = waitFor(process, grace);
        if (!exited) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(5));
        }
        killSurvivors(descendants);
        return exited;
    }

    /**
     * SIGKILL to those of {@code descendants} still alive, collected before their parent was told to
     * stop; a container's processes end with its first one.
     *
     * @return the ones that were still alive
     */
    public static List<ProcessHandle> killSurvivors(List<ProcessHandle> descendants) {
        List<ProcessHandle> survivors =
                descendants.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        return survivors;
    }

    /** SIGKILL at once, for leftovers nobody waits for. */
    public static void kill(ProcessHandle process, Duration wait) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        waitFor(process, wait);
    }

    public static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
