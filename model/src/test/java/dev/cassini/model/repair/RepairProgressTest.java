package dev.cassini.model.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepairProgressTest {
    private static RepairSegment seg(long start, long end) {
        return new RepairSegment(List.of(new TokenSpan(start, end)), List.of("a", "b"));
    }

    @Test
    void countsSegmentsWholeCoveredPerTableKeyspaceAndInAll() {
        List<RepairPlan.Table> tables = List.of(
                new RepairPlan.Table("ks.a", List.of(seg(0, 10), seg(10, 20))),
                new RepairPlan.Table("ks.b", List.of(seg(0, 10), seg(10, 20))),
                new RepairPlan.Table("other.c", List.of(seg(0, 20))));
        Instant now = Instant.EPOCH;
        RepairLedger ledger = RepairLedger.EMPTY
                .succeeded(run("ks.a", 0, 10), now, 1)
                .succeeded(run("ks.a", 10, 15), now, 1) // half a segment is not a segment
                .succeeded(run("other.c", 0, 20), now, 1);
        Map<String, RepairProgress.Count> byTable = RepairProgress.byTable(tables, ledger);
        assertThat(byTable)
                .containsEntry("ks.a", new RepairProgress.Count(1, 2))
                .containsEntry("ks.b", new RepairProgress.Count(0, 2))
                .containsEntry("other.c", new RepairProgress.Count(1, 1));
        assertThat(RepairProgress.byKeyspace(byTable))
                .containsEntry("ks", new RepairProgress.Count(1, 4))
                .containsEntry("other", new RepairProgress.Count(1, 1));
        RepairProgress.Count total = RepairProgress.total(byTable);
        assertThat(total.toString()).isEqualTo("2/5");
        assertThat(RepairProgress.eta(total, Duration.ofSeconds(60))).hasValue(Duration.ofSeconds(90));
        assertThat(RepairProgress.eta(new RepairProgress.Count(0, 5), Duration.ofSeconds(60)))
                .isEmpty();
        assertThat(RepairProgress.eta(new RepairProgress.Count(5, 5), Duration.ofSeconds(60)))
                .hasValue(Duration.ZERO);
    }

    private static RepairLedger.Running run(String table, long start, long end) {
        return new RepairLedger.Running(
                table, List.of(new TokenSpan(start, end)), List.of("a", "b"), "a", "j", Instant.EPOCH, 1, null);
    }
}
