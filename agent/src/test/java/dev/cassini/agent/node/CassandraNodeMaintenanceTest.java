package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.helper.MBeanCallClient;
import dev.cassini.helper.MBeanCallServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maintenance calls reach StorageService's operations by the exact signatures Cassandra 5.0.6
 * declares: through the real helper socket, into an MBean server whose StorageService has those
 * operations only, declared as {@code StorageServiceMBean} declares them (an interface's default
 * method included, as Cassandra's {@code upgradeSSTables(String, boolean, int, String...)} is).
 * A wrong name, type or argument count would not be found there.
 */
public class CassandraNodeMaintenanceTest {
    /** The StorageServiceMBean operations the maintenance calls use, as {@code javap} shows them in 5.0.6. */
    public interface StorageOperations {
        void forceKeyspaceCompaction(boolean splitOutput, String keyspaceName, String... tableNames) throws IOException;

        /** Cassandra's default method: every SSTable older than now. */
        default int upgradeSSTables(String keyspaceName, boolean excludeCurrentVersion, int jobs, String... tableNames)
                throws IOException {
            return upgradeSSTables(keyspaceName, excludeCurrentVersion, Long.MAX_VALUE, jobs, tableNames);
        }

        int upgradeSSTables(
                String keyspaceName,
                boolean excludeCurrentVersion,
                long maxSSTableTimestamp,
                int jobs,
                String... tableNames)
                throws IOException;

        int scrub(
                boolean disableSnapshot,
                boolean skipCorrupted,
                boolean checkData,
                boolean reinsertOverflowedTTL,
                int jobs,
                String keyspaceName,
                String... columnFamilies)
                throws IOException;

        int garbageCollect(String tombstoneOption, int jobs, String keyspaceName, String... tableNames)
                throws IOException;

        void clearSnapshot(Map<String, Object> options, String tag, String... keyspaceNames) throws IOException;

        Map<String, Boolean> getAutoCompactionStatus(String keyspace, String... tables) throws IOException;
    }

    /** Records each call; answers {@link #status} to those that return one. */
    public static final class FakeStorage implements StorageOperations {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile int status;

        @Override
        public void forceKeyspaceCompaction(boolean splitOutput, String keyspaceName, String... tableNames) {
            calls.add(
                    "forceKeyspaceCompaction " + splitOutput + " " + keyspaceName + " " + Arrays.toString(tableNames));
        }

        @Override
        public int upgradeSSTables(
                String keyspaceName,
                boolean excludeCurrentVersion,
                long maxSSTableTimestamp,
                int jobs,
                String... tableNames) {
            calls.add("upgradeSSTables " + keyspaceName + " " + excludeCurrentVersion + " " + maxSSTableTimestamp + " "
                    + jobs + " " + Arrays.toString(tableNames));
            return status;
        }

        @Override
        public int scrub(
                boolean disableSnapshot,
                boolean skipCorrupted,
                boolean checkData,
                boolean reinsertOverflowedTTL,
                int jobs,
                String keyspaceName,
                String... columnFamilies) {
            calls.add("scrub " + disableSnapshot + " " + skipCorrupted + " " + checkData + " " + reinsertOverflowedTTL
                    + " " + jobs + " " + keyspaceName + " " + Arrays.toString(columnFamilies));
            return status;
        }

        @Override
        public int garbageCollect(String tombstoneOption, int jobs, String keyspaceName, String... tableNames) {
            calls.add("garbageCollect " + tombstoneOption + " " + jobs + " " + keyspaceName + " "
                    + Arrays.toString(tableNames));
            return status;
        }

        @Override
        public void clearSnapshot(Map<String, Object> options, String tag, String... keyspaceNames) {
            calls.add("clearSnapshot " + options + " '" + tag + "' " + Arrays.toString(keyspaceNames));
        }

        @Override
        public Map<String, Boolean> getAutoCompactionStatus(String keyspace, String... tables) {
            calls.add("getAutoCompactionStatus " + keyspace + " " + Arrays.toString(tables));
            Map<String, Boolean> status = new LinkedHashMap<>();
            status.put("orders", false);
            status.put("orders.orders_by_customer", false); // a secondary index's table
            status.put("carts", true);
            return status;
        }
    }

    @TempDir
    Path tmp;

    private final FakeStorage storage = new FakeStorage();
    private MBeanCallServer server;
    private CassandraNode node;

    @BeforeEach
    void serve() throws Exception {
        MBeanServer mbeans = MBeanServerFactory.newMBeanServer(); // not kept by the factory: none to release
        mbeans.registerMBean(
                new StandardMBean(storage, StorageOperations.class), new ObjectName(CassandraNode.STORAGE_SERVICE));
        Path socket = tmp.resolve("helper.sock");
        server = new MBeanCallServer(socket, mbeans);
        server.start();
        node = new CassandraNode(new MBeanCallClient(socket));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void compactIsAMajorCompactionWithoutSplitOutput() throws IOException {
        node.compact("shop", List.of("orders", "carts"));
        node.compact("audit", List.of());

        assertThat(storage.calls)
                .containsExactly(
                        "forceKeyspaceCompaction false shop [orders, carts]", "forceKeyspaceCompaction false audit []");
    }

    @Test
    void upgradeSSTablesTakesTheIntReturningVariantWithJobs() throws IOException {
        storage.status = 0;
        assertThat(node.upgradeSSTables("shop", false, 2, List.of("orders"))).isZero();
        storage.status = 2;
        assertThat(node.upgradeSSTables("shop", true, 2, List.of())).isEqualTo(2);

        assertThat(storage.calls)
                .containsExactly(
                        "upgradeSSTables shop false " + Long.MAX_VALUE + " 2 [orders]",
                        "upgradeSSTables shop true " + Long.MAX_VALUE + " 2 []");
    }

    @Test
    void scrubPassesEachOptionInItsPlace() throws IOException {
        storage.status = 1;
        assertThat(node.scrub(false, true, true, false, 2, "shop", List.of("orders")))
                .isEqualTo(1);

        assertThat(storage.calls).containsExactly("scrub false true true false 2 shop [orders]");
    }

    @Test
    void garbageCollectDropsShadowedRows() throws IOException {
        assertThat(node.garbageCollect("ROW", 2, "shop", List.of())).isZero();

        assertThat(storage.calls).containsExactly("garbageCollect ROW 2 shop []");
    }

    @Test
    void clearSnapshotNamesTheTagAndKeyspaces() throws IOException {
        node.clearSnapshot("", List.of());
        node.clearSnapshot("pre-upgrade", List.of("shop", "audit"));
        node.clearSnapshot("cassini-b1");

        assertThat(storage.calls)
                .containsExactly(
                        "clearSnapshot {} '' []",
                        "clearSnapshot {} 'pre-upgrade' [shop, audit]",
                        "clearSnapshot {} 'cassini-b1' []");
    }

    @Test
    void aKeyspacesTablesLeaveOutItsIndexes() throws IOException {
        assertThat(node.tables("shop")).containsExactly("carts", "orders");

        assertThat(storage.calls).containsExactly("getAutoCompactionStatus shop []");
    }
}
