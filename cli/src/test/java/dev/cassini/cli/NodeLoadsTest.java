package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeLoadsTest {
    @Test
    void theLoadIsTheValueAfterTheLabelsNotATimestampNorAnotherMetric() {
        assertThat(NodeLoads.load("""
                        # HELP cassandra_storage_load_bytes Live data this node stores (nodetool status Load)
                        # TYPE cassandra_storage_load_bytes gauge
                        cassandra_storage_load_bytes_total_other 7
                        cassandra_storage_load_bytes{cluster="demo",rack="r 1"} 102836.0
                        """)).hasValue(102836);
        assertThat(NodeLoads.load("cassandra_storage_load_bytes 2.5E9 1700000000000\n"))
                .hasValue(2_500_000_000L);
        assertThat(NodeLoads.load("cassandra_storage_load_bytes{} NaN\n")).isEmpty();
        assertThat(NodeLoads.load("up 1\n")).isEmpty();
    }
}
