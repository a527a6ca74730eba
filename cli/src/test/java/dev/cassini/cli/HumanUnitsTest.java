package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HumanUnitsTest {
    @Test
    void bytesAreBinaryWithThreeSignificantDigits() {
        assertThat(HumanUnits.bytes(0L)).isEqualTo("0 B");
        assertThat(HumanUnits.bytes(1023L)).isEqualTo("1023 B");
        assertThat(HumanUnits.bytes(1536L)).isEqualTo("1.5 KiB");
        assertThat(HumanUnits.bytes(47_500_000L)).isEqualTo("45.3 MiB");
        assertThat(HumanUnits.bytes(512L * 1024 * 1024)).isEqualTo("512 MiB");
        assertThat(HumanUnits.bytes(3L * 1024 * 1024 * 1024 * 1024 / 2)).isEqualTo("1.5 TiB");
    }

    @Test
    void aSizeTheStatusDoesNotHaveYetIsADash() {
        assertThat(HumanUnits.bytes(null)).isEqualTo("-");
    }

    @Test
    void durationsShowTheTwoLargestUnits() {
        assertThat(HumanUnits.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanUnits.duration(Duration.ofSeconds(185))).isEqualTo("3m 05s");
        assertThat(HumanUnits.duration(Duration.ofMinutes(123).plusSeconds(59))).isEqualTo("2h 03m");
        assertThat(HumanUnits.duration(Duration.ofHours(76))).isEqualTo("3d 04h");
        assertThat(HumanUnits.duration(Duration.ofSeconds(-5))).as("clock skew").isEqualTo("0s");
    }

    @Test
    void timesAreShownInTheGivenZoneWithTheirOffset() {
        assertThat(HumanUnits.time("2025-06-01T02:00:13Z", ZoneOffset.UTC)).isEqualTo("2025-06-01 02:00:13 +0000");
        assertThat(HumanUnits.time("2025-06-01T02:00:13Z", ZoneId.of("Europe/Paris")))
                .isEqualTo("2025-06-01 04:00:13 +0200");
        assertThat(HumanUnits.time(null, ZoneOffset.UTC)).isEqualTo("-");
        assertThat(HumanUnits.time("yesterday", ZoneOffset.UTC)).isEqualTo("-");
    }

    @Test
    void elapsedRunsToTheEndOrToNowWhileRunning() {
        Instant now = Instant.parse("2025-06-01T02:10:00Z");
        assertThat(HumanUnits.elapsed("2025-06-01T02:00:00Z", "2025-06-01T02:02:03Z", now))
                .isEqualTo("2m 03s");
        assertThat(HumanUnits.elapsed("2025-06-01T02:00:00Z", null, now)).isEqualTo("10m 00s");
        assertThat(HumanUnits.elapsed(null, null, now)).isEqualTo("-");
    }
}
