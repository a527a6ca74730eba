package dev.cassini.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Splitting Cassandra registry names into type, name and scope. */
class RegistryNameTest {
    @Test
    void tableNamesKeepKeyspaceAndTableInTheScope() {
        assertThat(RegistryName.parse("org.apache.cassandra.metrics.Table.ReadLatency.shop.orders"))
                .isEqualTo(new RegistryName("Table", "ReadLatency", "shop.orders"));
    }

    @Test
    void threadPoolScopeKeepsItsPath() {
        assertThat(RegistryName.parse("org.apache.cassandra.metrics.ThreadPools.ActiveTasks.request.ReadStage"))
                .isEqualTo(new RegistryName("ThreadPools", "ActiveTasks", "request.ReadStage"));
    }

    @Test
    void nameWithoutScopeHasAnEmptyScope() {
        assertThat(RegistryName.parse("org.apache.cassandra.metrics.Storage.Load"))
                .isEqualTo(new RegistryName("Storage", "Load", ""));
    }

    @Test
    void namesOutsideCassandrasGroupAreNotCassandraMetrics() {
        assertThat(RegistryName.parse("jvm.gc.G1-Young-Generation.count")).isNull();
        assertThat(RegistryName.parse("org.apache.cassandra.metrics.Storage")).isNull();
    }
}
