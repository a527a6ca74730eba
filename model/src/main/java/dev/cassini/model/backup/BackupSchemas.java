package dev.cassini.model.backup;

import dev.cassini.contract.backup.BackupSchema;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.contract.backup.TableSelection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A backup's schema, both ways: assembled from what a cluster's schema tables and {@code DESCRIBE
 * SCHEMA} say when the backup starts, and compared with a target cluster's schema when a restore
 * starts, which yields the CQL that creates what the target lacks or the conflicts that make the
 * restore refuse. Pure: the operator reads and runs the CQL.
 */
public final class BackupSchemas {
    private static final Pattern CREATE = Pattern.compile(
            "^CREATE (TABLE|TYPE|INDEX|CUSTOM INDEX|MATERIALIZED VIEW|FUNCTION|AGGREGATE) (?!IF NOT EXISTS)",
            Pattern.CASE_INSENSITIVE);

    private BackupSchemas() {}

    /** One row of {@code DESCRIBE SCHEMA}: keyspace_name, type, name, create_statement. */
    public record Described(String keyspace, String type, String name, String statement) {}

    /** One row of {@code system_schema.keyspaces}. */
    public record KeyspaceRow(String name, Map<String, String> replication, boolean durableWrites) {}

    /** One row of {@code system_schema.columns}, with the table's ID from {@code system_schema.tables}. */
    public record ColumnRow(String keyspace, String table, String tableId, String column, String type) {}

    /** The user keyspaces of a cluster as one backup's schema document. */
    public static BackupSchema capture(
            String backupId, List<Described> described, List<KeyspaceRow> keyspaces, List<ColumnRow> columns) {
        Map<String, KeyspaceRow> byName = new LinkedHashMap<>();
        keyspaces.forEach(k -> byName.put(k.name(), k));
        Map<String, List<BackupSchema.Statement>> statements = new LinkedHashMap<>();
        for (Described row : described) {
            if (TableSelection.SYSTEM_KEYSPACES.contains(row.keyspace()) || !byName.containsKey(row.keyspace())) {
                continue;
            }
            List<BackupSchema.Statement> list = statements.computeIfAbsent(row.keyspace(), k -> new ArrayList<>());
            if (!row.type().equals("keyspace")) {
                list.add(new BackupSchema.Statement(row.type(), row.name(), withoutSemicolon(row.statement())));
            }
        }
        List<BackupSchema.Keyspace> result = new ArrayList<>();
        for (Map.Entry<String, List<BackupSchema.Statement>> entry : statements.entrySet()) {
            String keyspace = entry.getKey();
            Map<String, Map<String, String>> tableColumns = new TreeMap<>();
            Map<String, String> tableIds = new LinkedHashMap<>();
            columns.stream().filter(c -> c.keyspace().equals(keyspace)).forEach(c -> {
                tableColumns.computeIfAbsent(c.table(), t -> new TreeMap<>()).put(c.column(), c.type());
                tableIds.put(c.table(), c.tableId());
            });
            List<BackupSchema.Table> tables = tableColumns.entrySet().stream()
                    .map(t -> new BackupSchema.Table(t.getKey(), tableIds.get(t.getKey()), t.getValue()))
                    .toList();
            KeyspaceRow row = byName.get(keyspace);
            result.add(new BackupSchema.Keyspace(
                    keyspace, row.replication(), row.durableWrites(), entry.getValue(), tables));
        }
        return new BackupSchema(NodeManifest.FORMAT, backupId, result);
    }

