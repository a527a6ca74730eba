package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a repair reads of the cluster over CQL when it starts: every keyspace's tables and
 * replication, and each table's size on disk as the node answering sees it ({@code
 * system_views.disk_usage}), by which the repair orders its tables.
 */
record RepairScope(
        Map<String, List<String>> tables, Map<String, Map<String, String>> replication, Map<String, Long> sizes) {
    private static final long MEBIBYTE = 1L << 20;

    static RepairScope read(CqlSession session) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (Row row : session.execute("SELECT keyspace_name FROM system_schema.keyspaces")) {
            tables.put(row.getString("keyspace_name"), new ArrayList<>());
        }
        for (Row row : session.execute("SELECT keyspace_name, table_name FROM system_schema.tables")) {
            tables.computeIfAbsent(row.getString("keyspace_name"), k -> new ArrayList<>())
                    .add(row.getString("table_name"));
        }
        Map<String, Long> sizes = new HashMap<>();
        try {
            // Its one value column is in mebibytes; its name has changed between releases.
            for (Row row : session.execute("SELECT * FROM system_views.disk_usage")) {
                for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                    String column = row.getColumnDefinitions().get(i).getName().asInternal();
                    if (!column.equals("keyspace_name")
                            && !column.equals("table_name")
                            && row.getObject(i) instanceof Number value) {
                        sizes.put(row.getString("keyspace_name") + "." + row.getString("table_name"), (long)
                                (value.doubleValue() * MEBIBYTE));
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            // Sizes only order the tables; without them the repair goes by name.
        }
        return new RepairScope(tables, ClusterSchema.replication(session), sizes);
    }
}
