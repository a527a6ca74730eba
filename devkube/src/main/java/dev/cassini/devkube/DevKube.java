package dev.cassini.devkube;

import dev.cassini.devkube.binaries.KubeBinaries;
import dev.cassini.devkube.controlplane.ControlPlane;
import dev.cassini.devkube.controlplane.LoopbackSubnet;
import dev.cassini.devkube.kubelet.DevNode;
import dev.cassini.devkube.kubelet.LocalVolumeProvisioner;
import dev.cassini.devkube.kubelet.ProcessKubelet;
import dev.cassini.devkube.process.ExclusiveFileLock;
import dev.cassini.devkube.process.PidRegistry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Kubernetes for laptops and tests: the real control plane on a loopback subnet of its
 * own, plus a process kubelet that runs pods of Cassini images as local processes and a
 * provisioner for directory-backed volumes. Start it, use {@link #client()} or
 * {@link #kubeconfig()}, close it; a JVM that dies without closing leaves PID files from which the
 * next start in the same state directory reaps every process.
 */
public final class DevKube implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevKube.class);
    static final Path SUBNET_LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "cassini-devkube-subnets");

    private final DevKubeOptions options;
    private final PidRegistry pids;
    private ExclusiveFileLock stateLock;
    private LoopbackSubnet subnet;
    private ControlPlane controlPlane;
    private KubernetesClient client;
    private LocalVolumeProvisioner provisioner;
    private ProcessKubelet kubelet;
    private Thread shutdownHook;
    private Duration apiServerStartup;
    private volatile boolean closed;

    private DevKube(DevKubeOptions options) {
        this.options = options;
        this.pids = new PidRegistry(options.stateDirectory().resolve("pids"));
    }

    public static DevKube start(DevKubeOptions options) {
        DevKube devKube = new DevKube(options);
        try {
            devKube.startAll();
            return devKube;
        } catch (RuntimeException e) {
            devKube.close();
            throw e;
        }
    }

    private void startAll() {
        Instant t0 = Instant.now();
        Path state = options.stateDirectory().toAbsolutePath();
        // Two devkubes in one state directory would reap each other's processes.
        stateLock = ExclusiveFileLock.tryAcquire(lockFile(state))
                .orElseThrow(() -> new IllegalStateException(
                        "another devkube is running in " + state + "; stop it or use another state directory"));
        int reaped = pids.reapLeftovers();
        if (reaped > 0) {
            LOG.warn("reaped {} processes left by a devkube that did not stop cleanly in {}", reaped, state);
        }
        DirectoryTree.delete(state.resolve("pods"));
        DirectoryTree.delete(state.resolve("volumes"));
        shutdownHook = new Thread(this::close, "devkube-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        KubeBinaries binaries = KubeBinaries.findOrBuild(options.environment());
        subnet = LoopbackSubnet.claim(SUBNET_LOCKS, Math.floorMod(state.hashCode(), 187) + 64);
        Instant planeStart = Instant.now();
        controlPlane = ControlPlane.start(binaries, state, subnet.controlPlaneAddress(), pids, options.startTimeout());
        apiServerStartup = Duration.between(planeStart, Instant.now());
        try {
            client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(controlPlane.adminKubeconfig())))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        provisioner = new LocalVolumeProvisioner(client, state.resolve("volumes"));
        provisioner.start();
        URI server = URI.create(controlPlane.server());
        List<DevNode> nodes = DevNode.layout(options.zones(), options.nodesPerZone(), subnet::nodeAddress);
        kubelet = new ProcessKubelet(
                client,
                nodes,
                options.images(),
                pids,
                state.resolve("pods"),
                subnet.octet(),
                server.getHost(),
                server.getPort(),
                KubeVersion.PINNED,
                options.shutdownGrace(),
                controlPlane.certificateAuthority());
        kubelet.start();
        awaitDefaultServiceAccount(options.startTimeout());
        LOG.info(
                "devkube ready in {} ms: {} nodes, API server {}, kubeconfig {}",
                Duration.between(t0, Instant.now()).toMillis(),
                nodes.size(),
                controlPlane.server(),
                controlPlane.adminKubeconfig());
    }

    /** Pods can be created only once the service-account controller made the namespace's default account. */
    private void awaitDefaultServiceAccount(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (client.serviceAccounts()
                        .inNamespace("default")
                        .withName("default")
                        .get()
                == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "kube-controller-manager did not create the default service account within " + timeout
                                + "; see " + options.stateDirectory().resolve("logs/kube-controller-manager.log"));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return controlPlane.adminKubeconfig();
    }

    public String server() {
        return controlPlane.server();
    }

    public List<DevNode> nodes() {
        return kubelet.nodes();
    }

    public Path stateDirectory() {
        return options.stateDirectory();
    }

    public PidRegistry pids() {
        return pids;
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    /** Time from launching etcd to a healthy control plane. */
    public Duration controlPlaneStartup() {
        return apiServerStartup;
    }

    /** The log directory of the newest incarnation of a pod (one file per container). */
    public Optional<Path> podLogDirectory(String namespace, String pod) {
        return PodLogs.newestLogDirectory(options.stateDirectory().resolve("pods"), namespace, pod);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (stateLock == null) {
            return; // never owned the state directory: nothing of ours to stop, and others' to leave alone
        }
        LOG.info("stopping devkube in {}", options.stateDirectory());
        if (kubelet != null) {
            kubelet.close();
        }
        if (provisioner != null) {
            provisioner.close();
        }
        if (client != null) {
            client.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
        pids.reapLeftovers();
        if (subnet != null) {
            subnet.close();
        }
        if (stateLock != null) {
            stateLock.close();
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** The lock a running devkube holds on its state directory. */
    public static Path lockFile(Path stateDirectory) {
        return stateDirectory.toAbsolutePath().resolve("devkube.lock");
    }

    /** Whether a devkube (in this or another process) is using the state directory right now. */
    public static boolean isInUse(Path stateDirectory) {
        Optional<ExclusiveFileLock> probe = ExclusiveFileLock.tryAcquire(lockFile(stateDirectory));
        probe.ifPresent(ExclusiveFileLock::close);
        return probe.isEmpty();
    }
}
