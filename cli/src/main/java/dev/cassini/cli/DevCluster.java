package dev.cassini.cli;

import dev.cassini.devkube.DevKubeDaemon;
import dev.cassini.devkube.DevKubeOptions;
import dev.cassini.devkube.DevKubeStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local Kubernetes that {@code cassini up} runs Cassandra on: a devkube daemon whose process
 * kubelet runs the Cassini images (node agent, operator, object store) from this CLI's own class path.
 */
final class DevCluster {
    /**
     * Images devkube runs as local processes, by repository: JVM options and the main class, run
     * from this class path. The options are the ones the image's entrypoint gives the JVM (see the
     * module's pom), so a node agent here is the process it is in a pod, not a JVM sized for this
     * whole machine.
     */
    static final Map<String, String> IMAGES = Map.of(
            "cassini/node",
            "-Xmx256m -XX:+UseSerialGC dev.cassini.agent.AgentMain",
            "cassini/operator",
            "dev.cassini.operator.OperatorMain",
            DevObjectStore.IMAGE_REPOSITORY,
            ObjectStoreMain.class.getName());

    private final DevKubeDaemon daemon;

    DevCluster() {
        this.daemon = new DevKubeDaemon(DevKubeDaemon.defaultStateDirectory(System.getenv()));
    }

    DevKubeDaemon daemon() {
        return daemon;
    }

    Optional<DevKubeStatus> status() {
        return daemon.status();
    }

    /** Starts devkube unless it runs already. */
    DevKubeStatus ensureRunning(Duration timeout) {
        Optional<DevKubeStatus> running = daemon.status();
        if (running.isPresent()) {
            return running.get();
        }
        return daemon.start(DevKubeOptions.DEFAULT_ZONES, 2, new LinkedHashMap<>(IMAGES), timeout);
    }

    static KubernetesClient client(DevKubeStatus status) throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(status.kubeconfig()));
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
