package dev.cassini.agent.jobs;

import dev.cassini.contract.JobState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and remembers jobs. Operations that move data, rewrite SSTables or change the ring (drain,
 * decommission, rebuild, cleanup, removenode, backup, restore, repair, compact, upgradesstables,
 * scrub, garbagecollect) are exclusive: two at once on one node would fight over streams and
 * compaction, so a second one is refused while the first runs.
 */
public final class JobRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRegistry.class);
    private static final int KEEP_FINISHED = 100;

    /** The work of a job; may tell its progress through the job. Returns a short result text. */
    @FunctionalInterface
    public interface Work {
        String run(Job job) throws Exception;
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cassini-job");
        t.setDaemon(true);
        return t;
    });

    /**
     * @throws JobConflictException if {@code exclusive} and an exclusive job is running
     */
    public synchronized Job submit(String operation, Map<String, String> parameters, boolean exclusive, Work work) {
        if (exclusive) {
            Optional<Job> running = jobs.values().stream()
                    .filter(j -> j.state() == JobState.RUNNING && j.exclusive())
                    .findFirst();
            if (running.isPresent()) {
                throw new JobConflictException("job " + running.get().id() + " ("
                        + running.get().operation() + ") is still running; wait for it to finish (GET /api/v1/jobs/"
                        + running.get().id() + ")");
            }
        }
        Job job = new Job(UUID.randomUUID().toString(), operation, parameters, exclusive);
        jobs.put(job.id(), job);
        trim();
        executor.submit(() -> {
            LOG.info("job {} ({}) started with {}", job.id(), operation, parameters);
            try {
                job.succeed(work.run(job));
                LOG.info("job {} ({}) succeeded", job.id(), operation);
            } catch (Throwable e) {
                // Errors too (NoClassDefFoundError, StackOverflowError, ...): a job left RUNNING would
                // block every exclusive operation on this node until the agent restarts.
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                job.fail(message);
                LOG.warn("job {} ({}) failed: {}", job.id(), operation, message);
            }
        });
        return job;
    }

    public synchronized Optional<Job> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public synchronized List<Job> all() {
        List<Job> list = new ArrayList<>(jobs.values());
        list.sort(Comparator.comparing(Job::startedAt).reversed());
        return list;
    }

    private void trim() {
        var finished = jobs.values().stream()
                .filter(j -> j.state() != JobState.RUNNING)
                .map(Job::id)
                .toList();
        for (int i = 0; i < finished.size() - KEEP_FINISHED; i++) {
            jobs.remove(finished.get(i));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
