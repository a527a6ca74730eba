package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.RestoreStreams;
import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.BackupSchema;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.model.TokenAllocator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamOrdersTest {
    private static final String DIGEST = "a".repeat(64);
    private static final String TYPE = "CREATE TYPE shop.address (street text)";
    private static final String CREATE = "CREATE TABLE shop.orders (id int PRIMARY KEY, total bigint)";
    private static final BackupSchema SCHEMA = new BackupSchema(
            NodeManifest.FORMAT,
            "nightly",
            List.of(new BackupSchema.Keyspace(
                    "shop",
                    Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1", "3"),
                    true,
                    List.of(
                            new BackupSchema.Statement("type", "address", TYPE),
                            new BackupSchema.Statement("table", "orders", CREATE)),
                    List.of(new BackupSchema.Table("orders", "b1", Map.of("id", "int", "total", "bigint"))))));
    private static final Map<String, Map<String, String>> ONE_REPLICA_IN_COPY =
            Map.of("shop", Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "copy", "1"));

    @Test
    void threeBackedUpNodesIntoOneSendEverythingThereWithTheClustersTableId() {
        StreamOrders.Orders orders = StreamOrders.plan(
                threeNodeBackup(),
                SCHEMA,
                List.of("shop.orders"),
                List.of(new StreamOrders.TargetNode("10.0.0.9", "copy", "r1", List.of("0"))),
                ONE_REPLICA_IN_COPY,
                Map.of("shop.orders", "t1"),
                Map.of("dc1", "copy"),
                KeyspaceMapping.NONE,
                7000);

        assertThat(orders.refusal()).isEmpty();
        assertThat(orders.repairAdvised()).isFalse();
        assertThat(orders.byManifest()).hasSize(3);
        for (RestoreStreams streams : orders.byManifest().values()) {
            assertThat(streams.tables())
                    .containsExactly(new RestoreStreams.Table("shop", "orders", "t1", CREATE, List.of(TYPE)));
            assertThat(streams.storagePort()).isEqualTo(7000);
            // Each backed-up node held a replica of every range: all of it goes to the one node, as
            // one range around the whole ring.
            assertThat(streams.targets().get("shop")).singleElement().satisfies(target -> {
                assertThat(target.address()).isEqualTo("10.0.0.9");
                assertThat(target.ranges())
                        .singleElement()
                        .satisfies(r -> assertThat(r.get(0)).isEqualTo(r.get(1)));
            });
        }
    }

    @Test
    void aKeyspaceRestoredUnderAnotherNameTakesThatTablesIdAndReplicationButKeepsItsFilesName() {
        KeyspaceMapping mapping = new KeyspaceMapping(Map.of("shop", "shop_copy"));
        StreamOrders.Orders orders = StreamOrders.plan(
                threeNodeBackup(),
                SCHEMA,
                List.of("shop.orders"),
                List.of(new StreamOrders.TargetNode("10.0.0.9", "copy", "r1", List.of("0"))),
                Map.of(
                        "shop_copy",
                        Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "copy", "1"),
                        "shop",
                        Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "elsewhere", "1")),
                Map.of("shop.orders", "live", "shop_copy.orders", "copy-id"),
                Map.of("dc1", "copy"),
                mapping,
                7000);

        assertThat(orders.refusal()).isEmpty();
        for (RestoreStreams streams : orders.byManifest().values()) {
            // The files are found, and read, under the backed-up names; the receiving nodes file them by ID.
            assertThat(streams.tables())
                    .containsExactly(new RestoreStreams.Table("shop", "orders", "copy-id", CREATE, List.of(TYPE)));
            assertThat(streams.targets().get("shop"))
                    .singleElement()
                    .satisfies(target -> assertThat(target.address()).isEqualTo("10.0.0.9"));
        }
        assertThat(StreamOrders.plan(
                                threeNodeBackup(),
                                SCHEMA,
                                List.of("shop.orders"),
                                List.of(new StreamOrders.TargetNode("10.0.0.9", "copy", "r1", List.of("0"))),
                                ONE_REPLICA_IN_COPY,
                                Map.of("shop.orders", "live"),
                                Map.of("dc1", "copy"),
                                mapping,
                                7000)
                        .refusal())
                .hasValue("table shop_copy.orders does not exist in the cluster");
    }

    @Test
    void whatCannotBeStreamedIsRefusedWithTheReason() {
        List<StreamOrders.TargetNode> one =
                List.of(new StreamOrders.TargetNode("10.0.0.9", "copy", "r1", List.of("0")));

        assertThat(StreamOrders.plan(
                                threeNodeBackup(),
                                SCHEMA,
                                List.of("shop.orders"),
                                one,
                                ONE_REPLICA_IN_COPY,
                                Map.of(),
                                Map.of("dc1", "copy"),
                                KeyspaceMapping.NONE,
                                7000)
                        .refusal())
                .hasValue("table shop.orders does not exist in the cluster");
        assertThat(StreamOrders.plan(
                                threeNodeBackup(),
                                SCHEMA,
                                List.of("shop.carts"),
                                one,
                                ONE_REPLICA_IN_COPY,
                                Map.of("shop.carts", "t2"),
                                Map.of("dc1", "copy"),
                                KeyspaceMapping.NONE,
                                7000)
                        .refusal())
                .hasValue("the backup's schema has no CREATE TABLE statement for shop.carts, which streaming its files"
                        + " needs");
        assertThat(StreamOrders.plan(
                                threeNodeBackup(),
                                SCHEMA,
                                List.of("shop.orders"),
                                one,
                                Map.of("shop", Map.of("class", "NetworkTopologyStrategy", "elsewhere", "3")),
                                Map.of("shop.orders", "t1"),
                                Map.of("dc1", "copy"),
                                KeyspaceMapping.NONE,
                                7000)
                        .refusal())
                .get()
                .asString()
                .contains("places some of its ranges on no node");
        assertThat(StreamOrders.plan(
                                threeNodeBackup(),
                                SCHEMA,
                                List.of("shop.orders"),
                                List.of(new StreamOrders.TargetNode("10.0.0.9", "copy", "r1", List.of())),
                                ONE_REPLICA_IN_COPY,
                                Map.of("shop.orders", "t1"),
                                Map.of(),
                                KeyspaceMapping.NONE,
                                7000)
                        .refusal())
                .hasValue("no node of the cluster owns tokens yet");
    }

    @Test
    void twoNodesWithThreeReplicasEachGetEveryRangeAndARepairIsAdvised() {
        StreamOrders.Orders orders = StreamOrders.plan(
                threeNodeBackup(),
                SCHEMA,
                List.of("shop.orders"),
                List.of(
                        new StreamOrders.TargetNode("10.0.0.1", "dc1", "r1", List.of("-100")),
                        new StreamOrders.TargetNode("10.0.0.2", "dc1", "r2", List.of("100"))),
                Map.of("shop", Map.of("class", "NetworkTopologyStrategy", "dc1", "3")),
                Map.of("shop.orders", "t1"),
                Map.of(),
                KeyspaceMapping.NONE,
                7000);

        assertThat(orders.repairAdvised()).isTrue();
        // Three backed-up copies of each range, two replicas: every copy is sent once, each replica
        // gets at least one, so the three manifests together reach both nodes.
        Map<String, Integer> sends = new LinkedHashMap<>();
        orders.byManifest()
                .values()
                .forEach(s -> s.targets().get("shop").forEach(t -> sends.merge(t.address(), 1, Integer::sum)));
        assertThat(sends).containsOnlyKeys("10.0.0.1", "10.0.0.2");
    }

    @Test
    void eachNodeIsExpectedToReceiveItsShareOfEveryCopySentToIt() {
        Map<String, NodeManifest> backup = threeNodeBackup(300);
        StreamOrders.Orders intoOne = StreamOrders.plan(
                backup,
                SCHEMA,
                List.of("shop.orders"),
                List.of(new StreamOrders.TargetNode("10.0.0.9", "copy", "r1", List.of("0"))),
                ONE_REPLICA_IN_COPY,
                Map.of("shop.orders", "t1"),
                Map.of("dc1", "copy"),
                KeyspaceMapping.NONE,
                7000);
        // Every backed-up copy goes to the one replica there is; shop.carts, not restored, counts for nothing.
        assertThat(intoOne.receivedBytes()).containsOnlyKeys("10.0.0.9");
        assertThat(intoOne.receivedBytes().get("10.0.0.9")).isBetween(899L, 901L);

        StreamOrders.Orders intoTwo = StreamOrders.plan(
                backup,
                SCHEMA,
                List.of("shop.orders"),
                List.of(
                        new StreamOrders.TargetNode("10.0.0.1", "dc1", "r1", List.of("-100")),
                        new StreamOrders.TargetNode("10.0.0.2", "dc1", "r2", List.of("100"))),
                Map.of("shop", Map.of("class", "NetworkTopologyStrategy", "dc1", "3")),
                Map.of("shop.orders", "t1"),
                Map.of(),
                KeyspaceMapping.NONE,
                7000);
        // Three copies of 300 bytes over two replicas of everything: 900 in all, each at least one copy.
        long total = intoTwo.receivedBytes().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(total).isBetween(899L, 902L);
        assertThat(intoTwo.receivedBytes().values())
                .allSatisfy(bytes -> assertThat(bytes).isGreaterThanOrEqualTo(299L));
    }

    private static Map<String, NodeManifest> threeNodeBackup() {
        return threeNodeBackup(0);
    }

    /** Three nodes of dc1, each with {@code bytes} of shop.orders and as much of shop.carts (not restored). */
    private static Map<String, NodeManifest> threeNodeBackup(long bytes) {
        Map<String, NodeManifest> manifests = new LinkedHashMap<>();
        List<List<Long>> tokens = TokenAllocator.allocate(3, 4);
        for (int i = 0; i < 3; i++) {
            manifests.put(
                    "backups/nightly/nodes/dc1/r" + (i + 1) + "/h" + i + ".json",
                    new NodeManifest(
                            NodeManifest.FORMAT,
                            "nightly",
                            "demo",
                            "dc1",
                            "r" + (i + 1),
                            "h" + i,
                            "demo-dc1-r" + (i + 1) + "-0",
                            "5.0.6",
                            tokens.get(i).stream().map(String::valueOf).toList(),
                            Instant.EPOCH,
                            Instant.EPOCH,
                            bytes == 0
                                    ? List.of()
                                    : List.of(
                                            new BackupFile("shop", "orders", "b1", "nb-1-big-Data.db", bytes, DIGEST),
                                            new BackupFile("shop", "carts", "b2", "nb-1-big-Data.db", bytes, DIGEST))));
        }
        return manifests;
    }
}
