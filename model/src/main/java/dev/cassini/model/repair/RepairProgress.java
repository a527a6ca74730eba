package dev.cassini.model.repair;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far a repair is, counted in segments of the current ring: per table, per keyspace and in
 * all, and when it will likely end at the pace so far. A segment counts as done when the ledger
 * holds every one of its spans, so the counts stay right when the ring changes under a repair.
 */
public final class RepairProgress {
    private RepairProgress() {}

    /** Segments done of all, for one table, one keyspace or the whole repair. */
    public record Count(int done, int total) {
        public boolean complete() {
            return done == total;
        }

        Count plus(Count other) {
            return new Count(done + other.done, total + other.total);
        }

        @Override
        public String toString() {
            return done + "/" + total;
        }
    }

    /** Per table, by its name, in the order given. */
    public static Map<String, Count> byTable(List<RepairPlan.Table> tables, RepairLedger ledger) {
        Map<String, Count> counts = new LinkedHashMap<>();
        for (RepairPlan.Table table : tables) {
            TokenSpans repaired = ledger.repairedOf(table.name());
            int done = (int) table.segments().stream()
                    .filter(s -> s.spans().stream().allMatch(repaired::covers))
                    .count();
            counts.put(table.name(), new Count(done, table.segments().size()));
        }
        return counts;
    }

    /** Per keyspace (the part of a table's name before the dot), summed. */
    public static Map<String, Count> byKeyspace(Map<String, Count> byTable) {
        Map<String, Count> counts = new LinkedHashMap<>();
        byTable.forEach((table, count) -> counts.merge(table.substring(0, table.indexOf('.')), count, Count::plus));
        return counts;
    }

    public static Count total(Map<String, Count> byTable) {
        return byTable.values().stream().reduce(new Count(0, 0), Count::plus);
    }

    /**
     * The time left if the remaining segments go at the pace of the done ones; empty before the
     * first is done.
     */
    public static Optional<Duration> eta(Count total, Duration elapsed) {
        if (total.done() == 0 || total.complete()) {
            return total.complete() ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        return Optional.of(elapsed.multipliedBy(total.total() - total.done()).dividedBy(total.done()));
    }
}
