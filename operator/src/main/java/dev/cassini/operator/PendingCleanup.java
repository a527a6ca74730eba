package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CleanupStatus;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.CleanupTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What status remembers of cleanups after a step: nodes recorded before a bootstrap are added,
 * a started job's id is kept with its node, a node whose cleanup succeeded (or that is no longer
 * desired) is dropped. Pure, so a step repeated after a crash records the same thing.
 */
final class PendingCleanup {
    private PendingCleanup() {}

    /** Null when nothing is pending, so the field disappears from status. */
    static List<CleanupStatus> after(
            List<CleanupTask> observed,
            List<CleanupStatus> previous,
            Action action,
            Optional<String> startedJob,
            Set<String> desiredPods) {
        List<CleanupStatus> next = new ArrayList<>();
        for (CleanupStatus entry : previous == null ? List.<CleanupStatus>of() : previous) {
            boolean done = observed.stream()
                    .anyMatch(t -> t.pod().equals(entry.getPod()) && t.state() == CleanupTask.State.SUCCEEDED);
            if (!done
                    && desiredPods.contains(entry.getPod())
                    && next.stream().noneMatch(e -> e.getPod().equals(entry.getPod()))) {
                next.add(new CleanupStatus(entry.getPod(), entry.getJobId()));
            }
        }
        if (action instanceof Action.MarkForCleanup mark) {
            for (String pod : mark.pods()) {
                if (next.stream().noneMatch(e -> e.getPod().equals(pod))) {
                    next.add(new CleanupStatus(pod, null));
                }
            }
        }
        if (action instanceof Action.Cleanup cleanup && startedJob.isPresent()) {
            next.stream().filter(e -> e.getPod().equals(cleanup.pod())).forEach(e -> e.setJobId(startedJob.get()));
        }
        return next.isEmpty() ? null : next;
    }
}
