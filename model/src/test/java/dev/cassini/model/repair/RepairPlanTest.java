package dev.cassini.model.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepairPlanTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final RepairPlan.Settings GO = new RepairPlan.Settings(false, 20, 3, Duration.ofSeconds(30));
    private static final RepairPlan.Node OK = RepairPlan.Node.serving(0);

    private static RepairSegment seg(long start, long end, String... replicas) {
        return new RepairSegment(List.of(new TokenSpan(start, end)), List.of(replicas));
    }

    /** Six nodes, RF 2: three disjoint pairs, two segments each, then the pairs again. */
    private static final List<RepairPlan.Table> SIX = List.of(new RepairPlan.Table(
            "ks.small",
            List.of(
                    seg(0, 10, "a", "b"),
                    seg(10, 20, "c", "d"),
                    seg(20, 30, "e", "f"),
                    seg(30, 40, "b", "c"),
                    seg(40, 50, "a", "b"))));

    private static final Map<String, RepairPlan.Node> ALL_OK =
            Map.of("a", OK, "b", OK, "c", OK, "d", OK, "e", OK, "f", OK);

    @Test
    void segmentsOfDisjointReplicaSetsStartTogetherAndANodeRunsOneSessionAtATime() {
        RepairPlan.Step step = RepairPlan.next(SIX, ALL_OK, RepairLedger.EMPTY, GO, NOW);
        assertThat(step).isInstanceOf(RepairPlan.Start.class);
        List<RepairPlan.Launch> launches = ((RepairPlan.Start) step).launches();
        assertThat(launches.stream().map(l -> l.segment().spans().get(0).toString()))
                .containsExactly("0:10", "10:20", "20:30");
        assertThat(launches).allSatisfy(l -> assertThat(l.attempt()).isEqualTo(1));
        assertThat(launches.get(1).segment().coordinator()).isEqualTo("c");
    }

    @Test
    void whileSessionsRunTheirReplicasTakeNoOtherSegment() {
        RepairLedger ledger = RepairLedger.EMPTY.started(running("ks.small", 0, 10, "a", "b"));
        RepairPlan.Step step = RepairPlan.next(SIX, ALL_OK, ledger, GO, NOW);
        List<RepairPlan.Launch> launches = ((RepairPlan.Start) step).launches();
        assertThat(launches.stream().map(l -> l.segment().spans().get(0).toString()))
                .containsExactly("10:20", "20:30");
    }

    @Test
    void whatIsRepairedIsNotRepairedAgainAndAPartlyRepairedSegmentStartsWithTheRestOnly() {
        RepairLedger ledger = RepairLedger.EMPTY;
        ledger = ledger.succeeded(running("ks.small", 0, 10, "a", "b"), NOW, 1.0);
        ledger = ledger.succeeded(running("ks.small", 40, 45, "a", "b"), NOW, 1.0);
        RepairPlan.Step step = RepairPlan.next(SIX, ALL_OK, ledger, GO, NOW);
        List<RepairPlan.Launch> launches = ((RepairPlan.Start) step).launches();
        assertThat(launches.stream().map(l -> l.segment().spans().toString()))
                .containsExactly("[10:20]", "[20:30]", "[45:50]");
    }

    @Test
    void aReplicaThatIsDownOrBusyCompactingPostponesItsSegmentsAndSaysWhy() {
        Map<String, RepairPlan.Node> nodes = Map.of(
                "a", RepairPlan.Node.down("is not serving (agent not answering)"),
                "b", OK,
                "c", RepairPlan.Node.serving(21),
                "d", OK,
                "e", OK,
                "f", OK);
        RepairPlan.Step step = RepairPlan.next(SIX, nodes, RepairLedger.EMPTY, GO, NOW);
        RepairPlan.Start start = (RepairPlan.Start) step;
        assertThat(start.launches().stream().map(l -> l.segment().spans().get(0).toString()))
                .containsExactly("20:30");
        assertThat(start.reason())
                .contains("a is not serving (agent not answering)")
                .contains("c has 21 pending compactions (more than 20)");
    }

    @Test
    void withNothingThatCanStartTheRepairWaitsAndNeverCountsAnAttempt() {
        Map<String, RepairPlan.Node> allDown = Map.of(
                "a", RepairPlan.Node.down("is DOWN"),
                "b", RepairPlan.Node.down("is DOWN"),
                "c", RepairPlan.Node.down("is DOWN"),
                "d", OK,
                "e", RepairPlan.Node.down("is DOWN"),
                "f", OK);
        RepairPlan.Step step = RepairPlan.next(SIX, allDown, RepairLedger.EMPTY, GO, NOW);
        assertThat(step).isInstanceOf(RepairPlan.Wait.class);
        assertThat(step.reason()).contains("0 session(s) running").contains("a is DOWN");
    }

    @Test
    void intensityRestsTheReplicasOfAFinishedSegmentInProportionToItsDuration() {
        RepairLedger.Running session = new RepairLedger.Running(
                "ks.small", List.of(new TokenSpan(0, 10)), List.of("a", "b"), "a", "j", NOW.minusSeconds(30), 1, null);
        RepairLedger ledger = RepairLedger.EMPTY.started(session).succeeded(session, NOW, 0.25);
        // 30 s of work at intensity 0.25: 90 s of rest
        assertThat(ledger.restingUntil())
                .containsEntry("a", NOW.plusSeconds(90))
                .containsEntry("b", NOW.plusSeconds(90));
        RepairPlan.Step step = RepairPlan.next(SIX, ALL_OK, ledger, GO, NOW.plusSeconds(10));
        assertThat(((RepairPlan.Start) step)
                        .launches().stream().map(l -> l.segment().spans().get(0).toString()))
                .containsExactly("10:20", "20:30");
        assertThat(step.reason()).contains("a rests until 2026-12-03T12:01:30Z (intensity)");
        RepairPlan.Step later = RepairPlan.next(SIX, ALL_OK, ledger, GO, NOW.plusSeconds(91));
        assertThat(((RepairPlan.Start) later)
                        .launches().stream().map(l -> l.segment().spans().get(0).toString()))
                .contains("40:50");
        assertThat(RepairLedger.rest(Duration.ofSeconds(30), 1.0)).isZero();
    }

    @Test
    void aFailedSegmentIsRetriedAfterItsDelayWithTheNextAttemptAndGivenUpAfterTheLast() {
        RepairLedger.Running first = running("ks.small", 20, 30, "e", "f");
        RepairLedger ledger = RepairLedger.EMPTY.started(first).failed(first, "Repair job has failed", NOW);
        assertThat(ledger.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.attempts()).isEqualTo(1));
        RepairPlan.Step soon = RepairPlan.next(SIX, ALL_OK, ledger, GO, NOW.plusSeconds(5));
        assertThat(soon.reason()).contains("ks.small 20:30 retries at 2026-12-03T12:00:30Z");
        assertThat(((RepairPlan.Start) soon)
                        .launches().stream().map(l -> l.segment().spans().get(0).toString()))
                .doesNotContain("20:30");

        RepairPlan.Step due = RepairPlan.next(SIX, ALL_OK, ledger, GO, NOW.plusSeconds(31));
        RepairPlan.Launch retry = ((RepairPlan.Start) due)
                .launches().stream()
                        .filter(l -> l.segment().spans().get(0).start() == 20)
                        .findFirst()
                        .orElseThrow();
        assertThat(retry.attempt()).isEqualTo(2);

        RepairLedger.Running third = new RepairLedger.Running(
                "ks.small", List.of(new TokenSpan(20, 30)), List.of("e", "f"), "e", "j3", NOW, 3, null);
        RepairLedger givenUp = RepairLedger.EMPTY;
        for (RepairPlan.Table t : SIX) {
            for (RepairSegment s : t.segments()) {
                if (s.spans().get(0).start() != 20) {
                    givenUp = givenUp.succeeded(
                            running(
                                    t.name(),
                                    s.spans().get(0).start(),
                                    s.spans().get(0).end(),
                                    s.replicas().toArray(String[]::new)),
                            NOW,
                            1.0);
                }
            }
        }
        givenUp = givenUp.started(third).failed(third, "Repair session timed out", NOW);
        RepairPlan.Step end = RepairPlan.next(SIX, ALL_OK, givenUp, GO, NOW.plus(Duration.ofHours(1)));
        assertThat(end).isInstanceOf(RepairPlan.Fail.class);
        assertThat(end.reason())
                .contains("1 segment(s) failed 3 times")
                .contains("ks.small 20:30 (Repair session timed out)");
    }

    @Test
    void aRetryThatSucceedsClearsTheFailureAndTheRepairCompletes() {
        RepairPlan.Table one = new RepairPlan.Table("ks.t", List.of(seg(0, 10, "a", "b")));
        RepairLedger.Running s = running("ks.t", 0, 10, "a", "b");
        RepairLedger ledger =
                RepairLedger.EMPTY.started(s).failed(s, "boom", NOW).succeeded(s, NOW, 1.0);
        assertThat(ledger.failures()).isEmpty();
        assertThat(RepairPlan.next(List.of(one), ALL_OK, ledger, GO, NOW)).isInstanceOf(RepairPlan.Complete.class);
    }

    @Test
    void suspendStartsNothingLetsRunningSessionsFinishThenIsSuspendedAndResumesWhereItStopped() {
        RepairPlan.Settings suspend = new RepairPlan.Settings(true, 20, 3, Duration.ofSeconds(30));
        RepairLedger.Running s = running("ks.small", 0, 10, "a", "b");
        RepairLedger ledger = RepairLedger.EMPTY.started(s);
        assertThat(RepairPlan.next(SIX, ALL_OK, ledger, suspend, NOW))
                .isInstanceOf(RepairPlan.Wait.class)
                .extracting(RepairPlan.Step::reason)
                .asString()
                .contains("suspending: 1 running session(s) finish first");
        ledger = ledger.succeeded(s, NOW, 1.0);
        assertThat(RepairPlan.next(SIX, ALL_OK, ledger, suspend, NOW)).isInstanceOf(RepairPlan.Suspended.class);
        RepairPlan.Step resumed = RepairPlan.next(SIX, ALL_OK, ledger, GO, NOW);
        assertThat(((RepairPlan.Start) resumed)
                        .launches().stream().map(l -> l.segment().spans().get(0).toString()))
                .containsExactly("10:20", "20:30", "40:50");
    }

    @Test
    void smallerTablesGoFirstWhenTheirReplicasAreFree() {
        List<RepairPlan.Table> two = List.of(
                new RepairPlan.Table("ks.small", List.of(seg(0, 10, "a", "b"))),
                new RepairPlan.Table("ks.big", List.of(seg(0, 10, "a", "b"), seg(10, 20, "c", "d"))));
        RepairPlan.Step step = RepairPlan.next(two, ALL_OK, RepairLedger.EMPTY, GO, NOW);
        assertThat(((RepairPlan.Start) step)
                        .launches().stream()
                                .map(l -> l.table() + " " + l.segment().name()))
                .containsExactly("ks.small 0:10", "ks.big 10:20");
    }

    @Test
    void aRepairOfEverythingAlreadyDoneCompletesAndOneOfNothingToo() {
        assertThat(RepairPlan.next(List.of(), ALL_OK, RepairLedger.EMPTY, GO, NOW))
                .isInstanceOf(RepairPlan.Complete.class);
    }

    private static RepairLedger.Running running(String table, long start, long end, String... replicas) {
        return new RepairLedger.Running(
                table, List.of(new TokenSpan(start, end)), List.of(replicas), replicas[0], "job", NOW, 1, null);
    }

    @Test
    void theNextDueMomentIsTheEarliestRestEndOrRetryStillAheadAndNothingWhenNothingWaitsOnTheClock() {
        assertThat(RepairPlan.nextDue(RepairLedger.EMPTY, GO, NOW)).isEmpty();
        RepairLedger ledger = new RepairLedger(
                Map.of(),
                List.of(),
                List.of(
                        new RepairLedger.Failure("ks.small", List.of(new TokenSpan(0, 10)), 2, "timeout", NOW),
                        new RepairLedger.Failure("ks.small", List.of(new TokenSpan(10, 20)), 3, "given up", NOW)),
                Map.of("a", NOW.plusSeconds(90), "b", NOW.minusSeconds(5)));
        // the retry after two attempts is due at 60 s, before a's rest ends; b rested already;
        // a segment given up (3 attempts) is never retried, so it wakes nobody
        assertThat(RepairPlan.nextDue(ledger, GO, NOW)).contains(NOW.plusSeconds(60));
        assertThat(RepairPlan.nextDue(ledger, GO, NOW.plusSeconds(60))).contains(NOW.plusSeconds(90));
        assertThat(RepairPlan.nextDue(ledger, GO, NOW.plusSeconds(90))).isEmpty();
    }
}
