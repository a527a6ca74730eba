package dev.cassini.model.repair;

import dev.cassini.api.v1alpha1.TableRepairStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each table's last repair, as the cluster's status keeps it for continuous repair: the tables of
 * the schema with their {@code gc_grace_seconds}, when each was first seen, and the latest time a
 * repair of it in every datacenter completed, whoever started that repair. Status is where this
 * lives, so repairs deleted since (a run's history is trimmed) are not forgotten.
 */
public final class RepairHistory {
    private RepairHistory() {}

    /** A table whose repair in every datacenter completed at {@code at} (a CassandraRepair's table entry). */
    public record Completed(String table, Instant at) {}

    /**
     * @param schema every table of the non-system keyspaces with its gc_grace_seconds; empty when
     *     the schema could not be read this time (the rows keep their tables)
     */
    public static List<TableRepairStatus> update(
            Optional<Map<String, Long>> schema,
            List<TableRepairStatus> before,
            List<Completed> completed,
            Instant now) {
        Map<String, TableRepairStatus> rows = new LinkedHashMap<>();
        for (TableRepairStatus row : before) {
            rows.put(row.getName(), copy(row));
        }
        if (schema.isPresent()) {
            Map<String, TableRepairStatus> current = new LinkedHashMap<>();
            schema.get().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                TableRepairStatus row = rows.get(e.getKey());
                if (row == null) {
                    row = new TableRepairStatus();
                    row.setName(e.getKey());
                    row.setFirstSeen(now.toString());
                }
                row.setGcGraceSeconds(e.getValue());
                current.put(e.getKey(), row);
            });
            rows.clear();
            rows.putAll(current);
        }
        for (Completed c : completed) {
            TableRepairStatus row = rows.get(c.table());
            if (row != null
                    && (row.getRepairedAt() == null
                            || Instant.parse(row.getRepairedAt()).isBefore(c.at()))) {
                row.setRepairedAt(c.at().toString());
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** The rows as the plan reads them: a table never repaired counts from when it was first seen. */
    public static List<ContinuousRepairPlan.Table> tables(List<TableRepairStatus> rows) {
        List<ContinuousRepairPlan.Table> tables = new ArrayList<>();
        for (TableRepairStatus row : rows) {
            String since = row.getRepairedAt() != null ? row.getRepairedAt() : row.getFirstSeen();
            if (since == null || row.getGcGraceSeconds() == null) {
                continue;
            }
            tables.add(new ContinuousRepairPlan.Table(row.getName(), row.getGcGraceSeconds(), Instant.parse(since)));
        }
        return tables;
    }

    private static TableRepairStatus copy(TableRepairStatus row) {
        TableRepairStatus c = new TableRepairStatus();
        c.setName(row.getName());
        c.setGcGraceSeconds(row.getGcGraceSeconds());
        c.setRepairedAt(row.getRepairedAt());
        c.setFirstSeen(row.getFirstSeen());
        return c;
    }
}
