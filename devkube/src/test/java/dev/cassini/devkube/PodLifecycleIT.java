package dev.cassini.devkube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.devkube.image.ImageLauncherRegistry;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the process kubelet does with a pod over its life: env, volumes, probes, restarts, termination. */
@ExtendWith(SharedDevKube.class)
class PodLifecycleIT {
    private final DevKube kube = SharedDevKube.instance();

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGracePeriod() {
        try (TestNamespace ns = new TestNamespace(kube, "sigterm")) {
            Pod pod = new PodBuilder(ControlPlaneIT.testServerPod("stubborn"))
                    .editSpec()
                    .withTerminationGracePeriodSeconds(3L)
                    .editFirstContainer()
                    .addNewEnv()
                    .withName("IGNORE_SIGTERM")
                    .withValue("true")
                    .endEnv()
                    .endContainer()
                    .endSpec()
                    .build();
            ns.client().pods().inNamespace(ns.name()).resource(pod).create();
            TestNamespace.await(Duration.ofSeconds(60), () -> Readiness.isPodReady(ns.pod("stubborn")));
            long pid = Long.parseLong(ns.pod("stubborn")
                    .getStatus()
                    .getContainerStatuses()
                    .get(0)
                    .getContainerID()
                    .replace("devkube://", ""));
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow();

            long t0 = System.nanoTime();
            ns.client().pods().inNamespace(ns.name()).withName("stubborn").delete();
            TestNamespace.await(Duration.ofSeconds(30), () -> ns.pod("stubborn") == null);
            double seconds = (System.nanoTime() - t0) / 1e9;

            assertThat(process.isAlive()).isFalse();
            assertThat(seconds)
                    .as("the pod went away only after its 3 s grace period")
                    .isGreaterThanOrEqualTo(2.9);
            Path log = kube.stateDirectory()
                    .resolve("pods")
                    .toFile()
                    .listFiles(f -> f.getName().startsWith(ns.name() + "_stubborn_"))[0]
                    .toPath()
                    .resolve("logs/server.log");
            assertThat(log).content().contains("ignoring SIGTERM");
        }
    }

    @Test
    void aPreStopHookRunsBeforeSigterm() {
        try (TestNamespace ns = new TestNamespace(kube, "prestop")) {
            Pod pod = new PodBuilder(ControlPlaneIT.testServerPod("hooked"))
                    .editSpec()
                    .addNewVolume()
                    .withName("scratch")
                    .withNewEmptyDir()
                    .endEmptyDir()
                    .endVolume()
                    .editFirstContainer()
                    .addNewVolumeMount()
                    .withName("scratch")
                    .withMountPath("/scratch")
                    .endVolumeMount()
                    .withNewLifecycle()
                    .withNewPreStop()
                    .withNewHttpGet()
                    .withPath("/write?path=/scratch/prestop&content=hook-ran")
                    .withNewPort(8080)
                    .endHttpGet()
                    .endPreStop()
                    .endLifecycle()
                    .endContainer()
                    .endSpec()
                    .build();
            ns.client().pods().inNamespace(ns.name()).resource(pod).create();
            TestNamespace.await(Duration.ofSeconds(60), () -> Readiness.isPodReady(ns.pod("hooked")));
            String uid = ns.pod("hooked").getMetadata().getUid();

            ns.client().pods().inNamespace(ns.name()).withName("hooked").delete();
            TestNamespace.await(Duration.ofSeconds(30), () -> ns.pod("hooked") == null);
            assertThat(kube.stateDirectory()
                            .resolve("pods")
                            .resolve(ns.name() + "_hooked_" + uid)
                            .resolve("volumes/scratch/prestop"))
                    .hasContent("hook-ran");
        }
    }

