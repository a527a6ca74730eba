package dev.cassini.api.v1alpha1;

import dev.cassini.devkube.binaries.KubeBinaries;
import dev.cassini.devkube.controlplane.ControlPlane;
import dev.cassini.devkube.controlplane.LoopbackSubnet;
import dev.cassini.devkube.process.ExclusiveFileLock;
import dev.cassini.devkube.process.PidRegistry;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver (with etcd, from devkube's control plane; no kubelet, no pods) with the
 * CRDs from {@code deploy/crds} installed. {@link #close()} stops every process
 * it started, so a test class that opens one must close it, also when it fails. Public, and in the
 * api module's test-jar, for the cli's ITs.
 */
public final class KubeApiServer implements AutoCloseable {
    // The same lock directory as devkube's, so this never takes a subnet a running devkube holds.
    private static final Path SUBNET_LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "cassini-devkube-subnets");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ExclusiveFileLock stateLock;
    private final PidRegistry pids;
    private LoopbackSubnet subnet;
    private ControlPlane controlPlane;
    private KubernetesClient client;

    private KubeApiServer(ExclusiveFileLock stateLock, Path stateDirectory) {
        this.stateLock = stateLock;
        this.pids = new PidRegistry(stateDirectory.resolve("pids"));
    }

    /**
     * Starts etcd and kube-apiserver in {@code stateDirectory} (or {@code <stateDirectory>-2}, ...
     * while another build in the same tree uses it) and installs the committed CRD.
     */
    public static KubeApiServer startWithCrd(Path stateDirectory) {
        Path directory = stateDirectory;
        Optional<ExclusiveFileLock> lock;
        // Owning the directory first means reaping leftovers there never kills another build's processes.
        for (int i = 2; (lock = ExclusiveFileLock.tryAcquire(directory.resolve("apiserver.lock"))).isEmpty(); i++) {
            directory = stateDirectory.resolveSibling(stateDirectory.getFileName() + "-" + i);
        }
        KubeApiServer server = new KubeApiServer(lock.get(), directory);
        try {
            // A run killed half-way left processes recorded here; they must not outlive it.
            server.pids.reapLeftovers();
            server.subnet = LoopbackSubnet.claim(SUBNET_LOCKS, Math.floorMod(directory.hashCode(), 187) + 64);
            server.controlPlane = ControlPlane.start(
                    KubeBinaries.findOrBuild(System.getenv()),
                    directory,
                    server.subnet.controlPlaneAddress(),
                    server.pids,
                    START_TIMEOUT);
            server.client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(server.controlPlane.adminKubeconfig())))
                    .build();
            for (String fileName : CrdFiles.FILE_NAMES) {
                server.installCrd(CrdFiles.committed(fileName));
            }
            return server;
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return controlPlane.adminKubeconfig();
    }

    /** Creates these namespaces. */
    public void createNamespaces(String... names) {
        for (String name : names) {
            client.namespaces()
                    .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    private void installCrd(Path file) throws IOException {
        CustomResourceDefinition crd = client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .load(file.toFile())
                .item();
        client.resource(crd).create();
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(crd.getMetadata().getName())
                .waitUntilCondition(CrdEstablished::test, 30, TimeUnit.SECONDS);
        awaitServed();
    }

    /** Established does not mean every handler is ready; the first requests may still see 404. */
    private void awaitServed() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                client.resources(CassandraCluster.class).inNamespace("default").list();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the CassandraCluster API", e);
            }
        }
    }

    @Override
    public void close() {
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
        stateLock.close();
    }
}
