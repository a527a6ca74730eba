package dev.cassini.cli;

import dev.cassini.model.migration.RowCountCheck;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What {@code cassini migrate verify} prints: each table's rows in both datacenters, then the verdict. */
final class RowCountText {
    private RowCountText() {}

    static String render(
            String a,
            String b,
            int ranges,
            Map<String, Map<String, String>> keyspaces,
            List<String> compared,
            List<RowCountCheck.TableCounts> tables) {
        StringBuilder out = new StringBuilder();
        out.append("Rows of every table replicated to both ")
                .append(a)
                .append(" and ")
                .append(b)
                .append(", counted at LOCAL_QUORUM in each, in ")
                .append(ranges)
                .append(ranges == 1 ? " token range" : " token ranges")
                .append(":\n");
        TextTable table = new TextTable(
                "TABLE",
                a.toUpperCase(java.util.Locale.ROOT),
                b.toUpperCase(java.util.Locale.ROOT),
                "RANGES THAT DIFFER");
        tables.forEach(t -> table.row(
                t.table(),
                Long.toString(t.totalA()),
                Long.toString(t.totalB()),
                Integer.toString(t.differing().size())));
        if (table.isEmpty()) {
            out.append("  no table to compare\n");
        } else {
            table.render().lines().forEach(line -> out.append("  ").append(line).append('\n'));
        }
        String skipped = new TreeMap<>(keyspaces)
                .keySet().stream()
                        .filter(k -> !k.startsWith("system") && !compared.contains(k))
                        .collect(Collectors.joining(", "));
        if (!skipped.isEmpty()) {
            out.append("  not compared (not replicated to both): ")
                    .append(skipped)
                    .append('\n');
        }
        List<RowCountCheck.TableCounts> differing =
                tables.stream().filter(t -> !t.differing().isEmpty()).toList();
        if (differing.isEmpty()) {
            out.append("\nEvery table holds as many rows in ")
                    .append(b)
                    .append(" as in ")
                    .append(a)
                    .append(", range by range.\n");
        } else {
            out.append("\n")
                    .append(differing.size())
                    .append(differing.size() == 1 ? " table differs" : " tables differ")
                    .append(" (first differing range of each: ")
                    .append(differing.stream()
                            .map(t -> t.table() + " (" + t.differing().get(0).start() + ", "
                                    + t.differing().get(0).end() + "]")
                            .collect(Collectors.joining(", ")))
                    .append("). Do not switch clients yet. Rows still being written count too: run it again once"
                            + " writes settle; if a range still differs, rebuild the nodes of ")
                    .append(b)
                    .append(" from ")
                    .append(a)
                    .append(" (or repair the keyspace) and verify again.\n");
        }
        return out.toString();
    }
}
