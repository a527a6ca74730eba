package dev.cassini.devkube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.devkube.image.ImageLauncherRegistry;
import dev.cassini.devkube.kubelet.LocalVolumeProvisioner;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real StatefulSet controller, scheduler and PV binder driving the process kubelet. */
@ExtendWith(SharedDevKube.class)
class StatefulSetIT {
    private final DevKube kube = SharedDevKube.instance();

    @Test
    void podsStartInOrderBecomeReadyAndKeepTheirVolumeAcrossDeletion() {
        try (TestNamespace ns = new TestNamespace(kube, "sts")) {
            ns.client()
                    .apps()
                    .statefulSets()
                    .inNamespace(ns.name())
                    .resource(statefulSet("web", 3))
                    .create();
            TestNamespace.await(Duration.ofSeconds(120), () -> readyPods(ns, "web") == 3);

            List<Pod> pods = ns.client()
                    .pods()
                    .inNamespace(ns.name())
                    .withLabel("app", "web")
                    .list()
                    .getItems();
            assertThat(pods)
                    .extracting(p -> p.getStatus().getPodIP())
                    .doesNotHaveDuplicates()
                    .allMatch(ip -> ip.startsWith("127."));
            // OrderedReady: each pod was created only once its predecessor was Ready
            List<Pod> ordered = pods.stream()
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                    .toList();
            for (int i = 1; i < ordered.size(); i++) {
                Instant created = Instant.parse(ordered.get(i).getMetadata().getCreationTimestamp());
                Instant predecessorReady = Instant.parse(ordered.get(i - 1).getStatus().getConditions().stream()
                        .filter(c -> c.getType().equals("Ready"))
                        .findFirst()
                        .orElseThrow()
                        .getLastTransitionTime());
                assertThat(created)
                        .as(
                                "%s created after %s was Ready",
                                ordered.get(i).getMetadata().getName(),
                                ordered.get(i - 1).getMetadata().getName())
                        .isAfterOrEqualTo(predecessorReady);
            }
            assertThat(ns.client()
                            .persistentVolumeClaims()
                            .inNamespace(ns.name())
                            .list()
                            .getItems())
                    .hasSize(3)
                    .allSatisfy(c -> assertThat(c.getStatus().getPhase()).isEqualTo("Bound"));

            Pod first = ns.pod("web-0");
            String oldIp = first.getStatus().getPodIP();
            String oldUid = first.getMetadata().getUid();
            assertThat(TestHttp.get(oldIp, 8080, "/write?path=/data/marker&content=written-by-web-0")
                            .statusCode())
                    .isEqualTo(200);

            ns.client().pods().inNamespace(ns.name()).withName("web-0").delete();
            TestNamespace.await(Duration.ofSeconds(90), () -> {
                Pod p = ns.pod("web-0");
                return p != null && !p.getMetadata().getUid().equals(oldUid) && Readiness.isPodReady(p);
            });
            Pod again = ns.pod("web-0");
            assertThat(again.getStatus().getPodIP()).isNotEqualTo(oldIp);
            assertThat(TestHttp.get(again.getStatus().getPodIP(), 8080, "/read?path=/data/marker")
                            .body()
                            .trim())
                    .isEqualTo("written-by-web-0");

            // A claim of a running pod grows online: the volume first, then the kubelet's filesystem half.
            grow(ns, "data-web-0", "2Gi");
            TestNamespace.await(Duration.ofSeconds(30), () -> {
                PersistentVolumeClaim grown = claim(ns, "data-web-0");
                return new Quantity("2Gi")
                                .equals(grown.getStatus().getCapacity().get("storage"))
                        && grown.getStatus().getConditions().stream()
                                .noneMatch(c -> c.getType().equals("FileSystemResizePending"));
            });
            PersistentVolumeClaim grown = claim(ns, "data-web-0");
            assertThat(ns.client()
                            .persistentVolumes()
                            .withName(grown.getSpec().getVolumeName())
                            .get()
                            .getSpec()
                            .getCapacity()
                            .get("storage"))
                    .isEqualTo(new Quantity("2Gi"));
            assertThat(ns.pod("web-0").getMetadata().getUid())
                    .as("growing the volume restarts nothing")
                    .isEqualTo(again.getMetadata().getUid());
        }
    }

