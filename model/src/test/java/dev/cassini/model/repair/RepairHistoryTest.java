package dev.cassini.model.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.TableRepairStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepairHistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void newTablesCountFromWhenFirstSeenAndTakeTheLatestCompletedRepair() {
        List<TableRepairStatus> rows = RepairHistory.update(
                Optional.of(Map.of("shop.orders", 864000L, "shop.carts", 3600L)), List.of(), List.of(), T0);
        assertThat(rows).extracting(TableRepairStatus::getName).containsExactly("shop.carts", "shop.orders");
        assertThat(rows).allSatisfy(r -> assertThat(r.getFirstSeen()).isEqualTo(T0.toString()));

        Instant later = T0.plusSeconds(100);
        rows = RepairHistory.update(
                Optional.empty(),
                rows,
                List.of(
                        new RepairHistory.Completed("shop.carts", later),
                        new RepairHistory.Completed("shop.carts", T0.plusSeconds(50)),
                        new RepairHistory.Completed("gone.table", later)),
                later);
        assertThat(rows.get(0).getRepairedAt()).isEqualTo(later.toString());
        assertThat(rows.get(1).getRepairedAt()).isNull();

        assertThat(RepairHistory.tables(rows))
                .containsExactly(
                        new ContinuousRepairPlan.Table("shop.carts", 3600, later),
                        new ContinuousRepairPlan.Table("shop.orders", 864000, T0));
    }

    @Test
    void aDroppedTableLeavesAndAChangedGraceIsTaken() {
        List<TableRepairStatus> rows = RepairHistory.update(
                Optional.of(Map.of("shop.orders", 864000L, "shop.carts", 3600L)), List.of(), List.of(), T0);
        rows = RepairHistory.update(Optional.of(Map.of("shop.orders", 7200L)), rows, List.of(), T0.plusSeconds(9));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.getGcGraceSeconds()).isEqualTo(7200L);
            assertThat(r.getFirstSeen()).isEqualTo(T0.toString());
        });
    }
}
