package dev.cassini.devkube.image;

import java.util.List;

/**
 * Turns a container of a known image into the command line of a local process. devkube runs no
 * container runtime: each image that may run under it has a launcher registered in the
 * {@link ImageLauncherRegistry}, and a pod with any other image fails with a clear reason.
 */
@FunctionalInterface
public interface ImageLauncher {
    /** The command line (program first). The environment and working directory are set by the kubelet. */
    List<String> commandLine(ContainerLaunch launch);
}
