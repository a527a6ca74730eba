package dev.cassini.model.repair;

import dev.cassini.model.backup.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What continuous repair does next for one cluster: keep every table repaired within half its
 * {@code gc_grace_seconds}. A table is due a quarter of its grace after it was last repaired (or
 * first seen), and a run paced to take at most another quarter ends by half: so two repairs of any
 * range are never more than {@code gc_grace_seconds} apart. Each run repairs the tables due, and
 * those due soon (within an eighth of their grace), so close deadlines share one run. Its
 * intensity spreads the work: the last run's busy time over the time this one may take. Runs
 * wait while the cluster is not Ready, and a run in progress is suspended until it is again. A
 * table with {@code gc_grace_seconds = 0} keeps no tombstones to resurrect and is never due. With
 * a cron schedule instead, a run of every table starts at each scheduled time.
 */
public final class ContinuousRepairPlan {
    private ContinuousRepairPlan() {}

    /** The intensity of a run when no earlier run tells how long the work takes. */
    public static final double FIRST_INTENSITY = 0.5;

    static final double MIN_INTENSITY = 0.05;

    /**
     * A table as continuous repair tracks it.
     *
     * @param repairedAt when a full repair of it (every datacenter) last completed, or when it was
     *     first seen if never
     */
    public record Table(String name, long gcGraceSeconds, Instant repairedAt) {
        /** When it is due for the next run; empty when it never is. */
        Optional<Instant> dueAt() {
            return gcGraceSeconds <= 0 ? Optional.empty() : Optional.of(repairedAt.plusSeconds(gcGraceSeconds / 4));
        }
    }

    /**
     * A run continuous repair started (a CassandraRepair it owns).
     *
     * @param finished it Succeeded or Failed
     * @param failed it Failed
     */
    public record Run(
            String name,
            boolean finished,
            boolean failed,
            boolean suspended,
            Instant startedAt,
            Instant completedAt,
            double intensity) {}

    /** After a failed run, the next waits this long (or a sixteenth of the shortest grace, if less). */
    static final Duration AFTER_FAILURE = Duration.ofMinutes(10);

    /** What to do. */
    public sealed interface Step {
        String reason();
    }

    /** Start a run of these tables at this intensity. */
    public record Start(List<String> tables, double intensity, String reason) implements Step {
        public Start {
            tables = List.copyOf(tables);
        }
    }

    /** Suspend the run in progress (the cluster is not Ready). */
    public record Suspend(String run, String reason) implements Step {}

    /** Let the suspended run go on (the cluster is Ready again). */
    public record Resume(String run, String reason) implements Step {}

    /** Nothing to do now; {@code next} is when something is due, if known. */
    public record Wait(Optional<Instant> next, String reason) implements Step {}

    /** Why continuous repair is off when spec.repair.enabled is false. */
    public static final String DISABLED = "continuous repair is off (spec.repair.enabled: false)";

