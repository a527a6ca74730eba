package dev.cassini.model.migration;

import static dev.cassini.model.migration.RebuildPlan.State.FAILED;
import static dev.cassini.model.migration.RebuildPlan.State.LOST;
import static dev.cassini.model.migration.RebuildPlan.State.NOT_STARTED;
import static dev.cassini.model.migration.RebuildPlan.State.RUNNING;
import static dev.cassini.model.migration.RebuildPlan.State.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RebuildPlanTest {
    private static final long GIB = 1L << 30;

    private static RebuildPlan.Node node(String pod, String rack, RebuildPlan.State state) {
        return new RebuildPlan.Node(pod, rack, state, state == FAILED ? "stream failed" : "", 100 * GIB, 10 * GIB);
    }

    @Test
    void oneNodePerRackStartsAtOnce() {
        RebuildPlan.Step step = RebuildPlan.next(
                List.of(
                        node("r1-0", "r1", NOT_STARTED),
                        node("r1-1", "r1", NOT_STARTED),
                        node("r2-0", "r2", NOT_STARTED),
                        node("r3-0", "r3", NOT_STARTED)),
                "legacy",
                0);

        assertThat(step)
                .isEqualTo(new RebuildPlan.Start(
                        List.of("r1-0", "r2-0", "r3-0"), "rebuilding r1-0, r2-0," + " r3-0 from legacy"));
    }

    @Test
    void aRackWithARunningRebuildStartsNoOtherAndALimitCapsTheRest() {
        List<RebuildPlan.Node> nodes = List.of(
                node("r1-0", "r1", RUNNING),
                node("r1-1", "r1", NOT_STARTED),
                node("r2-0", "r2", NOT_STARTED),
                node("r3-0", "r3", NOT_STARTED));

        assertThat(RebuildPlan.next(nodes, "legacy", 0))
                .isEqualTo(new RebuildPlan.Start(List.of("r2-0", "r3-0"), "rebuilding r2-0, r3-0 from legacy"));
        assertThat(RebuildPlan.next(nodes, "legacy", 2))
                .isEqualTo(new RebuildPlan.Start(List.of("r2-0"), "rebuilding r2-0 from legacy"));
        assertThat(RebuildPlan.next(nodes, "legacy", 1)).isInstanceOf(RebuildPlan.Wait.class);
    }

    @Test
    void aLostRebuildStartsAgain() {
        assertThat(RebuildPlan.next(List.of(node("r1-0", "r1", LOST), node("r2-0", "r2", SUCCEEDED)), "legacy", 0))
                .isEqualTo(new RebuildPlan.Start(List.of("r1-0"), "rebuilding r1-0 from legacy"));
    }

    @Test
    void aNodeShortOfDiskRefusesWithItsFiguresAndNothingStarts() {
        RebuildPlan.Step step = RebuildPlan.next(
                List.of(
                        new RebuildPlan.Node("r1-0", "r1", NOT_STARTED, "", 5 * GIB, 10 * GIB),
                        node("r2-0", "r2", NOT_STARTED)),
                "legacy",
                0);

        assertThat(step)
                .isEqualTo(new RebuildPlan.Refuse("not enough disk to rebuild from legacy: r1-0 needs 10.0 GiB and has"
                        + " 5.0 GiB free. A rebuild writes what it streams before compacting it; grow the datacenter's"
                        + " storage (spec.datacenters[].storage.size)"));
    }

    @Test
    void aNodeWhoseDiskIsNotKnownYetWaits() {
        assertThat(RebuildPlan.next(
                        List.of(new RebuildPlan.Node("r1-0", "r1", NOT_STARTED, "", null, GIB)), "legacy", 0))
                .isInstanceOf(RebuildPlan.Wait.class);
    }

    @Test
    void aFailedRebuildFailsAndEveryNodeRebuiltMeansClientsMaySwitch() {
        assertThat(RebuildPlan.next(List.of(node("r1-0", "r1", FAILED), node("r2-0", "r2", RUNNING)), "legacy", 0))
                .isInstanceOf(RebuildPlan.Fail.class)
                .extracting(RebuildPlan.Step::reason)
                .asString()
                .contains("r1-0 (stream failed)");
        assertThat(RebuildPlan.next(List.of(node("r1-0", "r1", SUCCEEDED), node("r2-0", "r2", SUCCEEDED)), "legacy", 0))
                .isEqualTo(new RebuildPlan.Rebuilt(
                        "every node of the datacenter rebuilt from legacy (2 nodes): clients may switch to it"));
    }

    @Test
    void noNodeYetWaits() {
        assertThat(RebuildPlan.next(List.of(), "legacy", 0)).isInstanceOf(RebuildPlan.Wait.class);
    }
}
