package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's half of a volume resize: a claim in {@code FileSystemResizePending} whose volume a
 * running pod of this kubelet mounts gets its filesystem grown online and its new capacity
 * reported, as a real kubelet does in its volume manager. A directory volume has no filesystem of
 * its own to grow, so only the status moves; a claim no pod here mounts waits, as it would on a real
 * node, until a pod using it starts. Claims are looked at again every few seconds for that case.
 */
final class NodeVolumeExpansion implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeVolumeExpansion.class);
    private static final long RESYNC_MILLIS = 5_000;
    private static final String STORAGE = LocalVolumeProvisioner.STORAGE;

    private final KubernetesClient client;
    private final Supplier<List<Pod>> runningPods;
    private SharedIndexInformer<PersistentVolumeClaim> claims;

    /** @param runningPods the pods this kubelet runs now */
    NodeVolumeExpansion(KubernetesClient client, Supplier<List<Pod>> runningPods) {
        this.client = client;
        this.runningPods = runningPods;
    }

    void start() {
        claims = client.persistentVolumeClaims()
                .inAnyNamespace()
                .inform(LocalVolumeProvisioner.handler(this::expand), RESYNC_MILLIS);
    }

    private void expand(PersistentVolumeClaim claim) {
        var status = claim.getStatus();
        boolean pending = status != null
                && status.getConditions() != null
                && status.getConditions().stream()
                        .anyMatch(c -> "FileSystemResizePending".equals(c.getType()) && "True".equals(c.getStatus()));
        if (!pending || !mountedHere(claim)) {
            return;
        }
        PersistentVolume volume = client.persistentVolumes()
                .withName(claim.getSpec().getVolumeName())
                .get();
        if (volume == null) {
            return;
        }
        Quantity size = volume.getSpec().getCapacity().get(STORAGE);
        String namespace = claim.getMetadata().getNamespace();
        String name = claim.getMetadata().getName();
        try {
            client.persistentVolumeClaims()
                    .inNamespace(namespace)
                    .withName(name)
                    .editStatus(c -> {
                        Map<String, Quantity> capacity = new HashMap<>(
                                c.getStatus().getCapacity() == null
                                        ? Map.of()
                                        : c.getStatus().getCapacity());
                        capacity.put(STORAGE, size);
                        c.getStatus().setCapacity(capacity);
                        c.getStatus()
                                .setConditions(ClaimConditions.without(
                                        c.getStatus().getConditions(), "FileSystemResizePending"));
                        c.getStatus().setAllocatedResourceStatuses(null);
                        return c;
                    });
            LOG.info("grew the filesystem of claim {}/{} to {} online", namespace, name, size);
        } catch (KubernetesClientException e) {
            LOG.warn("cannot finish the resize of claim {}/{}: {}", namespace, name, e.getMessage());
        }
    }

    private boolean mountedHere(PersistentVolumeClaim claim) {
        return runningPods.get().stream()
                .filter(p -> Objects.equals(
                                p.getMetadata().getNamespace(),
                                claim.getMetadata().getNamespace())
                        && p.getStatus() != null
                        && "Running".equals(p.getStatus().getPhase())
                        && p.getMetadata().getDeletionTimestamp() == null)
                .flatMap(p -> p.getSpec().getVolumes().stream())
                .anyMatch(v -> v.getPersistentVolumeClaim() != null
                        && claim.getMetadata()
                                .getName()
                                .equals(v.getPersistentVolumeClaim().getClaimName()));
    }

    @Override
    public void close() {
        if (claims != null) {
            claims.stop();
        }
    }
}
