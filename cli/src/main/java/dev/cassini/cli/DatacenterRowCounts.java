package dev.cassini.cli;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import dev.cassini.model.migration.RowCountCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Counts a table's rows per token range in one datacenter, at LOCAL_QUORUM, through a session
 * local to it: what {@code cassini migrate verify} compares between two.
 */
final class DatacenterRowCounts implements AutoCloseable {
    private final String datacenter;
    private final CqlSession session;

    private DatacenterRowCounts(String datacenter, CqlSession session) {
        this.datacenter = datacenter;
        this.session = session;
    }

    /** A session whose every request goes to {@code datacenter}'s nodes, none elsewhere. */
    static DatacenterRowCounts open(List<String> seeds, String datacenter, String user, String password) {
        try {
            // A count over a wide range of a big table reads a lot; it may take its time.
            return new DatacenterRowCounts(
                    datacenter, ClusterCql.session(seeds, datacenter, false, Duration.ofSeconds(120), user, password));
        } catch (com.datastax.oss.driver.api.core.DriverException e) {
            throw new CommandFailure(
                    "no node of " + datacenter + " answers CQL through " + seeds + " (" + e.getMessage() + ")");
        }
    }

    CqlSession session() {
        return session;
    }

    /** The tables of a keyspace, as this datacenter's schema has them, in name order. */
    List<String> tables(String keyspace) {
        return session.getMetadata()
                .getKeyspace(CqlIdentifier.fromInternal(keyspace))
                .map(k -> k.getTables().keySet().stream()
                        .map(CqlIdentifier::asInternal)
                        .sorted()
                        .toList())
                .orElse(List.of());
    }

    /** The table's rows in each range, at LOCAL_QUORUM in this datacenter. */
    List<Long> count(String keyspace, String table, List<RowCountCheck.Range> ranges) {
        TableMetadata metadata = session.getMetadata()
                .getKeyspace(CqlIdentifier.fromInternal(keyspace))
                .flatMap(k -> k.getTable(CqlIdentifier.fromInternal(table)))
                .orElseThrow(() -> new CommandFailure(datacenter + " has no table " + keyspace + "." + table));
        String key = metadata.getPartitionKey().stream()
                .map(c -> c.getName().asCql(true))
                .collect(Collectors.joining(", "));
        PreparedStatement statement = session.prepare("SELECT count(*) FROM "
                + metadata.getKeyspace().asCql(true) + "." + metadata.getName().asCql(true)
                + " WHERE token(" + key + ") > ? AND token(" + key + ") <= ?");
        List<Long> counts = new ArrayList<>();
        for (RowCountCheck.Range range : ranges) {
            counts.add(session.execute(statement
                            .bind(range.start(), range.end())
                            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
                    .one()
                    .getLong(0));
        }
        return counts;
    }

    @Override
    public void close() {
        session.close();
    }
}
