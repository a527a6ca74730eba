package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulePlanTest {
    private static final CronSchedule NIGHTLY = CronSchedule.parse("0 2 * * *");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static SchedulePlan.Decision decide(String last, String now, boolean suspend, List<String> active) {
        return SchedulePlan.decide(NIGHTLY, UTC, suspend, Instant.parse(last), Instant.parse(now), active, true);
    }

    @Test
    void beforeTheTimeNothingRunsAndStatusSaysWhen() {
        var decision = decide("2026-12-01T02:00:00Z", "2026-12-01T15:00:00Z", false, List.of());

        assertThat(decision.run()).isEmpty();
        assertThat(decision.next()).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
        assertThat(decision.reason()).contains("next backup at 2026-12-02T02:00Z");
    }

    @Test
    void atTheTimeABackupRunsForIt() {
        var decision = decide("2026-12-01T02:00:00Z", "2026-12-02T02:00:20Z", false, List.of());

        assertThat(decision.run()).contains(Instant.parse("2026-12-02T02:00:00Z"));
        assertThat(decision.next()).isEqualTo(Instant.parse("2026-12-03T02:00:00Z"));
    }

    @Test
    void missedRunsAreNotMadeUpOneByOneOnlyTheLatestRuns() {
        var decision = decide("2026-11-20T02:00:00Z", "2026-12-01T10:00:00Z", false, List.of());

        assertThat(decision.run()).contains(Instant.parse("2026-12-01T02:00:00Z"));
    }

    @Test
    void aSuspendedScheduleTakesNone() {
        var decision = decide("2026-12-01T02:00:00Z", "2026-12-02T02:00:20Z", true, List.of());

        assertThat(decision.run()).isEmpty();
        assertThat(decision.skipped()).isEmpty();
        assertThat(decision.reason()).contains("suspended");
    }

    @Test
    void aRunWhileTheLastBackupStillRunsIsSkippedAndRecorded() {
        var decision = decide("2026-12-01T02:00:00Z", "2026-12-02T02:00:20Z", false, List.of("nightly-202612010200"));

        assertThat(decision.run()).isEmpty();
        assertThat(decision.skipped()).contains(Instant.parse("2026-12-02T02:00:00Z"));
        assertThat(decision.reason()).contains("nightly-202612010200 still runs");
        assertThat(SchedulePlan.decide(
                                NIGHTLY,
                                UTC,
                                false,
                                Instant.parse("2026-12-01T02:00:00Z"),
                                Instant.parse("2026-12-02T02:00:20Z"),
                                List.of("nightly-202612010200"),
                                false)
                        .run())
                .as("concurrencyPolicy Allow")
                .isPresent();
    }
}
