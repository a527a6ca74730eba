package dev.cassini.agent.node;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Waits for one repair command Cassandra runs to end, by polling the status Cassandra records for
 * it: {@code nodetool repair} listens to JMX notifications instead, which the helper's
 * request-and-answer socket cannot carry. The wait ends when Cassandra reports the command
 * COMPLETED or FAILED; past its deadline the node's repair sessions are terminated, so that no
 * session goes on streaming and validating after its job has given up on it.
 */
public final class RepairSession {
    /**
     * How often the status is read: a segment's session takes a few seconds, and every moment
     * between its end and the job's end is a moment no session runs on its replicas. One read
     * is one call over the helper's socket, cheap at this rate.
     */
    static final Duration POLL = Duration.ofMillis(100);
    /** The most of Cassandra's messages a failure carries: the job's error is a line, not a log. */
    static final int MAX_MESSAGE = 500;

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    /** Cassandra's side of a repair command, as {@link CassandraNode} offers it. */
    public interface StatusSource {
        /** The command's status first, then its messages; null while Cassandra records nothing for it. */
        List<String> parentRepairStatus(int command) throws IOException;

        void terminateRepairSessions() throws IOException;
    }

    /** Waits between two polls; tests pass one that only moves their clock. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final StatusSource cassandra;
    private final int command;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private volatile String progress;

    public RepairSession(StatusSource cassandra, int command, Duration timeout) {
        this(cassandra, command, timeout, System::nanoTime, d -> Thread.sleep(d.toMillis()));
    }

    RepairSession(StatusSource cassandra, int command, Duration timeout, LongSupplier nanoTime, Sleeper sleeper) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a repair session's timeout must be positive, not " + timeout);
        }
        this.cassandra = cassandra;
        this.command = command;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.progress = notStarted();
    }

    /** What the session is doing, as Cassandra last said: its last message, or its status. */
    public String progress() {
        return progress;
    }

    /**
     * Returns Cassandra's closing messages once it reports the command completed.
     *
     * @throws IllegalStateException when Cassandra reports it failed, forgets it, or it runs past
     *     the timeout (its sessions on this node are then terminated); the message says which
     */
    public List<String> await() throws IOException, InterruptedException {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        boolean seen = false;
        while (true) {
            List<String> status = cassandra.parentRepairStatus(command);
            if (status == null || status.isEmpty()) {
                if (seen) {
                    // Cassandra keeps a command's status until it expires or Cassandra restarts; either
                    // way the outcome is lost, and only running the repair again tells.
                    throw new IllegalStateException("Cassandra no longer knows repair command " + command
                            + " (it restarted, or its status expired), so whether the repair completed is unknown;"
                            + " run the repair again");
                }
                // Not started yet: Cassandra runs commands on an executor of its own, where this one
                // may wait behind others.
                progress = notStarted();
            } else {
                seen = true;
                List<String> messages = status.subList(1, status.size());
                switch (status.get(0)) {
                    case COMPLETED:
                        progress = COMPLETED;
                        return List.copyOf(messages);
                    case FAILED:
                        throw new IllegalStateException("repair command " + command + " failed: "
                                + (messages.isEmpty()
                                        ? "Cassandra gave no reason; see the node's system.log"
                                        : shortened(String.join("; ", messages))));
                    default:
                        progress = "repair command " + command + ": "
                                + (messages.isEmpty() ? status.get(0) : messages.get(messages.size() - 1));
                }
            }
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                throw new IllegalStateException(timedOut());
            }
            sleeper.sleep(Duration.ofNanos(Math.min(left, POLL.toNanos())));
        }
    }

    private String notStarted() {
        return "waiting for Cassandra to start repair command " + command;
    }

    private String timedOut() {
        String message = "repair session timed out after " + timeout.toSeconds() + " s";
        try {
            cassandra.terminateRepairSessions();
            return message + "; its sessions on this node were terminated";
        } catch (IOException | RuntimeException e) {
            return message + "; terminating its sessions on this node failed too (" + e.getMessage()
                    + "), so they may still run; the node's system.log tells";
        }
    }

    private static String shortened(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
