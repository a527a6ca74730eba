package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.contract.RepairParallelism;
import dev.cassini.contract.RepairRequest;
import dev.cassini.contract.TokenRange;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A repair request as the options of Cassandra's repairAsync. */
class RepairOptionsTest {
    private static RepairRequest request(
            List<String> tables,
            List<TokenRange> ranges,
            List<String> datacenters,
            RepairParallelism parallelism,
            Boolean incremental) {
        return new RepairRequest("r1", "s0", "shop", tables, ranges, datacenters, parallelism, incremental, null);
    }

    @Test
    void aBareRequestIsAFullParallelRepairOfEveryRangeOfTheNodeWithEveryOptionSpelledOut() {
        assertThat(RepairOptions.of(request(null, null, null, null, null)))
                .containsExactly(
                        java.util.Map.entry("parallelism", "parallel"),
                        java.util.Map.entry("incremental", "false"),
                        java.util.Map.entry("primaryRange", "false"),
                        java.util.Map.entry("jobThreads", "1"),
                        java.util.Map.entry("trace", "false"));
    }

    @Test
    void rangesTablesAndDatacentersAreCommaJoinedAsCassandraReadsThem() {
        var options = RepairOptions.of(request(
                List.of("orders", "carts"),
                List.of(new TokenRange("-9223372036854775808", "-100"), new TokenRange("9000", "-9000")),
                List.of("dc1", "dc2"),
                RepairParallelism.DATACENTER_AWARE,
                true));

        assertThat(options)
                .containsEntry("ranges", "-9223372036854775808:-100,9000:-9000")
                .containsEntry("columnFamilies", "orders,carts")
                .containsEntry("dataCenters", "dc1,dc2")
                .containsEntry("parallelism", "dc_parallel")
                .containsEntry("incremental", "true")
                .containsEntry("primaryRange", "false");
        assertThat(RepairOptions.of(request(List.of(), List.of(), List.of(), RepairParallelism.SEQUENTIAL, false)))
                .doesNotContainKeys("ranges", "columnFamilies", "dataCenters")
                .containsEntry("parallelism", "sequential");
    }

    @Test
    void aTokenThatIsNotA64BitIntegerIsRefusedNamingTheRange() {
        assertThatThrownBy(() -> RepairOptions.of(request(
                        null, List.of(new TokenRange("0", "10"), new TokenRange("ten", "20")), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ranges[1].start 'ten' is not a Murmur3 token: give a signed 64-bit integer as a decimal"
                        + " string, e.g. \"-42\"");
        assertThatThrownBy(() -> RepairOptions.of(
                        request(null, List.of(new TokenRange("0", "9223372036854775808")), null, null, null)))
                .hasMessageStartingWith("ranges[0].end '9223372036854775808' is not a Murmur3 token");
    }

    @Test
    void aRangeWithoutBothEndsOrWithEqualEndsIsRefused() {
        assertThatThrownBy(() -> RepairOptions.of(request(null, List.of(new TokenRange("5", null)), null, null, null)))
                .hasMessage("ranges[0] needs a start and an end: {\"start\": \"<token>\", \"end\": \"<token>\"}");
        assertThatThrownBy(() -> RepairOptions.of(request(null, Arrays.asList((TokenRange) null), null, null, null)))
                .hasMessageStartingWith("ranges[0] needs a start and an end");
        assertThatThrownBy(() -> RepairOptions.of(request(null, List.of(new TokenRange("5", "5")), null, null, null)))
                .hasMessage("ranges[0] starts and ends at token 5; give a range whose start and end differ");
    }

    @Test
    void blankOrCommaHoldingNamesAreRefused() {
        assertThatThrownBy(() -> RepairOptions.of(request(List.of("orders", " "), null, null, null, null)))
                .hasMessage("tables holds ' ', which is not a name; give table names of the keyspace, e.g. [\"kv\"]");
        assertThatThrownBy(() -> RepairOptions.of(request(null, null, List.of("dc1,dc2"), null, null)))
                .hasMessageStartingWith("datacenters holds 'dc1,dc2', which is not a name");
    }
}
