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
 * @param memoryLimitBytes the container's memory limit, or 0 without one
 */
public record ContainerLaunch(
        ImageReference image,
        List<String> command,
        List<String> args,
        Map<String, String> env,
        Map<String, Path> mounts,
        Path rootfs,
        String podIp,
        long memoryLimitBytes) {

    /** A container's memory limit in bytes, 0 without one. */
    public static long memoryLimitBytes(io.fabric8.kubernetes.api.model.Container container) {
        if (container.getResources() == null
                || container.getResources().getLimits() == null
                || !container.getResources().getLimits().containsKey("memory")) {
            return 0;
        }
        return io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(
                        container.getResources().getLimits().get("memory"))
                .longValue();
    }

    /**
     * Where a path inside the container is on this machine: under the longest mount path that
     * contains it, else under {@link #rootfs()}. For launchers of programs that take data paths in
     * their environment or arguments (e.g. {@code /var/lib/cassandra}).
     */
    public Path hostPath(String containerPath) {
        String best = null;
        for (String mountPath : mounts.keySet()) {
            String prefix = mountPath.endsWith("/") ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
            boolean inside = containerPath.equals(prefix) || containerPath.startsWith(prefix + "/");
            if (inside && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return rootfs.resolve(containerPath.replaceFirst("^/+", ""));
        }
        Path base = mounts.get(mounts.containsKey(best) ? best : best + "/");
        String rest = containerPath.substring(best.length()).replaceFirst("^/+", "");
        return rest.isEmpty() ? base : base.resolve(rest);
    }
}