    @Test
    void environmentComesFromEnvEnvFromAndTheDownwardApiAndConfigMapsAreFiles() throws Exception {
        try (TestNamespace ns = new TestNamespace(kube, "env")) {
            ns.client()
                    .configMaps()
                    .inNamespace(ns.name())
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("settings")
                            .endMetadata()
                            .withData(Map.of("GREETING", "hello", "app.conf", "x=1"))
                            .build())
                    .create();
            Pod pod = new PodBuilder(ControlPlaneIT.testServerPod("envy"))
                    .editSpec()
                    .addNewVolume()
                    .withName("conf")
                    .withNewConfigMap()
                    .withName("settings")
                    .endConfigMap()
                    .endVolume()
                    .editFirstContainer()
                    .addNewEnvFrom()
                    .withNewConfigMapRef()
                    .withName("settings")
                    .endConfigMapRef()
                    .withPrefix("CM_")
                    .endEnvFrom()
                    .addNewEnv()
                    .withName("MY_NAME")
                    .withNewValueFrom()
                    .withNewFieldRef()
                    .withFieldPath("metadata.name")
                    .endFieldRef()
                    .endValueFrom()
                    .endEnv()
                    .addNewEnv()
                    .withName("MY_NS")
                    .withNewValueFrom()
                    .withNewFieldRef()
                    .withFieldPath("metadata.namespace")
                    .endFieldRef()
                    .endValueFrom()
                    .endEnv()
                    .addNewEnv()
                    .withName("MY_IP")
                    .withNewValueFrom()
                    .withNewFieldRef()
                    .withFieldPath("status.podIP")
                    .endFieldRef()
                    .endValueFrom()
                    .endEnv()
                    .addNewEnv()
                    .withName("MY_APP")
                    .withNewValueFrom()
                    .withNewFieldRef()
                    .withFieldPath("metadata.labels['app']")
                    .endFieldRef()
                    .endValueFrom()
                    .endEnv()
                    .addNewEnv()
                    .withName("COMPOSED")
                    .withValue("$(MY_NAME)@$(MY_NS)")
                    .endEnv()
                    .addNewVolumeMount()
                    .withName("conf")
                    .withMountPath("/etc/app")
                    .endVolumeMount()
                    .endContainer()
                    .endSpec()
                    .build();
            ns.client().pods().inNamespace(ns.name()).resource(pod).create();
            TestNamespace.await(Duration.ofSeconds(60), () -> Readiness.isPodReady(ns.pod("envy")));
            String ip = ns.pod("envy").getStatus().getPodIP();

            assertThat(env(ip, "MY_NAME")).isEqualTo("envy");
            assertThat(env(ip, "MY_NS")).isEqualTo(ns.name());
            assertThat(env(ip, "MY_IP")).isEqualTo(ip);
            assertThat(env(ip, "POD_IP")).isEqualTo(ip);
            assertThat(env(ip, "MY_APP")).isEqualTo("envy");
            assertThat(env(ip, "CM_GREETING")).isEqualTo("hello");
            assertThat(env(ip, "COMPOSED")).isEqualTo("envy@" + ns.name());
            assertThat(TestHttp.get(ip, 8080, "/read?path=/etc/app/app.conf")
                            .body()
                            .trim())
                    .isEqualTo("x=1");
            assertThat(kube.podLogDirectory(ns.name(), "envy"))
                    .hasValueSatisfying(dir ->
                            assertThat(Files.exists(dir.resolve("server.log"))).isTrue());
        }
    }

    @Test
    void logsAndEventsReachTheApiServerLikeOnARealNode() {
        try (TestNamespace ns = new TestNamespace(kube, "logs")) {
            ns.client()
                    .pods()
                    .inNamespace(ns.name())
                    .resource(ControlPlaneIT.testServerPod("chatty"))
                    .create();
            TestNamespace.await(Duration.ofSeconds(60), () -> Readiness.isPodReady(ns.pod("chatty")));
            String ip = ns.pod("chatty").getStatus().getPodIP();
            // kubectl logs goes API server -> node InternalIP -> devkube's kubelet log endpoint
            String log = ns.client()
                    .pods()
                    .inNamespace(ns.name())
                    .withName("chatty")
                    .inContainer("server")
                    .getLog();
            assertThat(log).contains("testserver: serving on " + ip + ":8080");
            assertThat(ns.client()
                            .pods()
                            .inNamespace(ns.name())
                            .withName("chatty")
                            .tailingLines(1)
                            .getLog()
                            .lines())
                    .hasSize(1);
            TestNamespace.await(
                    Duration.ofSeconds(10),
                    () -> ns.client().v1().events().inNamespace(ns.name()).list().getItems().stream()
                            .anyMatch(e -> "Started".equals(e.getReason())
                                    && "chatty".equals(e.getInvolvedObject().getName())));
        }
    }

    @Test
    void aHostNetworkPodServesOnItsNodesAddressAgainAfterARestart() {
        try (TestNamespace ns = new TestNamespace(kube, "hostnet")) {
            Pod pod = ControlPlaneIT.testServerPod("on-node");
            pod.getSpec().setHostNetwork(true);
            ns.client().pods().inNamespace(ns.name()).resource(pod).create();
            TestNamespace.await(Duration.ofSeconds(60), () -> Readiness.isPodReady(ns.pod("on-node")));
            Pod running = ns.pod("on-node");
            String nodeAddress = running.getStatus().getHostIP();

            assertThat(running.getStatus().getPodIP()).isEqualTo(nodeAddress);
            assertThat(TestHttp.get(nodeAddress, 8080, "/env?name=HOSTNAME").statusCode())
                    .isEqualTo(200);

            ns.client().pods().inNamespace(ns.name()).withName("on-node").delete();
            TestNamespace.await(Duration.ofSeconds(60), () -> ns.pod("on-node") == null);
            pod.getSpec().setNodeName(running.getSpec().getNodeName());
            pod.getMetadata().setResourceVersion(null);
            ns.client().pods().inNamespace(ns.name()).resource(pod).create();
            TestNamespace.await(Duration.ofSeconds(60), () -> Readiness.isPodReady(ns.pod("on-node")));

            assertThat(ns.pod("on-node").getStatus().getPodIP())
                    .as("a new incarnation on the same node")
                    .isEqualTo(nodeAddress);
        }
    }

    @Test
    void anUnknownImageFailsThePodWithAClearReason() {
        try (TestNamespace ns = new TestNamespace(kube, "unknown")) {
            Pod pod = new PodBuilder(ControlPlaneIT.testServerPod("nginx"))
                    .editSpec()
                    .withRestartPolicy("Never")
                    .editFirstContainer()
                    .withImage("nginx:1.27")
                    .endContainer()
                    .endSpec()
                    .build();
            ns.client().pods().inNamespace(ns.name()).resource(pod).create();
            TestNamespace.await(
                    Duration.ofSeconds(30),
                    () -> "Failed".equals(ns.pod("nginx").getStatus().getPhase()));
            Pod failed = ns.pod("nginx");
            assertThat(failed.getStatus().getReason()).isEqualTo("UnknownImage");
            assertThat(failed.getStatus().getMessage())
                    .contains("nginx:1.27")
                    .contains(ImageLauncherRegistry.TEST_SERVER_IMAGE);
        }
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainerAndCountsTheRestart() {
        try (TestNamespace ns = new TestNamespace(kube, "liveness")) {
            Pod pod = new PodBuilder(ControlPlaneIT.testServerPod("sick"))
                    .editSpec()
                    .withTerminationGracePeriodSeconds(2L)
                    .editFirstContainer()
                    .withNewLivenessProbe()
                    .withNewHttpGet()
                    .withPath("/no-such-path")
                    .withNewPort(8080)
                    .endHttpGet()
                    .withInitialDelaySeconds(1)
                    .withPeriodSeconds(1)
                    .withFailureThreshold(2)
                    .endLivenessProbe()
                    .endContainer()
                    .endSpec()
                    .build();
            // the test server answers 404 to unknown paths, so the liveness probe fails
            ns.client().pods().inNamespace(ns.name()).resource(pod).create();
            TestNamespace.await(Duration.ofSeconds(60), () -> {
                Pod p = ns.pod("sick");
                return p.getStatus().getContainerStatuses() != null
                        && !p.getStatus().getContainerStatuses().isEmpty()
                        && p.getStatus().getContainerStatuses().get(0).getRestartCount() >= 1;
            });
            var status = ns.pod("sick").getStatus().getContainerStatuses().get(0);
            assertThat(status.getLastState().getTerminated()).isNotNull();
        }
    }

    @Test
    void aJobRunsToCompletionAndACrashingContainerBacksOff() {
        try (TestNamespace ns = new TestNamespace(kube, "job")) {
            var job = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                    .withNewMetadata()
                    .withName("once")
                    .endMetadata()
                    .withNewSpec()
                    .withBackoffLimit(0)
                    .withNewTemplate()
                    .withNewSpec()
                    .withRestartPolicy("Never")
                    .addNewContainer()
                    .withName("work")
                    .withImage(ImageLauncherRegistry.TEST_SERVER_IMAGE)
                    .addNewEnv()
                    .withName("EXIT_AFTER_MS")
                    .withValue("500")
                    .endEnv()
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build();
            ns.client().batch().v1().jobs().inNamespace(ns.name()).resource(job).create();
            TestNamespace.await(Duration.ofSeconds(60), () -> {
                var status = ns.client()
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(ns.name())
                        .withName("once")
                        .get()
                        .getStatus();
                return status != null && Integer.valueOf(1).equals(status.getSucceeded());
            });

            Pod crashing = new PodBuilder(ControlPlaneIT.testServerPod("crashy"))
                    .editSpec()
                    .editFirstContainer()
                    .addNewEnv()
                    .withName("EXIT_AFTER_MS")
                    .withValue("200")
                    .endEnv()
                    .addNewEnv()
                    .withName("EXIT_CODE")
                    .withValue("3")
                    .endEnv()
                    .endContainer()
                    .endSpec()
                    .build();
            ns.client().pods().inNamespace(ns.name()).resource(crashing).create();
            TestNamespace.await(Duration.ofSeconds(60), () -> {
                var statuses = ns.pod("crashy").getStatus().getContainerStatuses();
                return statuses != null
                        && !statuses.isEmpty()
                        && statuses.get(0).getRestartCount() >= 2;
            });
            var status = ns.pod("crashy").getStatus().getContainerStatuses().get(0);
            assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
        }
    }

    private static String env(String ip, String name) {
        return TestHttp.get(ip, 8080, "/env?name=" + name).body().trim();
    }
}
