package dev.cassini.agent.jobs;

import dev.cassini.contract.JobState;
import dev.cassini.contract.JobView;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** A long node operation run in the background; clients poll it by id. Thread-safe. */
public final class Job {
    private final String id;
    private final String operation;
    private final Map<String, String> parameters;
    private final boolean exclusive;
    private final Instant startedAt = Instant.now();
    private volatile Supplier<String> progress = () -> "";
    private volatile JobState state = JobState.RUNNING;
    private volatile Instant finishedAt;
    private volatile String result;
    private volatile String error;
    private final Map<String, Long> figures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Supplier<Map<String, Long>> liveFigures = Map::of;
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

    Job(String id, String operation, Map<String, String> parameters, boolean exclusive) {
        this.id = id;
        this.operation = operation;
        this.parameters = Map.copyOf(parameters);
        this.exclusive = exclusive;
    }

    public String id() {
        return id;
    }

    public String operation() {
        return operation;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public boolean exclusive() {
        return exclusive;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public JobState state() {
        return state;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String result() {
        return result;
    }

    public String error() {
        return error;
    }

    public String progress() {
        if (state != JobState.RUNNING) {
            return state == JobState.SUCCEEDED ? "done" : "failed";
        }
        try {
            return progress.get();
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The job as the API shows it. */
    public JobView view() {
        if (state == JobState.RUNNING) {
            try {
                figures.putAll(liveFigures.get());
            } catch (RuntimeException e) {
                // Figures are a courtesy: the last ones read stay, and the job's own state is unaffected.
            }
        }
        return new JobView(id, operation, parameters, state, progress(), startedAt, finishedAt, result, error, figures);
    }

    /** Records a figure the job measured, e.g. bytes uploaded; clients read it while the job runs too. */
    public void record(String name, long value) {
        figures.put(name, value);
    }

    /**
     * Figures read whenever the job is viewed while it runs, for work that happens inside Cassandra
     * where the job cannot count it (a rebuild's streams); they join those {@link #record}ed.
     */
    public void reportFiguresWith(Supplier<Map<String, Long>> supplier) {
        this.liveFigures = supplier;
    }

    /** How the job tells its progress while it runs, e.g. the node's operation mode. */
    public void reportProgressWith(Supplier<String> supplier) {
        this.progress = supplier;
    }

    /**
     * Waits until the job has ended or {@code atMost} has passed, so a client can learn of the end
     * at once instead of at its next poll.
     *
     * @return whether it has ended
     */
    public boolean awaitEnd(java.time.Duration atMost) throws InterruptedException {
        return ended.await(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void succeed(String value) {
        result = value;
        finishedAt = Instant.now();
        state = JobState.SUCCEEDED;
        ended.countDown();
    }

    void fail(String message) {
        error = message;
        finishedAt = Instant.now();
        state = JobState.FAILED;
        ended.countDown();
    }
}
