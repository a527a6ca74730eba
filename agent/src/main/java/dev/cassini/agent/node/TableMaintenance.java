package dev.cassini.agent.node;

import dev.cassini.agent.jobs.Job;
import dev.cassini.agent.jobs.JobRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The maintenance operations that rewrite SSTables (compact, upgradesstables, scrub,
 * garbagecollect) choose their tables and run alike: one keyspace after the other, each a call
 * Cassandra answers once it has rewritten that keyspace's SSTables, and the job fails at the first
 * keyspace Cassandra did not complete. Decides from the schema it is given; does nothing itself.
 */
public final class TableMaintenance {
    /** Keyspaces Cassandra computes on the fly: there are no SSTables in them to rewrite. */
    static final Set<String> VIRTUAL_KEYSPACES = Set.of("system_views", "system_virtual_schema");

    /** The keyspaces and tables Cassandra has, as {@link CassandraNode} reads them. */
    public interface Schema {
        List<String> keyspaces() throws IOException;

        List<String> nonSystemKeyspaces() throws IOException;

        /** The keyspace's tables by name. */
        List<String> tables(String keyspace) throws IOException;
    }

    /** One keyspace's rewrite, as Cassandra runs it. */
    @FunctionalInterface
    public interface Pass {
        /**
         * @param tables the tables of the keyspace; empty for all of them
         * @return Cassandra's status: 0 done, 1 aborted, 2 unable to take the SSTables from the
         *     compactions holding them
         */
        int run(String keyspace, List<String> tables) throws IOException;
    }

    /**
     * What an operation rewrites.
     *
     * @param keyspace the keyspace the request named; null for every non-system keyspace
     * @param keyspaces the keyspaces, in the order they are done
     * @param tables the tables of the one keyspace named; empty for all of them
     */
    public record Targets(String keyspace, List<String> keyspaces, List<String> tables) {
        public Targets {
            keyspaces = List.copyOf(keyspaces);
            tables = List.copyOf(tables);
        }

        /** The job's parameters: the keyspace and tables asked for, when they were. */
        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (keyspace != null) {
                parameters.put("keyspace", keyspace);
            }
            if (!tables.isEmpty()) {
                parameters.put("tables", String.join(",", tables));
            }
            return parameters;
        }

        /** What was done, for the job's result: "keyspaces [a, b]" or "tables [t] of keyspace a". */
        String describe() {
            return tables.isEmpty() ? "keyspaces " + keyspaces : "tables " + tables + " of keyspace " + keyspace;
        }
    }

    /**
     * Checks what a request can be checked for without Cassandra: names that are names, and tables
     * only with their keyspace.
     *
     * @throws IllegalArgumentException naming the field and what to give instead
     */
    public static void checkRequest(String keyspace, List<String> tables) {
        if (keyspace != null && keyspace.isBlank()) {
            throw new IllegalArgumentException(
                    "keyspace '" + keyspace + "' is not a name; leave it out for every non-system keyspace");
        }
        if (tables == null || tables.isEmpty()) {
            return;
        }
        if (keyspace == null) {
            throw new IllegalArgumentException("tables need a keyspace: name the keyspace " + tables
                    + " belong to, or leave tables out for every table of every non-system keyspace");
        }
        for (String table : tables) {
            if (table == null || table.isBlank() || table.contains(".")) {
                throw new IllegalArgumentException("tables holds '" + table
                        + "', which is not a table name; give names of tables of keyspace " + keyspace
                        + ", e.g. [\"kv\"]");
            }
        }
    }

    /**
     * The keyspaces and tables a request names, checked against the schema: one keyspace (any but
     * a virtual one) with its tables, or every non-system keyspace.
     *
     * @throws IllegalArgumentException when the request is malformed or names a keyspace or table
     *     that does not exist; the message names those that do
     */
    public static Targets resolve(Schema schema, String keyspace, List<String> tables) throws IOException {
        checkRequest(keyspace, tables);
        if (keyspace == null) {
            return new Targets(null, schema.nonSystemKeyspaces(), List.of());
        }
        List<String> known = new ArrayList<>(schema.keyspaces());
        known.removeAll(VIRTUAL_KEYSPACES);
        if (!known.contains(keyspace)) {
            throw new IllegalArgumentException("keyspace '" + keyspace + "' does not exist"
                    + (VIRTUAL_KEYSPACES.contains(keyspace) ? " on disk (it is virtual)" : "") + "; known: "
                    + known.stream().sorted().toList());
        }
        List<String> chosen =
                tables == null ? List.of() : tables.stream().distinct().toList();
        if (!chosen.isEmpty()) {
            List<String> existing = schema.tables(keyspace);
            for (String table : chosen) {
                if (!existing.contains(table)) {
                    throw new IllegalArgumentException("table '" + table + "' does not exist in keyspace " + keyspace
                            + "; its tables: " + existing.stream().sorted().toList());
                }
            }
        }
        return new Targets(keyspace, List.of(keyspace), chosen);
    }

    /**
     * Submits the operation as an exclusive job (it competes for disk and compaction threads with
     * every other data operation) that runs {@code pass} on each keyspace in turn, telling "k/n
     * keyspaces". Its parameters are the targets' and {@code options}; its result says what was
     * done ({@code verb} and the targets), then {@code afterwards}.
     *
     * @throws dev.cassini.agent.jobs.JobConflictException while another exclusive job runs
     */
    public static Job submit(
            JobRegistry jobs,
            String operation,
            Targets targets,
            Map<String, String> options,
            String verb,
            String afterwards,
            Pass pass) {
        Map<String, String> parameters = new LinkedHashMap<>(targets.parameters());
        parameters.putAll(options);
        return jobs.submit(operation, parameters, true, job -> {
            TableMaintenance maintenance = new TableMaintenance(operation, targets);
            job.reportProgressWith(maintenance::progress);
            return maintenance.run(verb, pass) + afterwards;
        });
    }

    private final String operation;
    private final Targets targets;
    private final AtomicInteger done = new AtomicInteger();

    /** @param operation the operation's name, for messages ("scrub of keyspace ks did not complete") */
    public TableMaintenance(String operation, Targets targets) {
        this.operation = operation;
        this.targets = targets;
    }

    /** "k/n keyspaces": how many keyspaces are done. */
    public String progress() {
        return done.get() + "/" + targets.keyspaces().size() + " keyspaces";
    }

    /**
     * Runs the pass over each keyspace in turn.
     *
     * @param verb what the result says was done ("compacted")
     * @return the job's result, e.g. "compacted keyspaces [a, b]"
     * @throws IllegalStateException at the first keyspace Cassandra did not complete; the
     *     keyspaces after it are not started
     */
    public String run(String verb, Pass pass) throws IOException {
        for (String keyspace : targets.keyspaces()) {
            int status = pass.run(keyspace, targets.tables());
            if (status != 0) {
                throw new IllegalStateException(operation + " of keyspace " + keyspace + " did not complete (status "
                        + status + ": " + meaning(status) + ")"
                        + (done.get() == 0
                                ? ""
                                : "; done before it: " + targets.keyspaces().subList(0, done.get())));
            }
            done.incrementAndGet();
        }
        return verb + " " + targets.describe();
    }

    /** Cassandra's {@code AllSSTableOpStatus}, in words. */
    static String meaning(int status) {
        return switch (status) {
            case 1 -> "aborted; Cassandra's system.log says why";
            case 2 ->
                "Cassandra could not stop the compactions holding the SSTables; try again when they have" + " finished";
            default -> "unknown to this agent";
        };
    }
}
