package dev.cassini.devkube.image;

import java.util.List;
import java.util.Map;

/**
 * Turns a container of a known image into the command line of a local process. devkube runs no
 * container runtime: each image that may run under it has a launcher registered in the
 * {@link ImageLauncherRegistry}, and a pod with any other image fails with a clear reason.
 */
@FunctionalInterface
public interface ImageLauncher {
    /** The command line (program first). The working directory is set by the kubelet. */
    List<String> commandLine(ContainerLaunch launch);

    /**
     * The process environment; by default the container's, as resolved by the kubelet. A launcher
     * may rewrite it, e.g. turn container paths into {@link ContainerLaunch#hostPath host paths}.
     */
    default Map<String, String> environment(ContainerLaunch launch) {
        return launch.env();
    }
}
