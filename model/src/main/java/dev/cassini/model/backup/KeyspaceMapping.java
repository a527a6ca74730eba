package dev.cassini.model.backup;

import dev.cassini.contract.backup.BackupSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backed-up keyspaces restored under other names ({@code spec.keyspaceMapping}): a keyspace not
 * named keeps its name. The backup's files still sit under the backed-up names; only where they
 * land, and the schema created for them, take the new ones.
 *
 * @param names backed-up keyspace to the keyspace it is restored into
 */
public record KeyspaceMapping(Map<String, String> names) {
    public KeyspaceMapping {
        names = names == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(names));
    }

    /** No keyspace renamed. */
    public static final KeyspaceMapping NONE = new KeyspaceMapping(Map.of());

    /** Whether some keyspace lands under another name, which only streaming can do. */
    public boolean renamesAny() {
        return names.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue()));
    }

    /** The keyspace a backed-up keyspace is restored into. */
    public String keyspace(String backedUp) {
        return names.getOrDefault(backedUp, backedUp);
    }

    /** {@code keyspace.table} as it is restored into. */
    public String table(String qualified) {
        int dot = qualified.indexOf('.');
        return keyspace(qualified.substring(0, dot)) + qualified.substring(dot);
    }

    /** Each {@code keyspace.table} as it is restored into, in the same order. */
    public List<String> tables(Collection<String> qualified) {
        return qualified.stream().map(this::table).toList();
    }

    /** The mapped keyspaces no table of the restore is in: a mapping that does nothing is a mistake. */
    public List<String> unused(Collection<String> restoredTables) {
        List<String> unused = new ArrayList<>();
        for (String keyspace : names.keySet()) {
            if (restoredTables.stream().noneMatch(t -> t.startsWith(keyspace + "."))) {
                unused.add(keyspace);
            }
        }
        return unused;
    }

    /**
     * The backup's schema as the restore creates it: each mapped keyspace under its new name, with
     * the keyspace in its statements' qualified names ({@code shop.orders}, {@code ON shop.orders},
     * {@code frozen<shop.address>}) renamed too. Text in quotes is left as it is.
     */
    public BackupSchema schema(BackupSchema backedUp) {
        if (!renamesAny()) {
            return backedUp;
        }
        List<BackupSchema.Keyspace> keyspaces = new ArrayList<>();
        for (BackupSchema.Keyspace k : backedUp.keyspaces()) {
            String to = keyspace(k.name());
            if (to.equals(k.name())) {
                keyspaces.add(k);
                continue;
            }
            List<BackupSchema.Statement> statements = k.statements().stream()
                    .map(s -> new BackupSchema.Statement(s.type(), s.name(), renamed(s.cql(), k.name(), to)))
                    .toList();
            keyspaces.add(new BackupSchema.Keyspace(to, k.replication(), k.durableWrites(), statements, k.tables()));
        }
        return new BackupSchema(backedUp.format(), backedUp.backupId(), keyspaces);
    }

    /** {@code cql} with the keyspace qualifier {@code from.} changed to {@code to.} outside string literals. */
    static String renamed(String cql, String from, String to) {
        Pattern qualifier = Pattern.compile("(?<![A-Za-z0-9_\"])" + Pattern.quote(cqlName(from)) + "\\.");
        String replacement = Matcher.quoteReplacement(cqlName(to) + ".");
        StringBuilder out = new StringBuilder();
        // Even parts are outside '...' literals (a doubled '' inside a literal splits into an empty odd part).
        String[] parts = cql.split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('\'');
            }
            out.append(i % 2 == 0 ? qualifier.matcher(parts[i]).replaceAll(replacement) : parts[i]);
        }
        return out.toString();
    }

    /** A name as CQL (and DESCRIBE) writes it: bare when it can be, else in double quotes. */
    static String cqlName(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
