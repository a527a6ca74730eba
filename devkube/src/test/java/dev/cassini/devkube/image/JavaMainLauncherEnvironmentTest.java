package dev.cassini.devkube.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaMainLauncherEnvironmentTest {
    @Test
    void valuesNamingPathsInsideMountsBecomeTheDirectoriesBehindThem() {
        ContainerLaunch launch = new ContainerLaunch(
                ImageReference.parse("cassini/node:5.0.6"),
                List.of(),
                List.of(),
                Map.of(
                        "CASSINI_DATA_DIR",
                        "/var/lib/cassandra",
                        "CASSINI_CONFIG_DIR",
                        "/etc/cassini",
                        "LOG",
                        "/var/lib/cassandra/logs",
                        "OTHER",
                        "/opt/elsewhere",
                        "NAME",
                        "dc1"),
                Map.of("/var/lib/cassandra", Path.of("/pv/pvc-1"), "/etc/cassini/", Path.of("/pods/p/volumes/config")),
                Path.of("/pods/p/rootfs"),
                "127.1.0.5",
                0);
        Map<String, String> env = JavaMainLauncher.onThisClasspath("x.Main").environment(launch);
        assertThat(env)
                .containsEntry("CASSINI_DATA_DIR", "/pv/pvc-1")
                .containsEntry("CASSINI_CONFIG_DIR", "/pods/p/volumes/config")
                .containsEntry("LOG", "/pv/pvc-1/logs")
                .containsEntry("OTHER", "/opt/elsewhere")
                .containsEntry("NAME", "dc1");
    }

    @Test
    void aClientInThePodFindsItsServiceAccountWhereDevkubeMountedItAndNoKubeconfigOfTheUsers() {
        ContainerLaunch launch = new ContainerLaunch(
                ImageReference.parse("cassini/operator:dev"),
                List.of(),
                List.of(),
                Map.of(),
                Map.of(JavaMainLauncher.SERVICE_ACCOUNT_DIR, Path.of("/pods/p/volumes/kube-api-access-x")),
                Path.of("/pods/p/rootfs"),
                "127.1.0.6",
                0);
        Map<String, String> env = JavaMainLauncher.onThisClasspath("x.Main").environment(launch);
        assertThat(env)
                .containsEntry("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", "/pods/p/volumes/kube-api-access-x/token")
                .containsEntry("KUBERNETES_CERTS_CA_FILE", "/pods/p/volumes/kube-api-access-x/ca.crt")
                .containsEntry("KUBENAMESPACE", "/pods/p/volumes/kube-api-access-x/namespace")
                .containsEntry("KUBERNETES_AUTH_TRYKUBECONFIG", "false");

        ContainerLaunch withKubeconfig = new ContainerLaunch(
                launch.image(),
                List.of(),
                List.of(),
                Map.of("KUBECONFIG", "/etc/kubeconfig"),
                Map.of(),
                launch.rootfs(),
                launch.podIp(),
                0);
        assertThat(JavaMainLauncher.onThisClasspath("x.Main").environment(withKubeconfig))
                .as("a container that names its kubeconfig, and has no token mounted")
                .containsEntry("KUBECONFIG", "/etc/kubeconfig")
                .doesNotContainKeys(
                        "KUBERNETES_AUTH_TRYKUBECONFIG",
                        "KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN",
                        "KUBERNETES_CERTS_CA_FILE");
    }

    @Test
    void aContainersMemoryLimitSizesTheJvmAsItsCgroupWouldAndTheImagesOwnOptionsComeAfter() {
        var limit = new io.fabric8.kubernetes.api.model.ContainerBuilder()
                .withNewResources()
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))
                .endResources()
                .build();
        long bytes = ContainerLaunch.memoryLimitBytes(limit);
        assertThat(bytes).isEqualTo(1L << 30);
        ContainerLaunch limited = new ContainerLaunch(
                ImageReference.parse("cassini/operator:dev"),
                List.of(),
                List.of(),
                Map.of(),
                Map.of(),
                Path.of("/pods/p/rootfs"),
                "127.1.0.7",
                bytes);
        assertThat(JavaMainLauncher.onThisClasspath("x.Main", "-Xmx64m").commandLine(limited))
                .containsSubsequence("-XX:MaxRAM=1073741824", "-Xmx64m", "x.Main");
        ContainerLaunch unlimited = new ContainerLaunch(
                limited.image(), List.of(), List.of(), Map.of(), Map.of(), limited.rootfs(), "127.1.0.7", 0);
        assertThat(ContainerLaunch.memoryLimitBytes(new io.fabric8.kubernetes.api.model.Container()))
                .isZero();
        assertThat(JavaMainLauncher.onThisClasspath("x.Main").commandLine(unlimited))
                .noneMatch(option -> option.startsWith("-XX:MaxRAM"));
    }
}
