package dev.cassini.devkube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.devkube.image.ImageLauncherRegistry;
import dev.cassini.devkube.kubelet.DevNode;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real kube-scheduler placing pods on devkube's zoned nodes. */
@ExtendWith(SharedDevKube.class)
class SchedulingIT {
    private final DevKube kube = SharedDevKube.instance();

    @Test
    void zoneAffinityAndHostAntiAffinityAreHonouredAndTheSurplusPodStaysPending() {
        try (TestNamespace ns = new TestNamespace(kube, "sched")) {
            // Two nodes in zone-b, so two pods fit there with one pod per host; the third cannot.
            List<String> names =
                    IntStream.range(0, 3).mapToObj(i -> "rack-b-" + i).toList();
            for (String name : names) {
                ns.client()
                        .pods()
                        .inNamespace(ns.name())
                        .resource(pinnedPod(name, "zone-b"))
                        .create();
            }
            TestNamespace.await(
                    Duration.ofSeconds(60),
                    () -> names.stream()
                                    .map(ns::pod)
                                    .filter(p -> Readiness.isPodReady(p))
                                    .count()
                            == 2);
            TestNamespace.await(
                    Duration.ofSeconds(30), () -> names.stream().map(ns::pod).anyMatch(SchedulingIT::unschedulable));

            List<Pod> pods = names.stream().map(ns::pod).toList();
            List<Pod> placed =
                    pods.stream().filter(p -> p.getSpec().getNodeName() != null).toList();
            assertThat(placed).hasSize(2);
            assertThat(placed)
                    .extracting(p -> kube.client()
                            .nodes()
                            .withName(p.getSpec().getNodeName())
                            .get()
                            .getMetadata()
                            .getLabels()
                            .get(DevNode.ZONE_LABEL))
                    .containsOnly("zone-b");
            assertThat(placed).extracting(p -> p.getSpec().getNodeName()).doesNotHaveDuplicates();

            Pod pending = pods.stream()
                    .filter(p -> p.getSpec().getNodeName() == null)
                    .findFirst()
                    .orElseThrow();
            assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
            assertThat(pending.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("PodScheduled");
                assertThat(c.getReason()).isEqualTo("Unschedulable");
                assertThat(c.getMessage()).contains("0/6 nodes are available").contains("anti-affinity");
            });
        }
    }

    private static boolean unschedulable(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason()));
    }

    private static Pod pinnedPod(String name, String zone) {
        Affinity affinity = new AffinityBuilder()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .addNewMatchExpression()
                .withKey(DevNode.ZONE_LABEL)
                .withOperator("In")
                .withValues(zone)
                .endMatchExpression()
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .withNewPodAntiAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withTopologyKey(DevNode.HOSTNAME_LABEL)
                .withNewLabelSelector()
                .withMatchLabels(Map.of("rack", zone))
                .endLabelSelector()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build();
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("rack", zone))
                .endMetadata()
                .withNewSpec()
                .withAffinity(affinity)
                .withTerminationGracePeriodSeconds(5L)
                .addNewContainer()
                .withName("server")
                .withImage(ImageLauncherRegistry.TEST_SERVER_IMAGE)
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withNewPort(8080)
                .endTcpSocket()
                .withPeriodSeconds(1)
                .endReadinessProbe()
                .endContainer()
                .endSpec()
                .build();
    }
}
