package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.model.backup.BackupRecord.State;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPlanTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static BackupRecord at(String id, String time, State state) {
        return new BackupRecord(id, Instant.parse(time), state);
    }

    /** A complete backup every day at 02:00 UTC for {@code days} days up to 2026-12-01. */
    private static List<BackupRecord> nightly(int days) {
        List<BackupRecord> backups = new ArrayList<>();
        Instant last = Instant.parse("2026-12-01T02:00:00Z");
        for (int i = days - 1; i >= 0; i--) {
            Instant t = last.minusSeconds(86_400L * i);
            backups.add(new BackupRecord("b-" + t.toString().substring(0, 10), t, State.COMPLETE));
        }
        return backups;
    }

    @Test
    void keepLastKeepsTheNewestAndPrunesTheRestOldestFirst() {
        assertThat(RetentionPlan.prune(nightly(5), new RetentionPolicy(2, 0, 0, 0), UTC))
                .containsExactly("b-2026-11-27", "b-2026-11-28", "b-2026-11-29");
    }

    @Test
    void tiersKeepTheNewestOfEachDayWeekAndMonth() {
        // 60 nightly backups: keep 7 days, 4 ISO weeks, 3 months.
        List<String> pruned = RetentionPlan.prune(nightly(60), new RetentionPolicy(0, 7, 4, 3), UTC);
        List<String> kept = nightly(60).stream()
                .map(BackupRecord::id)
                .filter(id -> !pruned.contains(id))
                .toList();
        assertThat(kept)
                .containsExactlyInAnyOrder(
                        // the last 7 days (12-01 is a Tuesday)
                        "b-2026-11-25",
                        "b-2026-11-26",
                        "b-2026-11-27",
                        "b-2026-11-28",
                        "b-2026-11-29",
                        "b-2026-11-30",
                        "b-2026-12-01",
                        // 4 ISO weeks: this one and last one are kept already; the Sundays of the two before
                        "b-2026-11-22",
                        "b-2026-11-15",
                        // 3 months: December and November are kept already; October's last
                        "b-2026-10-31");
        assertThat(kept).doesNotContain("b-2026-11-01");
    }

    @Test
    void daysAreCountedInTheSchedulesTimeZone() {
        // 23:30 and 00:30 UTC are one day in New York (18:30 and 19:30): only the newer is kept by the day rule.
        List<BackupRecord> backups = List.of(
                at("late", "2026-11-30T23:30:00Z", State.COMPLETE),
                at("later", "2026-12-01T00:30:00Z", State.COMPLETE));
        assertThat(RetentionPlan.prune(backups, new RetentionPolicy(0, 1, 0, 0), ZoneId.of("America/New_York")))
                .containsExactly("late");
        assertThat(RetentionPlan.prune(backups, new RetentionPolicy(0, 2, 0, 0), UTC))
                .isEmpty();
    }

    @Test
    void runningBackupsStayAndFailedOnesGoOnceANewerOneIsComplete() {
        List<BackupRecord> backups = List.of(
                at("failed-old", "2026-11-29T02:00:00Z", State.FAILED),
                at("ok", "2026-11-30T02:00:00Z", State.COMPLETE),
                at("failed-new", "2026-12-01T01:00:00Z", State.FAILED),
                at("running", "2026-12-01T02:00:00Z", State.RUNNING));
        assertThat(RetentionPlan.prune(backups, new RetentionPolicy(1, 0, 0, 0), UTC))
                .containsExactly("failed-old");
    }

    @Test
    void theNewestCompleteBackupIsAlwaysKept() {
        assertThat(RetentionPlan.prune(nightly(3), new RetentionPolicy(0, 0, 0, 1), UTC))
                .containsExactly("b-2026-11-29", "b-2026-11-30");
    }

    @Test
    void aPolicyThatKeepsNothingIsRefused() {
        assertThatThrownBy(() -> new RetentionPolicy(0, 0, 0, 0)).hasMessageContaining("keep at least the last one");
        assertThatThrownBy(() -> new RetentionPolicy(-1, 1, 0, 0)).hasMessageContaining("negative");
    }
}
