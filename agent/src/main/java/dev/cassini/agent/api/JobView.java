package dev.cassini.agent.api;

import dev.cassini.agent.jobs.Job;
import java.time.Instant;
import java.util.Map;

/** A job as the API shows it. */
record JobView(String id, String operation, Map<String, String> parameters, Job.State state, String progress,
        Instant startedAt, Instant finishedAt, String result, String error) {

    static JobView of(Job job) {
        return new JobView(job.id(), job.operation(), job.parameters(), job.state(), job.progress(), job.startedAt(),
                job.finishedAt(), job.result(), job.error());
    }
}
