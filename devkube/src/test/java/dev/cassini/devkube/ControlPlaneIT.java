package dev.cassini.devkube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.devkube.image.ImageLauncherRegistry;
import dev.cassini.devkube.kubelet.DevNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDevKube.class)
class ControlPlaneIT {
    private final DevKube kube = SharedDevKube.instance();

    @Test
    void apiServerReportsThePinnedVersion() {
        assertThat(kube.client().getKubernetesVersion().getGitVersion()).isEqualTo("v" + KubeVersion.PINNED);
    }

    @Test
    void controlPlaneMemoryIsReported() throws Exception {
        long totalKib = 0;
        for (var process : kube.controlPlane().processes()) {
            long kib = java.nio.file.Files.readAllLines(
                            java.nio.file.Path.of("/proc", String.valueOf(process.pid()), "status"))
                    .stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                    .sum();
            System.out.println("MEASURE RSS " + process.name() + ": " + kib / 1024 + " MiB");
            totalKib += kib;
        }
        System.out.println(
                "MEASURE control plane RSS total: " + totalKib / 1024 + " MiB; control plane start to healthy: "
                        + kube.controlPlaneStartup().toMillis() + " ms");
        assertThat(totalKib).isPositive();
    }

    @Test
    void everyNodeIsReadyWithItsZoneLabel() {
        List<Node> nodes = kube.client().nodes().list().getItems();
        assertThat(nodes).hasSize(6);
        assertThat(nodes).allSatisfy(node -> {
            assertThat(node.getMetadata().getLabels()).containsKeys(DevNode.ZONE_LABEL, DevNode.HOSTNAME_LABEL);
            assertThat(node.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Ready");
                assertThat(c.getStatus()).isEqualTo("True");
            });
        });
        assertThat(nodes)
                .extracting(n -> n.getMetadata().getLabels().get(DevNode.ZONE_LABEL))
                .containsExactlyInAnyOrder("zone-a", "zone-a", "zone-b", "zone-b", "zone-c", "zone-c");
    }

    @Test
    void aTrivialPodBecomesReadyOnItsOwnLoopbackAddress() {
        try (TestNamespace ns = new TestNamespace(kube, "trivial")) {
            long t0 = System.nanoTime();
            ns.client()
                    .pods()
                    .inNamespace(ns.name())
                    .resource(testServerPod("hello"))
                    .create();
            TestNamespace.await(Duration.ofSeconds(60), () -> Readiness.isPodReady(ns.pod("hello")));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("MEASURE trivial pod create->Ready: " + millis + " ms");
            Pod pod = ns.pod("hello");
            assertThat(pod.getStatus().getPodIP()).startsWith("127.").isNotEqualTo("127.0.0.1");
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        }
    }

    static Pod testServerPod(String name) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("app", name))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("server")
                .withImage(ImageLauncherRegistry.TEST_SERVER_IMAGE)
                .addNewPort()
                .withName("http")
                .withContainerPort(8080)
                .endPort()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/ready")
                .withNewPort("http")
                .endHttpGet()
                .withPeriodSeconds(1)
                .endReadinessProbe()
                .endContainer()
                .endSpec()
                .build();
    }
}
