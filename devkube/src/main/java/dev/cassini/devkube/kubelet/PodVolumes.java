package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod's volumes as directories on this machine: ConfigMaps, Secrets, downward API and projected
 * volumes written as files, emptyDir as a fresh directory, and PersistentVolumeClaims as the
 * directory of their bound PersistentVolume (so data outlives the pod).
 */
final class PodVolumes {
    private final KubernetesClient client;
    private final ObjectLookup lookup;

    PodVolumes(KubernetesClient client, ObjectLookup lookup) {
        this.client = client;
        this.lookup = lookup;
    }

    /** Thrown while a volume cannot be prepared yet (e.g. its claim is unbound); the kubelet retries. */
    static final class NotReadyYet extends RuntimeException {
        NotReadyYet(String message) {
            super(message);
        }
    }

    /** Volume name to the directory that backs it. */
    Map<String, Path> prepare(Pod pod, Path podDirectory, String podIp, String hostIp) {
        Map<String, Path> result = new LinkedHashMap<>();
        String namespace = pod.getMetadata().getNamespace();
        for (Volume volume : listOf(pod.getSpec().getVolumes())) {
            Path dir = podDirectory.resolve("volumes").resolve(volume.getName());
            if (volume.getPersistentVolumeClaim() != null) {
                result.put(
                        volume.getName(),
                        claimDirectory(
                                namespace, volume.getPersistentVolumeClaim().getClaimName()));
                continue;
            }
            mkdirs(dir);
            if (volume.getEmptyDir() != null) {
                // nothing to fill
            } else if (volume.getConfigMap() != null) {
                var source = volume.getConfigMap();
                Optional<Map<String, String>> data = lookup.configMap(namespace, source.getName());
                if (data.isEmpty() && !Boolean.TRUE.equals(source.getOptional())) {
                    throw new NotReadyYet("configmap \"" + source.getName() + "\" not found");
                }
                writeItems(dir, utf8(data.orElse(Map.of())), source.getItems());
            } else if (volume.getSecret() != null) {
                var source = volume.getSecret();
                Optional<Map<String, byte[]>> data = lookup.secret(namespace, source.getSecretName());
                if (data.isEmpty() && !Boolean.TRUE.equals(source.getOptional())) {
                    throw new NotReadyYet("secret \"" + source.getSecretName() + "\" not found");
                }
                writeItems(dir, data.orElse(Map.of()), source.getItems());
            } else if (volume.getDownwardAPI() != null) {
                for (var item : volume.getDownwardAPI().getItems()) {
                    write(
                            dir.resolve(item.getPath()),
                            downward(
                                    pod,
                                    item.getFieldRef() == null
                                            ? null
                                            : item.getFieldRef().getFieldPath(),
                                    podIp,
                                    hostIp));
                }
            } else if (volume.getProjected() != null) {
                for (VolumeProjection projection : volume.getProjected().getSources()) {
                    project(pod, dir, projection, podIp, hostIp);
                }
            } else {
                throw new IllegalArgumentException(
                        "volume \"" + volume.getName() + "\" has a type devkube does not support"
                                + " (supported: persistentVolumeClaim, emptyDir, configMap, secret, downwardAPI, projected)");
            }
            result.put(volume.getName(), dir);
        }
        return result;
    }

