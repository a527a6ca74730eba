package dev.cassini.devkube.kubelet;

import dev.cassini.devkube.image.ContainerLaunch;
import dev.cassini.devkube.image.ImageLauncher;
import dev.cassini.devkube.image.ImageReference;
import dev.cassini.devkube.process.ManagedProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one container of a pod into a running local process: environment, mounts, command line
 * from the image's launcher, working directory, log file.
 */
final class ContainerStarter {
    /** Variables devkube adds to every container, on top of what the pod spec asks for. */
    static final String POD_IP_ENV = "DEVKUBE_POD_IP";

    static final String ROOTFS_ENV = "DEVKUBE_ROOTFS";

    private final KubeletContext ctx;
    private final EnvResolver envResolver;

    ContainerStarter(KubeletContext ctx) {
        this.ctx = ctx;
        this.envResolver = new EnvResolver(ctx.lookup());
    }

    /** Whether devkube can run this container's image at all. */
    boolean canRun(Container container) {
        return ctx.images().find(ImageReference.parse(container.getImage())).isPresent();
    }

    ManagedProcess start(
            Pod pod, Container container, String podIp, String hostIp, Map<String, Path> volumes, Path podDirectory) {
        ImageReference image = ImageReference.parse(container.getImage());
        ImageLauncher launcher = ctx.images()
                .find(image)
                .orElseThrow(() -> new IllegalStateException(ctx.images().unknownImageMessage(container.getImage())));
        Path rootfs = podDirectory.resolve("rootfs").resolve(container.getName());
        Map<String, Path> mounts = PodVolumes.mounts(container, volumes, rootfs);
        Map<String, String> env = environment(pod, container, podIp, hostIp, rootfs);
        List<String> command = expand(container.getCommand(), env);
        List<String> args = expand(container.getArgs(), env);
        ContainerLaunch launch = new ContainerLaunch(
                image, command, args, env, mounts, rootfs, podIp, ContainerLaunch.memoryLimitBytes(container));
        List<String> commandLine = launcher.commandLine(launch);
        Map<String, String> processEnv = launcher.environment(launch);
        Path workingDirectory =
                container.getWorkingDir() == null || container.getWorkingDir().isEmpty()
                        ? rootfs
                        : rootfs.resolve(container.getWorkingDir().replaceFirst("^/+", ""));
        String name = processName(
                pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(),
                pod.getMetadata().getUid(),
                container.getName());
        return ManagedProcess.start(
                name,
                commandLine,
                processEnv,
                false,
                workingDirectory,
                podDirectory.resolve("logs").resolve(container.getName() + ".log"),
                ctx.pids());
    }

    /** The name a container's process is recorded under in the PID registry. */
    static String processName(String namespace, String pod, String uid, String container) {
        return "pod-" + namespace + "_" + pod + "_" + uid.substring(0, 8) + "_" + container;
    }

    Map<String, String> environment(Pod pod, Container container, String podIp, String hostIp, Path rootfs) {
        Map<String, String> env = new LinkedHashMap<>();
        // What a real kubelet adds: the hostname and the in-cluster API server location
        // (here the API server itself, as devkube has no service proxy).
        env.put(
                "HOSTNAME",
                pod.getSpec().getHostname() != null
                        ? pod.getSpec().getHostname()
                        : pod.getMetadata().getName());
        env.put("KUBERNETES_SERVICE_HOST", ctx.apiServerHost());
        env.put("KUBERNETES_SERVICE_PORT", String.valueOf(ctx.apiServerPort()));
        env.put("POD_IP", podIp);
        env.putAll(envResolver.resolve(pod, container, podIp, hostIp));
        env.put(POD_IP_ENV, podIp);
        env.put(ROOTFS_ENV, rootfs.toString());
        return env;
    }

    private static List<String> expand(List<String> values, Map<String, String> env) {
        return values == null
                ? List.of()
                : values.stream().map(v -> VariableExpansion.expand(v, env)).toList();
    }
}
