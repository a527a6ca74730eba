package dev.cassini.agent;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A one-thread timer for the agent's periodic checks, on a daemon thread so it never keeps the agent alive. */
final class BackgroundTimer {
    private BackgroundTimer() {}

    static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
