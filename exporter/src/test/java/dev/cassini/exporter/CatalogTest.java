package dev.cassini.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default set: stable names and which registry entries feed which family. */
class CatalogTest {
    private static Catalog.Binding bind(String registryName) {
        return Catalog.bind(RegistryName.parse("org.apache.cassandra.metrics." + registryName));
    }

    @Test
    void familiesHaveUniqueCassandraPrefixedNamesAndHelp() {
        Set<String> names = new HashSet<>();
        for (Family family : Catalog.families()) {
            assertThat(family.name())
                    .startsWith("cassandra_")
                    .matches("[a-z_]+")
                    .doesNotEndWith("_total");
            assertThat(family.help()).isNotBlank();
            assertThat(names.add(family.name()))
                    .as("duplicate family %s", family.name())
                    .isTrue();
            for (String label : family.scopeLabels()) {
                assertThat(label).isNotIn("cluster", "dc", "rack", "node").matches("[a-z_]+");
            }
        }
        assertThat(names).hasSizeGreaterThan(50);
    }

    @Test
    void tableLatencyAndItsTotalFeedOneSummary() {
        assertThat(bind("Table.ReadLatency.shop.orders"))
                .isEqualTo(
                        new Catalog.Binding(Catalog.TABLE_READ_LATENCY, Catalog.Role.VALUE, List.of("shop", "orders")));
        assertThat(bind("Table.ReadTotalLatency.shop.orders"))
                .isEqualTo(new Catalog.Binding(
                        Catalog.TABLE_READ_LATENCY, Catalog.Role.SUM_MICROS, List.of("shop", "orders")));
    }

    @Test
    void theAllTablesAggregateIsNotATable() {
        assertThat(bind("Table.ReadLatency.all")).isNull();
        assertThat(bind("Table.BloomFilterOffHeapMemoryUsed.all"))
                .isEqualTo(new Catalog.Binding(Catalog.OFFHEAP, Catalog.Role.VALUE, List.of("bloom_filter")));
        assertThat(bind("Table.BloomFilterOffHeapMemoryUsed.shop.orders")).isNull();
    }

    @Test
    void clientRequestsAreExportedPerOperationButNotPerConsistencyLevel() {
        assertThat(bind("ClientRequest.Latency.Read").labelValues()).containsExactly("read");
        assertThat(bind("ClientRequest.Timeouts.RangeSlice").labelValues()).containsExactly("range_slice");
        assertThat(bind("ClientRequest.Failures.CASWrite").labelValues()).containsExactly("cas_write");
        assertThat(bind("ClientRequest.Latency.Read-LOCAL_QUORUM")).isNull();
        assertThat(bind("ClientRequest.Latency.ViewWrite")).isNull();
    }

    @Test
    void cassandrasAutoRepairSchedulerIsExportedPerRepairType() {
        assertThat(bind("autorepair.LongestUnrepairedSec.repairType=full").family())
                .isEqualTo(Catalog.AUTO_REPAIR_LONGEST_UNREPAIRED);
        assertThat(bind("autorepair.LongestUnrepairedSec.repairType=full").labelValues())
                .containsExactly("full");
        assertThat(bind("autorepair.RepairsInProgress.incremental").labelValues())
                .containsExactly("incremental");
        assertThat(bind("autorepair.LongestUnrepairedSec")).isNull();
        assertThat(bind("AutoRepair.LongestUnrepairedSec.repairType=full"))
                .as("the MBean's spelling is not the registry's")
                .isNull();
        assertThat(bind("autorepair.RepairTurnMyTurn.repairType=full")).isNull();
    }

    @Test
    void poolsVerbsAndCachesAreLabelled() {
        assertThat(bind("ThreadPools.PendingTasks.request.MutationStage").labelValues())
                .containsExactly("MutationStage");
        assertThat(bind("DroppedMessage.Dropped.MUTATION_REQ").labelValues()).containsExactly("MUTATION_REQ");
        assertThat(bind("DroppedMessage.Dropped._TEST_1")).isNull();
        assertThat(bind("DroppedMessage.Dropped.UNUSED_CUSTOM_VERB")).isNull();
        assertThat(bind("Cache.Hits.KeyCache").labelValues()).containsExactly("key");
        assertThat(bind("CQL.PreparedStatementsExecuted").labelValues()).containsExactly("prepared");
    }

    @Test
    void entriesOutsideTheDefaultSetAreLeftOut() {
        assertThat(bind("Table.BloomFilterFalsePositives.shop.orders")).isNull();
        assertThat(bind("Messaging.CrossNodeLatency")).isNull();
        assertThat(bind("DroppedMessage.CrossNodeDroppedLatency.MUTATION_REQ")).isNull();
        assertThat(bind("Storage.Load.extra")).isNull();
    }

    @Test
    void secondaryIndexScopesAreNotTables() {
        assertThat(bind("Table.ReadLatency.shop.orders.by_customer")).isNull();
    }
}