    /**
     * Writes again each Secret volume whose Secret changed since, as the kubelet's periodic sync
     * does, so a renewed certificate reaches the running containers. A changed file is replaced by
     * a rename (a reader sees the old content or the new, never half of it), and a key the Secret
     * no longer has is removed. ConfigMap volumes keep what they had at the start: every
     * configuration change here restarts its pods anyway.
     */
    void refreshSecrets(Pod pod, Map<String, Path> volumes) {
        String namespace = pod.getMetadata().getNamespace();
        for (Volume volume : listOf(pod.getSpec().getVolumes())) {
            var source = volume.getSecret();
            Path dir = volumes.get(volume.getName());
            if (source == null || dir == null) {
                continue;
            }
            Optional<Map<String, byte[]>> data = lookup.secret(namespace, source.getSecretName());
            if (data.isEmpty()) {
                continue; // a deleted Secret leaves the files a container already has, as the kubelet does
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            if (source.getItems() == null || source.getItems().isEmpty()) {
                files.putAll(data.get());
            } else {
                for (KeyToPath item : source.getItems()) {
                    byte[] value = data.get().get(item.getKey());
                    if (value != null) {
                        files.put(item.getPath(), value);
                    }
                }
            }
            files.forEach((name, value) -> replaceIfChanged(dir.resolve(name), value));
            try (var present = Files.list(dir)) {
                for (Path file : present.toList()) {
                    if (Files.isRegularFile(file)
                            && !files.containsKey(file.getFileName().toString())) {
                        Files.delete(file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
    }

    private static void replaceIfChanged(Path file, byte[] content) {
        try {
            if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
                return;
            }
            mkdirs(file.getParent());
            Path next = file.resolveSibling(".." + file.getFileName() + ".next");
            Files.write(next, content);
            Files.move(
                    next,
                    file,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Mount path to backing directory for one container, and the same as symlinks under
     * {@code rootfs} so a process can reach {@code rootfs + mountPath}.
     */
    static Map<String, Path> mounts(Container container, Map<String, Path> volumes, Path rootfs) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : listOf(container.getVolumeMounts())) {
            Path volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new IllegalArgumentException(
                        "container " + container.getName() + " mounts unknown volume " + mount.getName());
            }
            Path target = mount.getSubPath() == null || mount.getSubPath().isEmpty()
                    ? volume
                    : volume.resolve(mount.getSubPath());
            mkdirs(target);
            mounts.put(mount.getMountPath(), target);
            Path link = rootfs.resolve(mount.getMountPath().replaceFirst("^/+", ""));
            try {
                mkdirs(link.getParent());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot link " + link + " to " + target, e);
            }
        }
        return mounts;
    }

    private Path claimDirectory(String namespace, String claimName) {
        var claim = client.persistentVolumeClaims()
                .inNamespace(namespace)
                .withName(claimName)
                .get();
        if (claim == null) {
            throw new NotReadyYet("persistentvolumeclaim \"" + claimName + "\" not found");
        }
        String volumeName = claim.getSpec().getVolumeName();
        if (volumeName == null || volumeName.isEmpty()) {
            throw new NotReadyYet("persistentvolumeclaim \"" + claimName + "\" is not bound yet");
        }
        var volume = client.persistentVolumes().withName(volumeName).get();
        if (volume == null || volume.getSpec().getHostPath() == null) {
            throw new IllegalArgumentException("persistentvolume \"" + volumeName + "\" of claim \"" + claimName
                    + "\" is not a directory volume; devkube mounts hostPath volumes only (StorageClass "
                    + LocalVolumeProvisioner.STORAGE_CLASS + " makes them)");
        }
        Path dir = Path.of(volume.getSpec().getHostPath().getPath());
        mkdirs(dir);
        return dir;
    }

    private void project(Pod pod, Path dir, VolumeProjection projection, String podIp, String hostIp) {
        String namespace = pod.getMetadata().getNamespace();
        if (projection.getConfigMap() != null) {
            var source = projection.getConfigMap();
            Optional<Map<String, String>> data = lookup.configMap(namespace, source.getName());
            if (data.isEmpty() && !Boolean.TRUE.equals(source.getOptional())) {
                throw new NotReadyYet("configmap \"" + source.getName() + "\" not found");
            }
            writeItems(dir, utf8(data.orElse(Map.of())), source.getItems());
        } else if (projection.getSecret() != null) {
            var source = projection.getSecret();
            Optional<Map<String, byte[]>> data = lookup.secret(namespace, source.getName());
            if (data.isEmpty() && !Boolean.TRUE.equals(source.getOptional())) {
                throw new NotReadyYet("secret \"" + source.getName() + "\" not found");
            }
            writeItems(dir, data.orElse(Map.of()), source.getItems());
        } else if (projection.getDownwardAPI() != null) {
            for (var item : projection.getDownwardAPI().getItems()) {
                write(
                        dir.resolve(item.getPath()),
                        downward(
                                pod,
                                item.getFieldRef() == null
                                        ? null
                                        : item.getFieldRef().getFieldPath(),
                                podIp,
                                hostIp));
            }
        } else if (projection.getServiceAccountToken() != null) {
            var source = projection.getServiceAccountToken();
            var request = new TokenRequestBuilder()
                    .withNewSpec()
                    .withAudiences(source.getAudience() == null ? List.of() : List.of(source.getAudience()))
                    .withExpirationSeconds(
                            source.getExpirationSeconds() == null ? 3607L : source.getExpirationSeconds())
                    .withNewBoundObjectRef()
                    .withApiVersion("v1")
                    .withKind("Pod")
                    .withName(pod.getMetadata().getName())
                    .withUid(pod.getMetadata().getUid())
                    .endBoundObjectRef()
                    .endSpec()
                    .build();
            String sa = pod.getSpec().getServiceAccountName() == null
                    ? "default"
                    : pod.getSpec().getServiceAccountName();
            var token =
                    client.serviceAccounts().inNamespace(namespace).withName(sa).tokenRequest(request);
            write(dir.resolve(source.getPath()), token.getStatus().getToken());
        }
    }

    private static String downward(Pod pod, String fieldPath, String podIp, String hostIp) {
        if (fieldPath == null) {
            throw new IllegalArgumentException("downwardAPI resourceFieldRef items are not supported by devkube");
        }
        return DownwardApiFields.value(pod, fieldPath, podIp, hostIp);
    }

    private static void writeItems(Path dir, Map<String, byte[]> data, List<KeyToPath> items) {
        if (items == null || items.isEmpty()) {
            data.forEach((key, value) -> write(dir.resolve(key), value));
        } else {
            for (KeyToPath item : items) {
                byte[] value = data.get(item.getKey());
                if (value != null) {
                    write(dir.resolve(item.getPath()), value);
                }
            }
        }
    }

    private static Map<String, byte[]> utf8(Map<String, String> data) {
        Map<String, byte[]> result = new LinkedHashMap<>();
        data.forEach((k, v) -> result.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return result;
    }

    private static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, byte[] content) {
        try {
            mkdirs(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static <T> List<T> listOf(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }
}