    @Test
    void theDefaultStorageClassProvisionsADirectoryAndDeletesItWithTheClaim() {
        try (TestNamespace ns = new TestNamespace(kube, "pvc")) {
            PersistentVolumeClaim claim = new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                    .withNewMetadata()
                    .withName("scratch")
                    .endMetadata()
                    .withNewSpec()
                    .withAccessModes("ReadWriteOnce")
                    .withNewResources()
                    .withRequests(Map.of("storage", new Quantity("2Gi")))
                    .endResources()
                    .endSpec()
                    .build();
            ns.client()
                    .persistentVolumeClaims()
                    .inNamespace(ns.name())
                    .resource(claim)
                    .create();
            TestNamespace.await(
                    Duration.ofSeconds(30),
                    () -> "Bound"
                            .equals(ns.client()
                                    .persistentVolumeClaims()
                                    .inNamespace(ns.name())
                                    .withName("scratch")
                                    .get()
                                    .getStatus()
                                    .getPhase()));
            PersistentVolumeClaim bound = ns.client()
                    .persistentVolumeClaims()
                    .inNamespace(ns.name())
                    .withName("scratch")
                    .get();
            assertThat(bound.getSpec().getStorageClassName()).isEqualTo(LocalVolumeProvisioner.STORAGE_CLASS);
            var volume = ns.client()
                    .persistentVolumes()
                    .withName(bound.getSpec().getVolumeName())
                    .get();
            assertThat(volume.getSpec().getCapacity().get("storage")).isEqualTo(new Quantity("2Gi"));
            java.nio.file.Path dir =
                    java.nio.file.Path.of(volume.getSpec().getHostPath().getPath());
            assertThat(dir).isDirectory();

            // No pod mounts it: the volume grows, and the claim waits for a kubelet to grow its filesystem.
            grow(ns, "scratch", "3Gi");
            TestNamespace.await(
                    Duration.ofSeconds(30),
                    () -> claim(ns, "scratch").getStatus().getConditions().stream()
                            .anyMatch(c -> c.getType().equals("FileSystemResizePending")));
            assertThat(ns.client()
                            .persistentVolumes()
                            .withName(volume.getMetadata().getName())
                            .get()
                            .getSpec()
                            .getCapacity()
                            .get("storage"))
                    .isEqualTo(new Quantity("3Gi"));
            assertThat(claim(ns, "scratch").getStatus().getCapacity().get("storage"))
                    .isEqualTo(new Quantity("2Gi"));

            ns.client()
                    .persistentVolumeClaims()
                    .inNamespace(ns.name())
                    .withName("scratch")
                    .delete();
            TestNamespace.await(
                    Duration.ofSeconds(30),
                    () -> ns.client()
                                    .persistentVolumes()
                                    .withName(volume.getMetadata().getName())
                                    .get()
                            == null);
            assertThat(dir).doesNotExist();
        }
    }

    private static PersistentVolumeClaim claim(TestNamespace ns, String name) {
        return ns.client()
                .persistentVolumeClaims()
                .inNamespace(ns.name())
                .withName(name)
                .get();
    }

    private static void grow(TestNamespace ns, String claim, String size) {
        ns.client()
                .persistentVolumeClaims()
                .inNamespace(ns.name())
                .withName(claim)
                .edit(c -> {
                    c.getSpec().getResources().getRequests().put("storage", new Quantity(size));
                    return c;
                });
    }

    private static long readyPods(TestNamespace ns, String app) {
        return ns.client().pods().inNamespace(ns.name()).withLabel("app", app).list().getItems().stream()
                .filter(Readiness::isPodReady)
                .count();
    }

    static StatefulSet statefulSet(String name, int replicas) {
        PersistentVolumeClaim template = new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("data")
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .withRequests(Map.of("storage", new Quantity("1Gi")))
                .endResources()
                .endSpec()
                .build();
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(name)
                .withNewSelector()
                .withMatchLabels(Map.of("app", name))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", name))
                .endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(5L)
                .addNewContainer()
                .withName("server")
                .withImage(ImageLauncherRegistry.TEST_SERVER_IMAGE)
                .addNewPort()
                .withName("http")
                .withContainerPort(8080)
                .endPort()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/data")
                .endVolumeMount()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/ready")
                .withNewPort("http")
                .endHttpGet()
                .withPeriodSeconds(1)
                .endReadinessProbe()
                .withNewLivenessProbe()
                .withNewTcpSocket()
                .withNewPort(8080)
                .endTcpSocket()
                .withInitialDelaySeconds(5)
                .withPeriodSeconds(2)
                .endLivenessProbe()
                .endContainer()
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(template)
                .endSpec()
                .build();
    }
}
