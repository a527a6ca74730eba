package dev.cassini.devkube;

import dev.cassini.devkube.image.ImageLauncherRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start a devkube.
 *
 * @param stateDirectory where everything lives (PID files, certificates, etcd data, pod directories,
 *                       volumes, logs, kubeconfig); leftovers of a previous run there are reaped at start
 * @param zones          zone names; each gets {@code nodesPerZone} nodes
 * @param images         the image launchers pods may use
 * @param environment    variables for binary resolution ({@code CASSINI_KUBE_BIN}, {@code CASSINI_CACHE})
 * @param startTimeout   per component, to become healthy
 * @param shutdownGrace  upper bound on pods' grace periods when devkube stops
 */
public record DevKubeOptions(
        Path stateDirectory,
        List<String> zones,
        int nodesPerZone,
        ImageLauncherRegistry images,
        Map<String, String> environment,
        Duration startTimeout,
        Duration shutdownGrace) {

    public static final List<String> DEFAULT_ZONES = List.of("zone-a", "zone-b", "zone-c");

    /** 3 zones x 2 nodes, devkube's own test image, the process environment. */
    public static DevKubeOptions defaults(Path stateDirectory) {
        return new DevKubeOptions(
                stateDirectory,
                DEFAULT_ZONES,
                2,
                ImageLauncherRegistry.withDefaults(),
                System.getenv(),
                Duration.ofSeconds(60),
                Duration.ofSeconds(15));
    }

    public DevKubeOptions withImages(ImageLauncherRegistry registry) {
        return new DevKubeOptions(
                stateDirectory, zones, nodesPerZone, registry, environment, startTimeout, shutdownGrace);
    }

    public DevKubeOptions withTopology(List<String> zoneNames, int perZone) {
        return new DevKubeOptions(stateDirectory, zoneNames, perZone, images, environment, startTimeout, shutdownGrace);
    }
}
