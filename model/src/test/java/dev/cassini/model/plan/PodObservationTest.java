package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.model.ClusterNames;
import dev.cassini.model.DatacenterLayout;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.RackShape;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodObservationTest {
    private static Pod pod(String name, String rack) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of(
                        ClusterNames.LABEL_CLUSTER,
                        "demo",
                        ClusterNames.LABEL_DATACENTER,
                        "dc1",
                        ClusterNames.LABEL_RACK,
                        rack))
                .endMetadata()
                .build();
    }

    @Test
    void podsBeyondTheDesiredLayoutAreSurplusWithTheirRackAndOrdinal() {
        List<NodeSlot> desired = DatacenterLayout.slots(
                new ClusterNames("demo"),
                "dc1",
                3,
                List.of(
                        new RackShape("r1", null, null),
                        new RackShape("r2", null, null),
                        new RackShape("r3", null, null)));
        Map<String, Pod> pods = new HashMap<>();
        for (String name : List.of("demo-dc1-r1-0", "demo-dc1-r2-0", "demo-dc1-r3-0")) {
            pods.put(name, pod(name, name.substring(9, 11)));
        }
        pods.put("demo-dc1-r1-1", pod("demo-dc1-r1-1", "r1"));
        pods.put("demo-dc1-r2-1", pod("demo-dc1-r2-1", "r2"));
        assertThat(PodObservation.surplusSlots(pods, desired))
                .containsExactly(
                        new NodeSlot("dc1", "r1", 1, "demo-dc1-r1-1", -1),
                        new NodeSlot("dc1", "r2", 1, "demo-dc1-r2-1", -1));
    }

    @Test
    void onlyARunningPodThatIsNotBeingDeletedHasAnAddressToCall() {
        Pod running = new PodBuilder(pod("demo-dc1-r1-0", "r1"))
                .withNewStatus()
                .withPhase("Running")
                .withPodIP("10.0.0.1")
                .endStatus()
                .build();
        assertThat(PodObservation.address(running)).contains("10.0.0.1");
        assertThat(PodObservation.address(new PodBuilder(running)
                        .editStatus()
                        .withPhase("Pending")
                        .endStatus()
                        .build()))
                .isEmpty();
        assertThat(PodObservation.address(new PodBuilder(running)
                        .editMetadata()
                        .withDeletionTimestamp("2026-12-01T00:00:00Z")
                        .endMetadata()
                        .build()))
                .isEmpty();
        assertThat(PodObservation.address(null)).isEmpty();
    }

    @Test
    void aPodIsOutdatedWhenItsRevisionIsNotItsStatefulSetsLatest() {
        Pod pod = new PodBuilder(pod("demo-dc1-r1-0", "r1"))
                .editMetadata()
                .addToLabels("controller-revision-hash", "rev-1")
                .endMetadata()
                .build();
        assertThat(PodObservation.outdated(pod, "rev-2")).isTrue();
        assertThat(PodObservation.outdated(pod, "rev-1")).isFalse();
        assertThat(PodObservation.outdated(pod, null)).isFalse();
    }
}
