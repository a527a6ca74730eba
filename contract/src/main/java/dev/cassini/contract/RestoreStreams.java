package dev.cassini.contract;

import java.util.List;
import java.util.Map;

/**
 * What a {@link RestoreStep#STREAM} step sends where: for each keyspace, the nodes that receive the
 * backed-up node's files and the token ranges each receives; and each table as the target cluster
 * has it.
 *
 * @param tables the tables to stream, with their target IDs and the CQL that reads their files
 * @param targets for each keyspace, the receiving nodes and their ranges
 * @param storagePort the port the receiving nodes accept streams on
 */
public record RestoreStreams(List<Table> tables, Map<String, List<Target>> targets, int storagePort) {
    public RestoreStreams {
        if (tables == null || targets == null) {
            throw new IllegalArgumentException("tables and targets are required: what to stream, and where");
        }
        tables = List.copyOf(tables);
        targets = Map.copyOf(targets);
    }

    /**
     * A table to stream.
     *
     * @param keyspace its keyspace
     * @param name its name
     * @param id its table ID in the target cluster, which the receiving nodes file the data under
     * @param cql the {@code CREATE TABLE} statement of the backed-up table, which reads its files
     * @param types the {@code CREATE TYPE} statements of its keyspace in the backup, in order, for
     *     the user types its columns use
     */
    public record Table(String keyspace, String name, String id, String cql, List<String> types) {
        public Table {
            types = types == null ? List.of() : List.copyOf(types);
        }

        /** {@code keyspace.name}. */
        public String qualified() {
            return keyspace + "." + name;
        }
    }

    /**
     * A node receiving part of the files.
     *
     * @param address its internode address
     * @param ranges the token ranges it receives, each {@code [start, end]} as decimal tokens,
     *     read {@code (start, end]} as Cassandra reads a range
     */
    public record Target(String address, List<List<String>> ranges) {
        public Target {
            if (address == null || ranges == null) {
                throw new IllegalArgumentException("a target needs an address and ranges");
            }
            for (List<String> range : ranges) {
                if (range == null || range.size() != 2) {
                    throw new IllegalArgumentException(
                            "a range is [start, end], two decimal tokens; found " + range + " for " + address);
                }
            }
            ranges = ranges.stream().map(List::copyOf).toList();
        }
    }
}
