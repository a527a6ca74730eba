package dev.cassini.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Sizes, durations and times as a person reads them in a terminal. Sizes are binary (KiB, MiB,
 * GiB), as nodetool prints them, so a backup's size compares directly with {@code nodetool status}.
 */
final class HumanUnits {
    /** What a value the status does not have yet prints as, as kubectl leaves a column empty. */
    static final String UNKNOWN = "-";

    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);

    private HumanUnits() {}

    /** 0 B, 512 B, 1.5 KiB, 45.3 MiB, 512 MiB, 1.2 TiB; {@value #UNKNOWN} for no value. */
    static String bytes(Long bytes) {
        if (bytes == null) {
            return UNKNOWN;
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // Three significant digits are enough to compare backups; more only add noise.
        return String.format(Locale.ROOT, value < 100 ? "%.1f %s" : "%.0f %s", value, BINARY_UNITS[unit]);
    }

    /** 45s, 3m 05s, 2h 03m, 3d 04h: the two largest units, like kubectl's AGE. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86400) {
            return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %02dh", seconds / 86400, seconds % 86400 / 3600);
    }

    /** An RFC 3339 time from a status, in the given zone with its offset; {@value #UNKNOWN} when unset. */
    static String time(String rfc3339, ZoneId zone) {
        Instant instant = instant(rfc3339);
        return instant == null ? UNKNOWN : TIME.format(instant.atZone(zone));
    }

    /** The instant of an RFC 3339 time, or null when unset or unreadable (a status is written by another program). */
    static Instant instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** From start to end, or to now while it has not ended; {@value #UNKNOWN} before it started. */
    static String elapsed(String start, String end, Instant now) {
        Instant from = instant(start);
        if (from == null) {
            return UNKNOWN;
        }
        Instant to = instant(end);
        return duration(Duration.between(from, to == null ? now : to));
    }
}
