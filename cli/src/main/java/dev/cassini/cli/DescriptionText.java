package dev.cassini.cli;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The layout of {@code cassini backup describe} and {@code cassini restore describe}: labelled
 * fields, then tables under a title, indented, the way {@code kubectl describe} reads.
 */
final class DescriptionText {
    private final StringBuilder out = new StringBuilder();

    DescriptionText field(String label, String value) {
        out.append(String.format("%-17s%s", label + ":", value == null ? HumanUnits.UNKNOWN : value))
                .append('\n');
        return this;
    }

    DescriptionText blankLine() {
        out.append('\n');
        return this;
    }

    /** A title, then the table indented; nothing for a table without rows. */
    DescriptionText table(String title, TextTable table) {
        if (!table.isEmpty()) {
            out.append('\n').append(title).append(":\n");
            table.render().lines().forEach(line -> out.append("  ").append(line).append('\n'));
        }
        return this;
    }

    /** Start, end and duration as one value: when it ended and how long it took, or how long it runs so far. */
    static String completed(String start, String completion, Instant now, ZoneId zone) {
        String duration = HumanUnits.elapsed(start, completion, now);
        if (completion == null) {
            return start == null ? HumanUnits.UNKNOWN : "not yet (" + duration + " so far)";
        }
        return HumanUnits.time(completion, zone) + " (took " + duration + ")";
    }

    static TextTable conditions(List<Condition> conditions, ZoneId zone) {
        TextTable table = new TextTable("TYPE", "STATUS", "REASON", "SINCE", "MESSAGE");
        if (conditions != null) {
            for (Condition condition : conditions) {
                table.row(
                        condition.getType(),
                        orUnknown(condition.getStatus()),
                        orUnknown(condition.getReason()),
                        HumanUnits.time(condition.getLastTransitionTime(), zone),
                        orUnknown(condition.getMessage()));
            }
        }
        return table;
    }

    static String orUnknown(String value) {
        return value == null || value.isBlank() ? HumanUnits.UNKNOWN : value;
    }

    static String count(Integer value) {
        return value == null ? HumanUnits.UNKNOWN : String.valueOf(value);
    }

    static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
