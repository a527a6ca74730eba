package dev.cassini.model.backup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When a backup schedule takes its next backup. Like a Kubernetes CronJob: runs missed while the
 * operator was away are not made up one by one; the latest of them runs once. A suspended schedule
 * takes none. With {@code forbidConcurrent}, a run that comes while an earlier backup still runs is
 * skipped (recorded, so it is not taken late).
 */
public final class SchedulePlan {
    /** How many missed runs are looked through before giving up on finding the latest exactly. */
    private static final int MAX_MISSED = 100_000;

    private SchedulePlan() {}

    /**
     * @param run the scheduled time to take a backup for now, if any
     * @param skipped a scheduled time that passes without a backup (recorded as the last schedule time)
     * @param next the next scheduled time after now
     * @param reason what happens, for status
     */
    public record Decision(Optional<Instant> run, Optional<Instant> skipped, Instant next, String reason) {}

    /**
     * @param lastScheduled the last scheduled time acted on, or the schedule's creation time
     * @param active the backups of the schedule that still run
     */
    public static Decision decide(
            CronSchedule cron,
            ZoneId zone,
            boolean suspend,
            Instant lastScheduled,
            Instant now,
            List<String> active,
            boolean forbidConcurrent) {
        ZonedDateTime due = cron.next(lastScheduled.atZone(zone));
        ZonedDateTime nowInZone = now.atZone(zone);
        if (due.isAfter(nowInZone)) {
            return new Decision(
                    Optional.empty(), Optional.empty(), due.toInstant(), "next backup at " + due.toOffsetDateTime());
        }
        ZonedDateTime latest = due;
        for (int i = 0; i < MAX_MISSED; i++) {
            ZonedDateTime after = cron.next(latest);
            if (after.isAfter(nowInZone)) {
                break;
            }
            latest = after;
        }
        Instant next = cron.next(nowInZone).toInstant();
        if (suspend) {
            return new Decision(Optional.empty(), Optional.empty(), next, "suspended: no backup is taken");
        }
        if (forbidConcurrent && !active.isEmpty()) {
            return new Decision(
                    Optional.empty(),
                    Optional.of(latest.toInstant()),
                    next,
                    "skipped the backup of " + latest.toOffsetDateTime() + ": " + String.join(", ", active)
                            + " still runs (concurrencyPolicy Forbid)");
        }
        return new Decision(
                Optional.of(latest.toInstant()),
                Optional.empty(),
                next,
                "backup of " + latest.toOffsetDateTime() + " started");
    }
}
