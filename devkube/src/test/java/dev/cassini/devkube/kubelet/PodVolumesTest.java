package dev.cassini.devkube.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodVolumesTest {
    @TempDir
    Path podDir;

    /** A hand-written fake holding one ConfigMap and one Secret; no API server needed without PVCs. */
    private final ObjectLookup lookup = new ObjectLookup() {
        @Override
        public Optional<Map<String, String>> configMap(String namespace, String name) {
            return name.equals("conf")
                    ? Optional.of(Map.of("cassandra.yaml", "cluster_name: x", "other", "o"))
                    : Optional.empty();
        }

        @Override
        public Optional<Map<String, byte[]>> secret(String namespace, String name) {
            return name.equals("creds")
                    ? Optional.of(Map.of("password", "pw".getBytes(StandardCharsets.UTF_8)))
                    : Optional.empty();
        }
    };

    private final PodVolumes volumes = new PodVolumes(null, lookup);

    @Test
    void configMapsSecretsDownwardApiAndEmptyDirsBecomeDirectories() throws Exception {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName("db-0")
                .withNamespace("ns")
                .withLabels(Map.of("rack", "r1"))
                .endMetadata()
                .withNewSpec()
                .addNewVolume()
                .withName("conf")
                .withNewConfigMap()
                .withName("conf")
                .addNewItem()
                .withKey("cassandra.yaml")
                .withPath("cassandra.yaml")
                .endItem()
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName("creds")
                .withNewSecret()
                .withSecretName("creds")
                .endSecret()
                .endVolume()
                .addNewVolume()
                .withName("info")
                .withNewDownwardAPI()
                .addNewItem()
                .withPath("labels")
                .withNewFieldRef()
                .withFieldPath("metadata.labels")
                .endFieldRef()
                .endItem()
                .endDownwardAPI()
                .endVolume()
                .addNewVolume()
                .withName("scratch")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .build();

        Map<String, Path> dirs = volumes.prepare(pod, podDir, "127.9.1.1", "127.9.0.10");

        assertThat(dirs.get("conf").resolve("cassandra.yaml")).hasContent("cluster_name: x");
        assertThat(dirs.get("conf").resolve("other")).doesNotExist(); // items select keys
        assertThat(dirs.get("creds").resolve("password")).hasContent("pw");
        assertThat(dirs.get("info").resolve("labels")).hasContent("rack=\"r1\"");
        assertThat(dirs.get("scratch")).isEmptyDirectory();
    }

    @Test
    void aChangedSecretReachesItsVolumeAndTheConfigMapsStayAsTheyWere() throws Exception {
        Map<String, byte[]> secret = new java.util.HashMap<>(
                Map.of("a.crt", "old".getBytes(StandardCharsets.UTF_8), "b.crt", "b".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> config = new java.util.HashMap<>(Map.of("cassandra.yaml", "first"));
        ObjectLookup changing = new ObjectLookup() {
            @Override
            public Optional<Map<String, String>> configMap(String namespace, String name) {
                return Optional.of(Map.copyOf(config));
            }

            @Override
            public Optional<Map<String, byte[]>> secret(String namespace, String name) {
                return Optional.of(Map.copyOf(secret));
            }
        };
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName("db-0")
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .addNewVolume()
                .withName("tls")
                .withNewSecret()
                .withSecretName("tls")
                .endSecret()
                .endVolume()
                .addNewVolume()
                .withName("conf")
                .withNewConfigMap()
                .withName("conf")
                .endConfigMap()
                .endVolume()
                .endSpec()
                .build();
        PodVolumes podVolumes = new PodVolumes(null, changing);
        Map<String, Path> dirs = podVolumes.prepare(pod, podDir, "127.9.1.1", "127.9.0.10");
        Path unchanged = dirs.get("tls").resolve("b.crt");

        secret.put("a.crt", "renewed".getBytes(StandardCharsets.UTF_8));
        secret.remove("b.crt");
        secret.put("c.crt", "new".getBytes(StandardCharsets.UTF_8));
        config.put("cassandra.yaml", "second");
        podVolumes.refreshSecrets(pod, dirs);

        assertThat(dirs.get("tls").resolve("a.crt")).hasContent("renewed");
        assertThat(dirs.get("tls").resolve("c.crt")).hasContent("new");
        assertThat(unchanged).doesNotExist();
        try (var files = Files.list(dirs.get("tls"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("a.crt", "c.crt");
        }
        assertThat(dirs.get("conf").resolve("cassandra.yaml")).hasContent("first");

        // nothing changed: nothing is written
        var renewedTime = Files.getLastModifiedTime(dirs.get("tls").resolve("a.crt"));
        Thread.sleep(20);
        podVolumes.refreshSecrets(pod, dirs);
        assertThat(Files.getLastModifiedTime(dirs.get("tls").resolve("a.crt"))).isEqualTo(renewedTime);
    }

    @Test
    void mountsAppearUnderTheRootfsWithSubPaths() throws Exception {
        Path data = Files.createDirectories(podDir.resolve("pv"));
        Container container = new ContainerBuilder()
                .withName("c")
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/var/lib/cassandra")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/var/log/cassandra")
                .withSubPath("logs")
                .endVolumeMount()
                .build();
        Path rootfs = podDir.resolve("rootfs/c");

        Map<String, Path> mounts = PodVolumes.mounts(container, Map.of("data", data), rootfs);

        assertThat(mounts)
                .containsEntry("/var/lib/cassandra", data)
                .containsEntry("/var/log/cassandra", data.resolve("logs"));
        Files.writeString(rootfs.resolve("var/lib/cassandra/marker"), "x");
        assertThat(data.resolve("marker")).hasContent("x");
        assertThat(data.resolve("logs")).isDirectory();
    }

    @Test
    void aMissingConfigMapWaitsAndAnUnsupportedVolumeIsRefused() {
        Pod missing = new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .addNewVolume()
                .withName("v")
                .withNewConfigMap()
                .withName("absent")
                .endConfigMap()
                .endVolume()
                .endSpec()
                .build();
        assertThatThrownBy(() -> volumes.prepare(missing, podDir, "ip", "host"))
                .isInstanceOf(PodVolumes.NotReadyYet.class);

        Pod hostPath = new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .addNewVolume()
                .withName("v")
                .withNewHostPath()
                .withPath("/etc")
                .endHostPath()
                .endVolume()
                .endSpec()
                .build();
        assertThatThrownBy(() -> volumes.prepare(hostPath, podDir, "ip", "host"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not support");
    }
}
