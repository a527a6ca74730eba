package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), BERLIN);
    }

    private static String next(String schedule, String after) {
        return CronSchedule.parse(schedule).next(at(after)).toLocalDateTime().toString();
    }

    @Test
    void dailyAtTwoRunsTheSameDayIfNotPastAndTheNextOtherwise() {
        assertThat(next("0 2 * * *", "2026-12-01T01:59:30")).isEqualTo("2026-12-01T02:00");
        assertThat(next("0 2 * * *", "2026-12-01T02:00")).isEqualTo("2026-12-02T02:00");
        assertThat(next("@daily", "2026-12-31T23:59")).isEqualTo("2027-01-01T00:00");
    }

    @Test
    void stepsRangesListsAndNames() {
        assertThat(next("*/15 * * * *", "2026-12-01T10:07")).isEqualTo("2026-12-01T10:15");
        assertThat(next("0 9-17/4 * * MON-FRI", "2026-12-04T17:30")).isEqualTo("2026-12-07T09:00");
        assertThat(next("30 1 1,15 JAN,jul *", "2026-12-01T00:00")).isEqualTo("2027-01-01T01:30");
        assertThat(next("0 0 * * 7", "2026-12-01T00:00")).as("7 is Sunday").isEqualTo("2026-12-06T00:00");
    }

    @Test
    void bothDayFieldsRestrictedMeansEitherDay() {
        // the 13th, or any Friday: Friday 4 December comes first
        assertThat(next("0 0 13 * FRI", "2026-12-01T00:00")).isEqualTo("2026-12-04T00:00");
    }

    @Test
    void theTimeZoneDecidesTheWallClock() {
        ZonedDateTime afterInUtc = ZonedDateTime.parse("2026-12-01T00:30Z");
        assertThat(CronSchedule.parse("0 2 * * *")
                        .next(afterInUtc.withZoneSameInstant(BERLIN))
                        .toInstant()
                        .toString())
                .isEqualTo("2026-12-01T01:00:00Z");
    }

    @Test
    void aWrongScheduleSaysWhichFieldAndHowARightOneLooks() {
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * *")).hasMessageContaining("has 4 fields; cron has 5");
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *"))
                .hasMessageContaining("hour \"25\" is not valid: use numbers from 0 to 23");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * FUNDAY")).hasMessageContaining("names like MON");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *").next(at("2026-01-01T00:00")))
                .hasMessageContaining("never runs");
        assertThatThrownBy(() -> CronSchedule.parse(" ")).hasMessageContaining("e.g. \"0 2 * * *\"");
    }
}
