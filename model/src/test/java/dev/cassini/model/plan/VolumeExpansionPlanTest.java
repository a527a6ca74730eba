package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.model.NodeSlot;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumeExpansionPlanTest {
    private static final Quantity GROWN = new Quantity("2Gi");
    private static final List<String> SEEDS = List.of("10.0.0.1");

    private static VolumeClaimObservation claim(int rack, String requested, String capacity, VolumeResize resize) {
        return new VolumeClaimObservation(
                "data-demo-dc1-r" + rack + "-0",
                "demo-dc1-r" + rack,
                "devkube-local",
                new Quantity(requested),
                capacity == null ? null : new Quantity(capacity),
                resize,
                resize == VolumeResize.FAILED ? "ControllerResizeError: disk quota exceeded" : null);
    }

    private static RackVolumes rack(int rack, String template) {
        return template == null
                ? RackVolumes.absent("demo-dc1-r" + rack, "r" + rack)
                : new RackVolumes(
                        "demo-dc1-r" + rack,
                        "r" + rack,
                        new Quantity(template),
                        null,
                        false,
                        "uid-r" + rack + "-" + template,
                        List.of());
    }

    private static DatacenterStorage dc(
            Optional<Boolean> allowed, List<RackVolumes> racks, List<VolumeClaimObservation> claims) {
        return new DatacenterStorage("dc1", GROWN, null, racks, claims, allowed);
    }

    /** Three racks of one node each, every node NORMAL, plus the given storage. */
    private static ObservedCluster cluster(DatacenterStorage storage, List<ObservedNode> surplus, NodeState state) {
        List<ObservedNode> nodes = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            nodes.add(new ObservedNode(
                    new NodeSlot("dc1", "r" + r, 0, "demo-dc1-r" + r + "-0", r - 1),
                    Optional.of("10.0.0." + r),
                    Optional.of(new AgentView(state, "host-" + r, true, SEEDS, PlannerTest.ROOMY))));
        }
        return ObservedCluster.builder()
                .nodes(nodes)
                .desiredSeeds(SEEDS)
                .authInitialized(true)
                .surplus(surplus)
                .storage(List.of(storage))
                .build();
    }

    private static ObservedCluster cluster(DatacenterStorage storage) {
        return cluster(storage, List.of(), NodeState.NORMAL);
    }

    /** Every claim at the new size (one in other units). */
    private static final List<VolumeClaimObservation> GROWN_CLAIMS = List.of(
            claim(1, "2Gi", "2Gi", VolumeResize.NONE),
            claim(2, "2Gi", "2Gi", VolumeResize.NONE),
            claim(3, "2Gi", "2048Mi", VolumeResize.NONE));

    private static final List<RackVolumes> OLD_TEMPLATES = List.of(rack(1, "1Gi"), rack(2, "1Gi"), rack(3, "1Gi"));

    @Test
    void everyClaimBelowTheNewSizeAsksForItAtOnce() {
        var storage = dc(
                Optional.of(true),
                OLD_TEMPLATES,
                List.of(
                        claim(1, "1Gi", "1Gi", VolumeResize.NONE),
                        claim(2, "2Gi", "1Gi", VolumeResize.CONTROLLER_RESIZING),
                        claim(3, "1024Mi", "1Gi", VolumeResize.NONE)));

        Action action = Planner.next(cluster(storage));

        assertThat(action).isInstanceOfSatisfying(Action.ExpandVolumes.class, a -> {
            assertThat(a.claims()).containsExactly("data-demo-dc1-r1-0", "data-demo-dc1-r3-0");
            assertThat(a.size()).isEqualTo("2Gi");
            assertThat(a.reason()).contains("datacenter dc1 to 2Gi");
        });
        assertThat(VolumeExpansionPlan.problems(cluster(storage))).isEmpty();
    }

    @Test
    void itWaitsForEachResizeAndSaysWhichHalfIsLeft() {
        var storage = dc(
                Optional.of(true),
                OLD_TEMPLATES,
                List.of(
                        claim(1, "2Gi", "2Gi", VolumeResize.NONE),
                        claim(2, "2Gi", "1Gi", VolumeResize.CONTROLLER_RESIZING),
                        claim(3, "2Gi", "1Gi", VolumeResize.NODE_RESIZE_PENDING)));

        assertThat(Planner.next(cluster(storage)))
                .isInstanceOfSatisfying(
                        Action.Wait.class,
                        a -> assertThat(a.reason())
                                .contains("(1 of 3 done)")
                                .contains("data-demo-dc1-r2-0 (the storage driver is growing the volume)")
                                .contains(
                                        "data-demo-dc1-r3-0 (the volume grew; waiting for the kubelet to grow the filesystem)"));
    }

    @Test
    void onceEveryClaimHasGrownEachStatefulSetIsRecreatedInTurn() {
        List<VolumeClaimObservation> grown = GROWN_CLAIMS;

        Action first = Planner.next(cluster(dc(Optional.of(true), OLD_TEMPLATES, grown)));
        assertThat(first).isInstanceOfSatisfying(Action.RecreateStatefulSet.class, a -> {
            assertThat(a.statefulSet()).isEqualTo("demo-dc1-r1");
            assertThat(a.uid()).as("only the StatefulSet observed").isEqualTo("uid-r1-1Gi");
        });

        // r1 is being deleted: wait for it to be gone, the apply then creates it anew.
        var deleting = List.of(
                new RackVolumes("demo-dc1-r1", "r1", new Quantity("1Gi"), null, true, "uid-r1-1Gi", List.of()),
                rack(2, "1Gi"),
                rack(3, "1Gi"));
        assertThat(Planner.next(cluster(dc(Optional.of(true), deleting, grown))))
                .isInstanceOfSatisfying(
                        Action.Wait.class, a -> assertThat(a.reason()).contains("re-creating StatefulSet demo-dc1-r1"));

        // r1 exists anew: the next rack waits until it has adopted its running pod.
        var adopting = List.of(
                new RackVolumes("demo-dc1-r1", "r1", GROWN, null, false, "uid-new", List.of("demo-dc1-r1-0")),
                rack(2, "1Gi"),
                rack(3, "1Gi"));
        assertThat(Planner.next(cluster(dc(Optional.of(true), adopting, grown))))
                .isInstanceOfSatisfying(
                        Action.Wait.class,
                        a -> assertThat(a.reason())
                                .isEqualTo(
                                        "StatefulSet demo-dc1-r1 is adopting its running pods demo-dc1-r1-0 (nothing restarts)"));

        var firstDone = List.of(rack(1, "2Gi"), rack(2, "1Gi"), rack(3, "1Gi"));
        assertThat(Planner.next(cluster(dc(Optional.of(true), firstDone, grown))))
                .isInstanceOfSatisfying(
                        Action.RecreateStatefulSet.class,
                        a -> assertThat(a.statefulSet()).isEqualTo("demo-dc1-r2"));

        // Not converged while the last one re-created has not adopted its pod yet.
        var lastAdopting = List.of(
                rack(1, "2Gi"),
                rack(2, "2Gi"),
                new RackVolumes("demo-dc1-r3", "r3", GROWN, null, false, "uid-new", List.of("demo-dc1-r3-0")));
        assertThat(Planner.next(cluster(dc(Optional.of(true), lastAdopting, grown))))
                .isInstanceOf(Action.Wait.class);

        var allDone = List.of(rack(1, "2Gi"), rack(2, "2Gi"), rack(3, "2Gi"));
        assertThat(Planner.next(cluster(dc(Optional.of(true), allDone, grown)))).isInstanceOf(Action.Converged.class);
    }

    @Test
    void aStatefulSetNotYetRecreatedIsLeftToTheApply() {
        var absent = List.of(rack(1, null), rack(2, "2Gi"), rack(3, "2Gi"));
        List<VolumeClaimObservation> grown = GROWN_CLAIMS;
        assertThat(VolumeExpansionPlan.next(cluster(dc(Optional.of(true), absent, grown))))
                .isEmpty();
    }

    @Test
    void aRackWithANodeStillToDecommissionKeepsItsStatefulSet() {
        // Re-created from the spec, the StatefulSet would have fewer replicas than pods and delete one
        // undecommissioned.
        List<VolumeClaimObservation> grown = GROWN_CLAIMS;
        ObservedNode leaving = new ObservedNode(
                new NodeSlot("dc1", "r1", 1, "demo-dc1-r1-1", 3), Optional.of("10.0.0.9"), Optional.empty());

        assertThat(VolumeExpansionPlan.next(
                        cluster(dc(Optional.of(true), OLD_TEMPLATES, grown), List.of(leaving), NodeState.NORMAL)))
                .hasValueSatisfying(a -> assertThat(a)
                        .isInstanceOfSatisfying(
                                Action.RecreateStatefulSet.class,
                                r -> assertThat(r.statefulSet()).isEqualTo("demo-dc1-r2")));
    }

    @Test
    void aClassChangeIsNotSmuggledInByRecreating() {
        List<VolumeClaimObservation> grown = List.of(claim(1, "2Gi", "2Gi", VolumeResize.NONE));
        var storage = new DatacenterStorage(
                "dc1",
                GROWN,
                "fast",
                List.of(new RackVolumes(
                        "demo-dc1-r1", "r1", new Quantity("1Gi"), "standard", false, "uid-r1", List.of())),
                grown,
                Optional.of(true));
        assertThat(VolumeExpansionPlan.next(cluster(storage))).isEmpty();
    }

    @Test
    void volumesGrowFirstEvenWhileANodeIsDown() {
        // A node whose disk filled up has stopped; it needs the space before anything else helps.
        var storage = dc(Optional.of(true), OLD_TEMPLATES, List.of(claim(1, "1Gi", "1Gi", VolumeResize.NONE)));
        ObservedCluster down = cluster(storage, List.of(), NodeState.STOPPED);
        assertThat(Planner.next(down)).isInstanceOf(Action.ExpandVolumes.class);
    }

    @Test
    void aClassThatForbidsExpansionIsRefusedAndEverythingElseGoesOn() {
        var storage = dc(
                Optional.of(false),
                OLD_TEMPLATES,
                List.of(claim(1, "1Gi", "1Gi", VolumeResize.NONE), claim(2, "1Gi", "1Gi", VolumeResize.NONE)));

        assertThat(VolumeExpansionPlan.next(cluster(storage))).isEmpty();
        assertThat(Planner.next(cluster(storage))).isInstanceOf(Action.Converged.class);
        assertThat(VolumeExpansionPlan.problems(cluster(storage)))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.reason()).isEqualTo("StorageExpansionRefused");
                    assertThat(p.message())
                            .startsWith(
                                    "datacenter dc1 asks for 2Gi volumes (they have 1Gi), but StorageClass devkube-local "
                                            + "does not allow volume expansion")
                            .contains("every other change still applies")
                            .contains("kubectl patch storageclass devkube-local -p '{\"allowVolumeExpansion\": true}'");
                });
    }

    @Test
    void anUnknownClassIsRefusedWithWhatToCreate() {
        var storage = dc(Optional.empty(), OLD_TEMPLATES, List.of(claim(1, "1Gi", "1Gi", VolumeResize.NONE)));
        assertThat(VolumeExpansionPlan.problems(cluster(storage)))
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .contains("StorageClass devkube-local of its volume claims does not exist")
                        .contains("Create StorageClass devkube-local with allowVolumeExpansion: true"));
    }

    @Test
    void aFailedResizeIsReportedAndNotWaitedFor() {
        var storage = dc(
                Optional.of(true),
                OLD_TEMPLATES,
                List.of(
                        claim(1, "2Gi", "2Gi", VolumeResize.NONE),
                        claim(2, "2Gi", "1Gi", VolumeResize.FAILED),
                        claim(3, "2Gi", "2Gi", VolumeResize.NONE)));

        assertThat(Planner.next(cluster(storage))).isInstanceOf(Action.Converged.class);
        assertThat(VolumeExpansionPlan.problems(cluster(storage)))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.reason()).isEqualTo("StorageExpansionFailed");
                    assertThat(p.message())
                            .contains("data-demo-dc1-r2-0 (ControllerResizeError: disk quota exceeded)")
                            .contains("The nodes keep running");
                });
    }

    @Test
    void aNewNodesUnboundClaimIsProvisionedNotGrown() {
        var storage = dc(
                Optional.of(true),
                List.of(rack(1, "2Gi"), rack(2, "2Gi"), rack(3, "2Gi")),
                List.of(
                        claim(1, "2Gi", null, VolumeResize.NONE),
                        claim(2, "2Gi", "2Gi", VolumeResize.NONE),
                        claim(3, "2Gi", null, VolumeResize.NONE)));
        assertThat(VolumeExpansionPlan.next(cluster(storage))).isEmpty();
    }

    @Test
    void volumesAlreadyAtTheSizeAskNothing() {
        var storage = new DatacenterStorage(
                "dc1",
                new Quantity("1Gi"),
                null,
                OLD_TEMPLATES,
                List.of(claim(1, "1Gi", "1Gi", VolumeResize.NONE)),
                Optional.of(false));
        assertThat(VolumeExpansionPlan.next(cluster(storage))).isEmpty();
        assertThat(VolumeExpansionPlan.problems(cluster(storage))).isEmpty();
    }
}
