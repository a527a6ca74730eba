package dev.cassini.exporter;

import java.util.regex.Pattern;

/** Which tables get per-table series: {@code keyspace.table} must fully match the allow list and not the deny list. */
public record TableFilter(Pattern allow, Pattern deny) {
    public static TableFilter of(ExporterSettings settings) {
        return new TableFilter(settings.tableAllow(), settings.tableDeny());
    }

    public boolean exports(String keyspace, String table) {
        String name = keyspace + "." + table;
        return allow.matcher(name).matches() && !deny.matcher(name).matches();
    }
}
