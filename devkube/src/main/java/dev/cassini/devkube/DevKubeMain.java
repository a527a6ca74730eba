package dev.cassini.devkube;

import dev.cassini.devkube.image.ImageLauncherRegistry;
import dev.cassini.devkube.image.JavaMainLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The background devkube process behind {@code cassini dev start}: starts a devkube in a state
 * directory, writes {@link DevKubeStatus} there once it is ready, and runs until SIGTERM, when the
 * shutdown hook stops every pod and control-plane process.
 * <p>Usage: {@code DevKubeMain <state-dir> [--zones a,b,c] [--nodes-per-zone N] [--image "repository=[jvm options] main.Class"]...}
 * Each {@code --image} runs that image as {@code java -cp <this JVM's class path> [jvm options] main.Class <args>}.
 */
public final class DevKubeMain {
    private DevKubeMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println(
                    "usage: DevKubeMain <state-dir> [--zones a,b,c] [--nodes-per-zone N] [--image 'repository=[jvm options] main.Class']...");
            System.exit(2);
        }
        Path state = Path.of(args[0]).toAbsolutePath();
        DevKubeOptions options = DevKubeOptions.defaults(state);
        ImageLauncherRegistry images = ImageLauncherRegistry.withDefaults();
        List<String> zones = new ArrayList<>(options.zones());
        int perZone = options.nodesPerZone();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--zones" -> zones = List.of(args[++i].split(","));
                case "--nodes-per-zone" -> perZone = Integer.parseInt(args[++i]);
                case "--image" -> {
                    String[] mapping = args[++i].split("=", 2);
                    images.register(mapping[0], JavaMainLauncher.forEntrypoint(mapping[1]));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.deleteIfExists(DevKubeStatus.file(state));
        DevKube kube = DevKube.start(options.withImages(images).withTopology(zones, perZone));
        DevKubeStatus.write(
                state,
                new DevKubeStatus(
                        ProcessHandle.current().pid(),
                        kube.server(),
                        kube.kubeconfig(),
                        kube.nodes().size(),
                        kube.controlPlaneStartup().toMillis()));
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(DevKubeStatus.file(state));
            } catch (IOException ignored) {
                // best effort: a stale file names a dead PID and is recognised as such
            }
        }));
        forever.await();
    }
}
