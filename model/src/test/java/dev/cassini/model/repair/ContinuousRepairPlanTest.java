package dev.cassini.model.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.model.backup.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContinuousRepairPlanTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final long TEN_DAYS = Duration.ofDays(10).toSeconds();
    private static final Optional<String> READY = Optional.empty();

    private static ContinuousRepairPlan.Step next(
            List<ContinuousRepairPlan.Table> tables, List<ContinuousRepairPlan.Run> runs) {
        return ContinuousRepairPlan.next(Optional.empty(), Optional.empty(), NOW, tables, runs, READY, NOW);
    }

    @Test
    void aTableIsDueAQuarterOfItsGraceAfterItsLastRepairAndTheRunIsPacedToEndByHalf() {
        var fresh = new ContinuousRepairPlan.Table("shop.orders", TEN_DAYS, NOW.minus(Duration.ofDays(1)));
        ContinuousRepairPlan.Step step = next(List.of(fresh), List.of());
        assertThat(step).isInstanceOf(ContinuousRepairPlan.Wait.class);
        // due 2.5 days after the repair: the next run starts then
        assertThat(((ContinuousRepairPlan.Wait) step).next())
                .hasValue(NOW.minus(Duration.ofDays(1)).plusSeconds(TEN_DAYS / 4));

        var due = new ContinuousRepairPlan.Table("shop.orders", TEN_DAYS, NOW.minus(Duration.ofDays(3)));
        var soon = new ContinuousRepairPlan.Table("shop.carts", TEN_DAYS, NOW.minus(Duration.ofDays(2)));
        var later = new ContinuousRepairPlan.Table("audit.log", TEN_DAYS, NOW.minus(Duration.ofHours(1)));
        var neverDue = new ContinuousRepairPlan.Table("cache.kv", 0, NOW.minus(Duration.ofDays(300)));
        ContinuousRepairPlan.Step start = next(List.of(due, soon, later, neverDue), List.of());
        assertThat(start).isInstanceOf(ContinuousRepairPlan.Start.class);
        assertThat(((ContinuousRepairPlan.Start) start).tables()).containsExactly("shop.carts", "shop.orders");
        assertThat(((ContinuousRepairPlan.Start) start).intensity()).isEqualTo(ContinuousRepairPlan.FIRST_INTENSITY);
    }

    @Test
    void onlyTablesDueSoonWithoutOneOverdueWait() {
        var soon = new ContinuousRepairPlan.Table("shop.carts", TEN_DAYS, NOW.minus(Duration.ofDays(2)));
        assertThat(next(List.of(soon), List.of())).isInstanceOf(ContinuousRepairPlan.Wait.class);
    }

    @Test
    void theIntensitySpreadsTheLastRunsBusyTimeOverTheWindow() {
        var lastRun = new ContinuousRepairPlan.Run(
                "r1", true, false, false, NOW.minus(Duration.ofHours(10)), NOW.minus(Duration.ofHours(6)), 0.5);
        // 4 h at 0.5 = 2 h of work; the window is a quarter of 10 days = 60 h: 2/60 = 0.033, at least 0.05
        assertThat(ContinuousRepairPlan.intensity(List.of(lastRun), Duration.ofHours(60)))
                .isEqualTo(0.05);
        assertThat(ContinuousRepairPlan.intensity(List.of(lastRun), Duration.ofHours(4)))
                .isEqualTo(0.5);
        assertThat(ContinuousRepairPlan.intensity(List.of(lastRun), Duration.ofHours(1)))
                .isEqualTo(1.0);
        assertThat(ContinuousRepairPlan.intensity(List.of(), Duration.ofHours(1)))
                .isEqualTo(0.5);
    }

    @Test
    void aRunInProgressIsSuspendedWhileTheClusterIsNotReadyAndResumedAfter() {
        var running = new ContinuousRepairPlan.Run("r2", false, false, false, NOW, null, 0.5);
        var due = new ContinuousRepairPlan.Table("shop.orders", TEN_DAYS, NOW.minus(Duration.ofDays(9)));
        ContinuousRepairPlan.Step step = ContinuousRepairPlan.next(
                Optional.empty(),
                Optional.empty(),
                NOW,
                List.of(due),
                List.of(running),
                Optional.of("RollingRestart"),
                NOW);
        assertThat(step).isEqualTo(new ContinuousRepairPlan.Suspend("r2", "the cluster is not Ready (RollingRestart)"));
        var suspended = new ContinuousRepairPlan.Run("r2", false, false, true, NOW, null, 0.5);
        assertThat(next(List.of(due), List.of(suspended))).isInstanceOf(ContinuousRepairPlan.Resume.class);
        assertThat(next(List.of(due), List.of(running)).reason()).isEqualTo("run r2 is repairing");
    }

    @Test
    void aDueRunIsSkippedWhileTheClusterIsNotReadyAndSaysSo() {
        var due = new ContinuousRepairPlan.Table("shop.orders", TEN_DAYS, NOW.minus(Duration.ofDays(9)));
        ContinuousRepairPlan.Step step = ContinuousRepairPlan.next(
                Optional.empty(), Optional.empty(), NOW, List.of(due), List.of(), Optional.of("a node is down"), NOW);
        assertThat(step).isInstanceOf(ContinuousRepairPlan.Wait.class);
        assertThat(step.reason()).isEqualTo("1 table(s) due, skipped while the cluster is not Ready (a node is down)");
    }

    @Test
    void afterAFailedRunTheNextWaitsAWhileInsteadOfFailingOverAndOver() {
        var due = new ContinuousRepairPlan.Table("shop.orders", TEN_DAYS, NOW.minus(Duration.ofDays(9)));
        var failed =
                new ContinuousRepairPlan.Run("r3", true, true, false, NOW.minusSeconds(120), NOW.minusSeconds(60), 0.5);
        ContinuousRepairPlan.Step step = next(List.of(due), List.of(failed));
        assertThat(step).isInstanceOf(ContinuousRepairPlan.Wait.class);
        assertThat(((ContinuousRepairPlan.Wait) step).next())
                .hasValue(NOW.minusSeconds(60).plus(Duration.ofMinutes(10)));
        assertThat(ContinuousRepairPlan.next(
                        Optional.empty(),
                        Optional.empty(),
                        NOW,
                        List.of(due),
                        List.of(failed),
                        READY,
                        NOW.plusSeconds(600)))
                .isInstanceOf(ContinuousRepairPlan.Start.class);
    }

    @Test
    void offSuspendsARunningRunAndStartsNothing() {
        var running = new ContinuousRepairPlan.Run("r2", false, false, false, NOW, null, 0.5);
        var due = new ContinuousRepairPlan.Table("shop.orders", TEN_DAYS, NOW.minus(Duration.ofDays(9)));
        Optional<String> off = Optional.of(ContinuousRepairPlan.DISABLED);
        assertThat(ContinuousRepairPlan.next(off, Optional.empty(), NOW, List.of(due), List.of(running), READY, NOW))
                .isEqualTo(new ContinuousRepairPlan.Suspend("r2", ContinuousRepairPlan.DISABLED));
        assertThat(ContinuousRepairPlan.next(off, Optional.empty(), NOW, List.of(due), List.of(), READY, NOW))
                .isEqualTo(new ContinuousRepairPlan.Wait(Optional.empty(), ContinuousRepairPlan.DISABLED));
    }

    @Test
    void withACronScheduleEveryTableIsRepairedAtEachScheduledTime() {
        CronSchedule sundays = CronSchedule.parse("0 3 * * 0");
        var t = new ContinuousRepairPlan.Table("shop.orders", TEN_DAYS, NOW);
        Instant lastSunday = Instant.parse("2026-11-29T03:00:00Z");
        ContinuousRepairPlan.Step waiting = ContinuousRepairPlan.next(
                Optional.empty(), Optional.of(sundays), lastSunday, List.of(t), List.of(), READY, NOW);
        assertThat(((ContinuousRepairPlan.Wait) waiting).next()).hasValue(Instant.parse("2026-12-06T03:00:00Z"));
        ContinuousRepairPlan.Step due = ContinuousRepairPlan.next(
                Optional.empty(),
                Optional.of(sundays),
                lastSunday,
                List.of(t),
                List.of(),
                READY,
                Instant.parse("2026-12-06T03:00:10Z"));
        assertThat(due).isInstanceOf(ContinuousRepairPlan.Start.class);
        assertThat(((ContinuousRepairPlan.Start) due).intensity()).isEqualTo(1.0);
    }

    @Test
    void theNextRunIsWhenTheFirstTableFallsDueWhateverTheOtherTablesGraces() {
        var carts = new ContinuousRepairPlan.Table("shop.carts", TEN_DAYS, NOW.minus(Duration.ofDays(2)));
        var fast = new ContinuousRepairPlan.Table("shop.fast", 240, NOW);
        var orders = new ContinuousRepairPlan.Table("shop.orders", TEN_DAYS, NOW.minus(Duration.ofMinutes(10)));
        var wait = (ContinuousRepairPlan.Wait) next(List.of(carts, fast, orders), List.of());
        assertThat(wait.next()).contains(NOW.plusSeconds(60));
        assertThat(wait.reason()).isEqualTo("next run at " + NOW.plusSeconds(60));

        // carts is due within an eighth of its grace, but nothing is due yet: the wait names carts' time
        var soon = (ContinuousRepairPlan.Wait) next(List.of(carts), List.of());
        assertThat(soon.next()).contains(NOW.minus(Duration.ofDays(2)).plus(Duration.ofHours(60)));
    }
}
