package dev.cassini.devkube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.devkube.binaries.KubeBinaries;
import dev.cassini.devkube.process.PidRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The background devkube behind {@code cassini dev start|stop}: usable with kubectl, and leaves nothing behind. */
class DevKubeDaemonIT {
    @Test
    void startsInTheBackgroundServesKubectlAndStopsEveryProcess() throws Exception {
        DevKubeDaemon daemon = new DevKubeDaemon(Path.of("target", "devkube-daemon-it"));
        try {
            DevKubeStatus status = daemon.start(List.of("zone-a", "zone-b"), 1, Map.of(), Duration.ofSeconds(120));
            assertThat(daemon.status()).contains(status);
            String nodes = kubectl(status.kubeconfig(), "get", "nodes", "-o", "name");
            assertThat(nodes.lines()).containsExactlyInAnyOrder("node/devkube-zone-a-1", "node/devkube-zone-b-1");
            assertThat(kubectl(status.kubeconfig(), "version")).contains("Server Version: v" + KubeVersion.PINNED);

            List<ProcessHandle> children =
                    ProcessHandle.of(status.pid()).orElseThrow().descendants().toList();
            assertThat(children).hasSizeGreaterThanOrEqualTo(4); // etcd, apiserver, controller manager, scheduler

            // a second devkube in the same directory is refused, and leaves the running one alone
            assertThatThrownBy(() -> DevKube.start(DevKubeOptions.defaults(daemon.stateDirectory())))
                    .hasMessageContaining("another devkube is running in");
            assertThat(children).allMatch(ProcessHandle::isAlive);

            assertThat(daemon.stop(Duration.ofSeconds(60))).isTrue();
            assertThat(ProcessHandle.of(status.pid())).isEmpty();
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(new PidRegistry(daemon.stateDirectory().resolve("pids")).names())
                    .isEmpty();
            assertThat(daemon.status()).isEmpty();
        } finally {
            daemon.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void killingTheBackgroundJvmTakesItsControlPlaneAndPodsWithIt() throws Exception {
        DevKubeDaemon daemon = new DevKubeDaemon(Path.of("target", "devkube-daemon-kill-it"));
        try {
            DevKubeStatus status = daemon.start(List.of("zone-a"), 1, Map.of(), Duration.ofSeconds(120));
            kubectl(
                    status.kubeconfig(),
                    "run",
                    "victim",
                    "--image=" + dev.cassini.devkube.image.ImageLauncherRegistry.TEST_SERVER_IMAGE);
            kubectl(status.kubeconfig(), "wait", "--for=condition=Ready", "pod/victim", "--timeout=60s");
            ProcessHandle jvm = ProcessHandle.of(status.pid()).orElseThrow();
            List<ProcessHandle> children = jvm.descendants().toList();
            assertThat(children).hasSizeGreaterThanOrEqualTo(5); // control plane + the pod's process

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            jvm.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            TestNamespace.await(Duration.ofSeconds(10), () -> children.stream().noneMatch(ProcessHandle::isAlive));

            assertThat(daemon.status()).isEmpty();
            assertThat(daemon.stop(Duration.ofSeconds(10))).isFalse();
            assertThat(new PidRegistry(daemon.stateDirectory().resolve("pids")).names())
                    .isEmpty();
        } finally {
            daemon.stop(Duration.ofSeconds(30));
        }
    }

    private static String kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                KubeBinaries.find(System.getenv()).orElseThrow().kubectl().toString(),
                "--kubeconfig",
                kubeconfig.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("kubectl %s: %s", List.of(args), out).isZero();
        return out;
    }
}
