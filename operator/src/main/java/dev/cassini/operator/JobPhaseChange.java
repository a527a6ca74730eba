package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a run-once resource (a backup, restore, repair or task) announces a new phase: one log line
 * and one event, {@code <Kind><Phase>} (e.g. {@code RepairSucceeded}), a warning when it failed.
 */
final class JobPhaseChange {
    private static final Logger LOG = LoggerFactory.getLogger(JobPhaseChange.class);

    private JobPhaseChange() {}

    /** Announces {@code phase} if it is not {@code previousPhase}; does nothing otherwise. */
    static void announce(
            EventRecorder events,
            HasMetadata resource,
            String kind,
            String previousPhase,
            String phase,
            String message) {
        if (Objects.equals(previousPhase, phase)) {
            return;
        }
        LOG.info(
                "{} {}/{}: {}: {}",
                kind.toLowerCase(Locale.ROOT),
                resource.getMetadata().getNamespace(),
                resource.getMetadata().getName(),
                phase,
                message);
        events.record(
                resource,
                JobConditions.FAILED.equals(phase) ? EventRecorder.WARNING : EventRecorder.NORMAL,
                kind + phase,
                message);
    }
}
