package dev.cassini.devkube.kubelet;

import dev.cassini.devkube.image.ImageLauncherRegistry;
import dev.cassini.devkube.process.PidRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every pod worker of one process kubelet shares.
 *
 * @param podsRoot       where pod directories (volumes, rootfs, logs) are made
 * @param nodeAddresses  node name to the address reported as the pod's hostIP
 * @param apiServerHost  address in-pod clients reach the API server at (KUBERNETES_SERVICE_HOST)
 * @param shutdownGrace  upper bound on a pod's grace period when devkube itself stops
 */
record KubeletContext(
        KubernetesClient client,
        ObjectLookup lookup,
        ImageLauncherRegistry images,
        PodIpAllocator ips,
        PidRegistry pids,
        PodEvents events,
        Path podsRoot,
        Map<String, String> nodeAddresses,
        String apiServerHost,
        int apiServerPort,
        Duration shutdownGrace) {}