    /**
     * @param off why the operator starts no run (disabled, or Cassandra's own scheduler repairs); empty when it does
     * @param schedule the cron schedule, when the user set one instead of the grace-driven cadence
     * @param lastScheduled the latest scheduled time a run was started for, or when the schedule was first seen
     * @param notReady why the cluster is not Ready; empty when it is
     * @param runs the runs continuous repair started, newest last
     */
    public static Step next(
            Optional<String> off,
            Optional<CronSchedule> schedule,
            Instant lastScheduled,
            List<Table> tables,
            List<Run> runs,
            Optional<String> notReady,
            Instant now) {
        Optional<Run> active = runs.stream().filter(r -> !r.finished()).findFirst();
        if (off.isPresent()) {
            return active.filter(r -> !r.suspended())
                    .<Step>map(r -> new Suspend(r.name(), off.get()))
                    .orElse(new Wait(Optional.empty(), off.get()));
        }
        if (active.isPresent()) {
            Run run = active.get();
            if (notReady.isPresent()) {
                return run.suspended()
                        ? new Wait(
                                Optional.empty(),
                                "run " + run.name() + " is suspended until the cluster is Ready (" + notReady.get()
                                        + ")")
                        : new Suspend(run.name(), "the cluster is not Ready (" + notReady.get() + ")");
            }
            return run.suspended()
                    ? new Resume(run.name(), "the cluster is Ready again")
                    : new Wait(Optional.empty(), "run " + run.name() + " is repairing");
        }
        if (schedule.isPresent()) {
            Instant due =
                    schedule.get().next(lastScheduled.atZone(ZoneOffset.UTC)).toInstant();
            if (due.isAfter(now)) {
                return new Wait(Optional.of(due), "next run at " + due + " (spec.repair.schedule)");
            }
            if (notReady.isPresent()) {
                return new Wait(
                        Optional.empty(),
                        "a scheduled run is due, skipped while the cluster is not Ready (" + notReady.get() + ")");
            }
            return new Start(
                    tables.stream().map(Table::name).toList(),
                    1.0,
                    "scheduled run of " + tables.size() + " table(s) (spec.repair.schedule)");
        }
        // A run starts when a table is due, and takes along those due within another eighth of
        // their grace; so the next run starts when the first table falls due.
        List<Table> dueNow = new ArrayList<>();
        for (Table table : tables) {
            Optional<Instant> due = table.dueAt();
            if (due.isPresent() && !due.get().isAfter(now.plusSeconds(table.gcGraceSeconds() / 8))) {
                dueNow.add(table);
            }
        }
        Optional<Instant> nextDue =
                tables.stream().map(Table::dueAt).flatMap(Optional::stream).min(Instant::compareTo);
        boolean overdue = nextDue.isPresent() && !nextDue.get().isAfter(now);
        if (!overdue) {
            return new Wait(nextDue, nextDue.map(d -> "next run at " + d).orElse("no table needs repairs"));
        }
        if (notReady.isPresent()) {
            return new Wait(
                    Optional.empty(),
                    dueNow.size() + " table(s) due, skipped while the cluster is not Ready (" + notReady.get() + ")");
        }
        long shortest = dueNow.stream().mapToLong(Table::gcGraceSeconds).min().getAsLong();
        Optional<Run> last = runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
        if (last.isPresent() && last.get().failed() && last.get().completedAt() != null) {
            Duration pause = AFTER_FAILURE.compareTo(Duration.ofSeconds(shortest / 16)) < 0
                    ? AFTER_FAILURE
                    : Duration.ofSeconds(shortest / 16);
            Instant again = last.get().completedAt().plus(pause);
            if (again.isAfter(now)) {
                return new Wait(
                        Optional.of(again),
                        "run " + last.get().name() + " failed (its status says why); the next starts at " + again);
            }
        }
        long window = shortest / 4;
        double intensity = intensity(runs, Duration.ofSeconds(window));
        dueNow.sort(Comparator.comparing(Table::name));
        return new Start(
                dueNow.stream().map(Table::name).toList(),
                intensity,
                dueNow.size()
                        + " table(s) due (a quarter of gc_grace_seconds since their last repair), paced to end within "
                        + window + " s at intensity " + intensity);
    }

    /**
     * The last finished run's busy time (its duration at its intensity) over the time this run may
     * take, between {@link #MIN_INTENSITY} and 1; {@link #FIRST_INTENSITY} without an earlier run.
     */
    static double intensity(List<Run> runs, Duration window) {
        Optional<Run> last = runs.stream()
                .filter(r -> r.finished() && r.completedAt() != null && r.startedAt() != null)
                .reduce((a, b) -> b);
        if (last.isEmpty() || window.isZero()) {
            return FIRST_INTENSITY;
        }
        double busy = Duration.between(last.get().startedAt(), last.get().completedAt())
                        .toMillis()
                * last.get().intensity();
        double wanted = busy / window.toMillis();
        return Math.round(Math.max(MIN_INTENSITY, Math.min(1.0, wanted)) * 100) / 100.0;
    }
}
