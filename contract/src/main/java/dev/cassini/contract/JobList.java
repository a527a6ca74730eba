package dev.cassini.contract;

import java.util.List;

/** {@code GET /api/v1/jobs}: every job the agent remembers, newest first. */
public record JobList(List<JobView> jobs) {
    public JobList {
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
}
