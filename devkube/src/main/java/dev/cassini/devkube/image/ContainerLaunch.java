package dev.cassini.devkube.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a launcher may need to turn one container of a pod into a local command line.
 *
 * @param image   the container's image, parsed
 * @param command the container's {@code command} (the image entrypoint override), maybe empty
 * @param args    the container's {@code args}, maybe empty
 * @param env     the resolved environment (env, envFrom, downward API, plus devkube's own variables)
 * @param mounts  mount path inside the container to the directory that backs it on this machine
 * @param rootfs  a directory where each mount path exists as a symlink to its volume, so
 *                {@code rootfs + mountPath} works for a process that knows only container paths
 * @param podIp   the loopback address the process must bind to
 */
public record ContainerLaunch(ImageReference image, List<String> command, List<String> args, Map<String, String> env,
                              Map<String, Path> mounts, Path rootfs, String podIp) {
}
