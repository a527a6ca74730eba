package dev.cassini.model.backup;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A standard five-field cron schedule ({@code minute hour day-of-month month day-of-week}), as a
 * Kubernetes CronJob reads it: numbers, {@code *}, ranges {@code a-b}, lists {@code a,b}, steps
 * {@code *}{@code /n} and {@code a-b/n}, month and weekday names ({@code JAN}, {@code MON}), Sunday as
 * 0 or 7, and the macros {@code @hourly}, {@code @daily} ({@code @midnight}), {@code @weekly},
 * {@code @monthly} and {@code @yearly} ({@code @annually}). When both day fields are restricted, a
 * day matching either one runs, as cron does.
 */
public final class CronSchedule {
    private static final Map<String, String> MACROS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");
    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronSchedule(String text, String[] fields) {
        this.text = text;
        minutes = field(fields[0], 0, 59, null, "minute");
        hours = field(fields[1], 0, 23, null, "hour");
        daysOfMonth = field(fields[2], 1, 31, null, "day of month");
        months = field(fields[3], 1, 12, MONTHS, "month");
        BitSet weekdays = field(fields[4], 0, 7, DAYS, "day of week");
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        daysOfWeek = weekdays;
        anyDayOfMonth = fields[2].startsWith("*");
        anyDayOfWeek = fields[4].startsWith("*");
    }

    /** @throws IllegalArgumentException saying which field is wrong and how a right one looks */
    public static CronSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a schedule is required, e.g. \"0 2 * * *\" for 02:00 every day");
        }
        String trimmed = text.trim();
        String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("schedule \"" + text + "\" has " + fields.length
                    + " fields; cron has 5 (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\"");
        }
        return new CronSchedule(trimmed, fields);
    }

    /** The first time strictly after {@code after}, to the minute, in {@code after}'s zone. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t;
        }
        throw new IllegalArgumentException("schedule \"" + text + "\" never runs (e.g. 30 February)");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    @Override
    public String toString() {
        return text;
    }

    private static BitSet field(String field, int min, int max, String[] names, String what) {
        BitSet set = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max, null, what, field);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                from = number(range.substring(0, range.indexOf('-')), min, max, names, what, field);
                to = number(range.substring(range.indexOf('-') + 1), min, max, names, what, field);
                if (to < from) {
                    throw new IllegalArgumentException(
                            what + " range " + range + " runs backwards in \"" + field + "\"");
                }
            } else {
                from = number(range, min, max, names, what, field);
                to = slash >= 0 ? max : from;
            }
            for (int i = from; i <= to; i += step) {
                set.set(i);
            }
        }
        return set;
    }

    private static int number(String text, int min, int max, String[] names, String what, String field) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(text)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " \"" + field + "\" is not valid: use numbers from " + min + " to "
                + max + (names == null ? "" : " or names like " + names[1]) + ", *, a-b, a,b or */n");
    }
}