    /**
     * What a restore does to the target's schema before its files go in.
     *
     * @param statements CQL to run, in order, each idempotent ({@code IF NOT EXISTS})
     * @param conflicts why the restore cannot go on: a table whose columns differ, a datacenter
     *     the target lacks; empty when it can
     */
    public record Changes(List<String> statements, List<String> conflicts) {
        public Changes {
            statements = List.copyOf(statements);
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * Compares the backup's schema of the chosen tables with the target's.
     *
     * @param chosen the tables to restore, as {@code keyspace.table}
     * @param target the target's tables: columns and their types, by table, by keyspace (a keyspace
     *     without tables maps to an empty map)
     * @param targetDatacenters the target's datacenters and their node counts: a keyspace created
     *     here gets at most as many replicas in a datacenter as it has nodes, so a backup of a large
     *     cluster restored into a small one can still be read and written at LOCAL_QUORUM
     * @param datacenterMapping backed-up datacenter name to the target's; a name not in it stays
     */
    public static Changes changes(
            BackupSchema schema,
            Collection<String> chosen,
            Map<String, Map<String, Map<String, String>>> target,
            Map<String, Integer> targetDatacenters,
            Map<String, String> datacenterMapping) {
        List<String> statements = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        Map<String, Set<String>> chosenByKeyspace = new LinkedHashMap<>();
        for (String table : chosen) {
            int dot = table.indexOf('.');
            chosenByKeyspace
                    .computeIfAbsent(table.substring(0, dot), k -> new LinkedHashSet<>())
                    .add(table.substring(dot + 1));
        }
        for (BackupSchema.Keyspace keyspace : schema.keyspaces()) {
            Set<String> tables = chosenByKeyspace.get(keyspace.name());
            if (tables == null) {
                continue;
            }
            Map<String, Map<String, String>> existing = target.get(keyspace.name());
            if (existing == null) {
                Map<String, String> replication = mapped(keyspace, targetDatacenters, datacenterMapping, conflicts);
                statements.add("CREATE KEYSPACE IF NOT EXISTS " + quoted(keyspace.name()) + " WITH replication = "
                        + literal(replication) + " AND durable_writes = " + keyspace.durableWrites());
                keyspace.statements().forEach(s -> statements.add(ifNotExists(s.cql())));
                continue;
            }
            for (String table : tables) {
                BackupSchema.Table backedUp = keyspace.tables().stream()
                        .filter(t -> t.name().equals(table))
                        .findFirst()
                        .orElse(null);
                if (backedUp == null) {
                    continue;
                }
                Map<String, String> columns = existing.get(table);
                if (columns == null) {
                    statements.addAll(creating(keyspace, table));
                } else {
                    conflicts.addAll(columnConflicts(keyspace.name() + "." + table, backedUp.columns(), columns));
                }
            }
        }
        return new Changes(statements.stream().distinct().toList(), conflicts);
    }

    /** The statements that create one table in an existing keyspace: its types, itself, its indexes and views. */
    private static List<String> creating(BackupSchema.Keyspace keyspace, String table) {
        String qualified = "(?i).*\\b(ON|FROM) (\"?" + Pattern.quote(keyspace.name()) + "\"?\\.)?\"?"
                + Pattern.quote(table) + "\"?[ (].*";
        List<String> result = new ArrayList<>();
        for (BackupSchema.Statement s : keyspace.statements()) {
            boolean wanted = s.type().equals("type")
                    || (s.type().equals("table") && s.name().equals(table))
                    || ((s.type().equals("index") || s.type().equals("materialized_view"))
                            && s.cql().replace('\n', ' ').matches(qualified));
            if (wanted) {
                result.add(ifNotExists(s.cql()));
            }
        }
        return result;
    }

    private static List<String> columnConflicts(
            String table, Map<String, String> backedUp, Map<String, String> existing) {
        List<String> conflicts = new ArrayList<>();
        backedUp.forEach((column, type) -> {
            String now = existing.get(column);
            if (now == null) {
                conflicts.add(table + " has no column " + column + " (" + type + ") that the backup's files hold");
            } else if (!now.equals(type)) {
                conflicts.add(table + "." + column + " is " + now + " here but " + type + " in the backup");
            }
        });
        return conflicts;
    }

    private static Map<String, String> mapped(
            BackupSchema.Keyspace keyspace,
            Map<String, Integer> targetDatacenters,
            Map<String, String> mapping,
            List<String> conflicts) {
        Map<String, String> replication = new TreeMap<>();
        boolean topology = keyspace.replication().getOrDefault("class", "").endsWith("NetworkTopologyStrategy");
        keyspace.replication().forEach((key, value) -> {
            if (!topology || key.equals("class") || key.equals("replication_factor")) {
                replication.put(key, value);
                return;
            }
            String dc = mapping.getOrDefault(key, key);
            Integer nodes = targetDatacenters.get(dc);
            if (nodes == null) {
                conflicts.add("keyspace " + keyspace.name() + " replicates to datacenter " + key
                        + ", which this cluster does not have (it has "
                        + String.join(", ", new java.util.TreeSet<>(targetDatacenters.keySet()))
                        + "); map it to one of them with datacenterMapping");
                replication.put(dc, value);
                return;
            }
            replication.put(dc, String.valueOf(Math.min(factor(value), Math.max(nodes, 1))));
        });
        return replication;
    }

    /** The replicas a factor such as {@code 3} or {@code 3/1} (transient) asks for in all. */
    private static int factor(String value) {
        return Integer.parseInt(value.contains("/") ? value.substring(0, value.indexOf('/')) : value.trim());
    }

    private static String literal(Map<String, String> map) {
        return map.entrySet().stream()
                .map(e -> "'" + e.getKey().replace("'", "''") + "': '"
                        + e.getValue().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String quoted(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String ifNotExists(String cql) {
        Matcher m = CREATE.matcher(cql);
        return m.find() ? m.replaceFirst("CREATE $1 IF NOT EXISTS ") : cql;
    }

    private static String withoutSemicolon(String statement) {
        String trimmed = statement.strip();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
