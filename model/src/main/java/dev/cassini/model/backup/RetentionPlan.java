package dev.cassini.model.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which backups a schedule prunes. Complete backups are kept by the {@link RetentionPolicy}; a
 * running backup is never pruned; a failed one is pruned once a newer backup is complete, since
 * that one restores everything it would have. The newest complete backup is always kept, whatever
 * the policy says.
 */
public final class RetentionPlan {
    private RetentionPlan() {}

    /**
     * @param zone the schedule's time zone: days, weeks and months are counted in it
     * @return the ids to delete, oldest first
     */
    public static List<String> prune(List<BackupRecord> backups, RetentionPolicy policy, ZoneId zone) {
        List<BackupRecord> complete = backups.stream()
                .filter(b -> b.state() == BackupRecord.State.COMPLETE)
                .sorted(Comparator.comparing(BackupRecord::startedAt).reversed())
                .toList();
        Set<String> keep = new HashSet<>();
        complete.stream().limit(Math.max(1, policy.last())).forEach(b -> keep.add(b.id()));
        keepNewestPer(complete, policy.daily(), b -> LocalDate.ofInstant(b.startedAt(), zone), keep);
        keepNewestPer(
                complete,
                policy.weekly(),
                b -> {
                    LocalDate day = LocalDate.ofInstant(b.startedAt(), zone);
                    return day.get(IsoFields.WEEK_BASED_YEAR) * 100 + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                },
                keep);
        keepNewestPer(complete, policy.monthly(), b -> YearMonth.from(LocalDate.ofInstant(b.startedAt(), zone)), keep);

        Instant newestComplete =
                complete.isEmpty() ? Instant.MIN : complete.get(0).startedAt();
        return backups.stream()
                .filter(b -> switch (b.state()) {
                    case COMPLETE -> !keep.contains(b.id());
                    case FAILED -> b.startedAt().isBefore(newestComplete);
                    case RUNNING -> false;
                })
                .sorted(Comparator.comparing(BackupRecord::startedAt))
                .map(BackupRecord::id)
                .toList();
    }

    /** Keeps the newest backup of each of the newest {@code periods} periods that have one. */
    private static void keepNewestPer(
            List<BackupRecord> newestFirst, int periods, Function<BackupRecord, Object> period, Set<String> keep) {
        Set<Object> seen = new LinkedHashSet<>();
        for (BackupRecord backup : newestFirst) {
            if (seen.size() == periods) {
                return;
            }
            if (seen.add(period.apply(backup))) {
                keep.add(backup.id());
            }
        }
    }
}
