package dev.cassini.cli;

import static dev.cassini.cli.JobResource.BACKUPS;
import static dev.cassini.cli.JobResource.RESTORES;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cassini.api.v1alpha1.BackupSourceSpec;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code cassini backup verify --restore-table}: restores one table of a backup into a keyspace of
 * its own on the cluster (a CassandraRestore with a keyspace mapping, so the table itself is not
 * touched), reads every restored row back at consistency ALL, then drops that keyspace and the
 * restore. That proves what a digest cannot: the files load into Cassandra and read as rows.
 */
final class BackupTestRestore {
    /** A test restore's keyspace: never a name a user picks, and found by this prefix if one is left behind. */
    static final String KEYSPACE_PREFIX = "cassini_verify_";

    private static final int PAGE = 1000;

    private final KubernetesOptions.Connection connection;
    private final PrintWriter out;

    BackupTestRestore(KubernetesOptions.Connection connection, PrintWriter out) {
        this.connection = connection;
        this.out = out;
    }

    /**
     * Runs it.
     *
     * @param backupId the backup: a CassandraBackup of this namespace, else a backup id in the cluster's bucket
     * @param table {@code keyspace.table}
     * @return 0 when the table was restored and read back, 1 when not
     */
    int run(String backupId, CassandraCluster cluster, String table) throws InterruptedException {
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        String keyspace = KEYSPACE_PREFIX + suffix;
        String restoreName = "verify-" + suffix;
        String restoredTable = keyspace + "." + table.substring(table.indexOf('.') + 1);
        String clusterName = cluster.getMetadata().getName();
        // Connect first: rows that cannot be read back from here would leave a verify with no answer.
        try (CqlSession session = ClusterCql.connect(connection.client(), cluster)) {
            CassandraRestore restore = restoreOf(backupId, clusterName, table, keyspace, restoreName);
            RESTORES.create(connection, restore, RESTORES::alreadyExists);
            try {
                out.println("Test restore of " + table + " into " + restoredTable + " (restore " + restoreName
                        + "); the table itself is not touched. Stopped before the end, it leaves both behind: cassini"
                        + " restore delete " + restoreName + "; DROP KEYSPACE " + keyspace);
                out.flush();
                int restored = RESTORES.follow(
                        connection,
                        restoreName,
                        out,
                        CassandraRestore::getStatus,
                        new RestoreProgressLines(restore.getSpec().getKeyspaceMapping()));
                if (restored != 0) {
                    out.println("NOT restorable: the test restore of " + table + " failed (above)");
                    return 1;
                }
                long rows = rowsOf(session, restoredTable);
                out.println("restorable: " + table + " restored by streaming and read back at consistency ALL, " + rows
                        + (rows == 1 ? " row" : " rows"));
                return 0;
            } finally {
                session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                        .setTimeout(java.time.Duration.ofSeconds(60)));
                RESTORES.in(connection)
                        .inNamespace(connection.namespace())
                        .withName(restoreName)
                        .delete();
                out.println("Dropped keyspace " + keyspace + " and deleted restore " + restoreName + ".");
                out.flush();
            }
        } catch (com.datastax.oss.driver.api.core.DriverException e) {
            throw new CommandFailure("reading the restored rows back failed: " + e.getMessage());
        }
    }

    private CassandraRestore restoreOf(
            String backupId, String clusterName, String table, String keyspace, String restoreName) {
        CassandraRestoreSpec spec = new CassandraRestoreSpec();
        spec.setCluster(clusterName);
        if (BACKUPS.get(connection, backupId) != null) {
            spec.setBackup(backupId);
        } else {
            BackupSourceSpec source = new BackupSourceSpec();
            source.setBackupId(backupId);
            spec.setSource(source);
        }
        spec.setTables(List.of(table));
        spec.setKeyspaceMapping(Map.of(table.substring(0, table.indexOf('.')), keyspace));
        CassandraRestore restore = new CassandraRestore();
        restore.setMetadata(new ObjectMetaBuilder()
                .withName(restoreName)
                .withNamespace(connection.namespace())
                .build());
        restore.setSpec(spec);
        return restore;
    }

    /** Every row of the table, a page at a time, each read from every replica. */
    private static long rowsOf(CqlSession session, String table) {
        ResultSet rows = session.execute(SimpleStatement.newInstance("SELECT * FROM " + table)
                .setConsistencyLevel(ConsistencyLevel.ALL)
                .setPageSize(PAGE));
        long count = 0;
        for (var ignored : rows) {
            count++;
        }
        return count;
    }
}
