package dev.cassini.devkube.kubelet;

import dev.cassini.devkube.image.ImageLauncherRegistry;
import dev.cassini.devkube.process.PidRegistry;
import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.IssuedCertificate;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kubelet for several Nodes at once that runs pods as local processes. It registers the nodes,
 * keeps their leases alive, and gives every pod bound to one of them a {@link PodWorker}.
 */
public final class ProcessKubelet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessKubelet.class);
    private static final Duration LEASE_RENEW = Duration.ofSeconds(10);
    private static final int STATUS_EVERY_N_LEASES = 6;

    private final KubeletContext ctx;
    private final List<DevNode> nodes;
    private final Set<String> nodeNames;
    private final String kubeVersion;
    private final KubeletLogServer logServer;
    private final IssuedCertificate servingCertificate;
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "devkube-node-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private SharedIndexInformer<Pod> pods;
    private NodeVolumeExpansion volumeExpansion;

    public ProcessKubelet(
            KubernetesClient client,
            List<DevNode> nodes,
            ImageLauncherRegistry images,
            PidRegistry pids,
            Path podsRoot,
            int subnetOctet,
            String apiServerHost,
            int apiServerPort,
            String kubeVersion,
            Duration shutdownGrace,
            CertificateAuthority ca) {
        this.nodes = List.copyOf(nodes);
        this.nodeNames = nodes.stream().map(DevNode::name).collect(Collectors.toUnmodifiableSet());
        Map<String, String> addresses = nodes.stream().collect(Collectors.toMap(DevNode::name, DevNode::address));
        this.ctx = new KubeletContext(
                client,
                new ClientObjectLookup(client),
                images,
                new PodIpAllocator(subnetOctet),
                pids,
                new PodEvents(client),
                podsRoot,
                addresses,
                apiServerHost,
                apiServerPort,
                shutdownGrace);
        this.kubeVersion = kubeVersion;
        this.logServer = new KubeletLogServer(podsRoot, pids);
        this.servingCertificate = ca.issueServer(
                "devkube-kubelet",
                nodes.stream().map(DevNode::name).toList(),
                nodes.stream().map(DevNode::address).toList());
    }

    public List<DevNode> nodes() {
        return nodes;
    }

    public void start() {
        int port = logServer.start(nodes.stream().map(DevNode::address).toList(), 0, servingCertificate);
        NodeRegistrar registrar = new NodeRegistrar(ctx.client(), nodes, kubeVersion, port);
        registrar.registerAll();
        AtomicLong beats = new AtomicLong();
        heartbeats.scheduleWithFixedDelay(
                () -> registrar.heartbeat(beats.incrementAndGet() % STATUS_EVERY_N_LEASES == 0),
                LEASE_RENEW.toMillis(),
                LEASE_RENEW.toMillis(),
                TimeUnit.MILLISECONDS);
        pods = ctx.client()
                .pods()
                .inAnyNamespace()
                .inform(
                        new ResourceEventHandler<>() {
                            @Override
                            public void onAdd(Pod pod) {
                                sync(pod);
                            }

                            @Override
                            public void onUpdate(Pod oldPod, Pod newPod) {
                                sync(newPod);
                            }

                            @Override
                            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                                PodWorker worker =
                                        workers.remove(pod.getMetadata().getUid());
                                if (worker != null) {
                                    worker.markGone();
                                }
                            }
                        },
                        0);
        volumeExpansion = new NodeVolumeExpansion(
                ctx.client(),
                () -> pods.getStore().list().stream()
                        .filter(p -> nodeNames.contains(p.getSpec().getNodeName()))
                        .toList());
        volumeExpansion.start();
        LOG.info("process kubelet runs nodes {}", nodeNames);
    }

    private void sync(Pod pod) {
        String node = pod.getSpec().getNodeName();
        if (node == null || !nodeNames.contains(node)) {
            return;
        }
        String uid = pod.getMetadata().getUid();
        PodWorker existing = workers.get(uid);
        if (existing != null) {
            existing.update(pod);
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            deleteNow(pod); // never started here (e.g. before a restart): nothing to stop
            return;
        }
        PodWorker worker = new PodWorker(ctx, pod);
        if (workers.putIfAbsent(uid, worker) == null) {
            worker.start();
        }
    }

    private void deleteNow(Pod pod) {
        try {
            ctx.client()
                    .pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .withGracePeriod(0)
                    .delete();
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "pod {}/{}: cannot delete: {}",
                    pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(),
                    e.getMessage());
        }
    }

    /** Stops every pod's processes (in parallel, so grace periods overlap); the API objects stay. */
    @Override
    public void close() {
        if (volumeExpansion != null) {
            volumeExpansion.close();
        }
        if (pods != null) {
            pods.stop();
        }
        heartbeats.shutdownNow();
        List<Thread> stoppers = workers.values().stream()
                .map(w -> {
                    Thread t = new Thread(w::shutdown, "devkube-pod-stop");
                    t.start();
                    return t;
                })
                .toList();
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        ctx.events().close();
        logServer.close();
    }
}
