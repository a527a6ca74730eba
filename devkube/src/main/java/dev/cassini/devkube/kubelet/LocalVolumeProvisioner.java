package dev.cassini.devkube.kubelet;

import dev.cassini.devkube.DirectoryTree;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The external provisioner and resizer of the {@value #STORAGE_CLASS} StorageClass (the default class): for
 * each pending claim of that class it creates a hostPath PersistentVolume backed by a directory
 * and pre-bound to the claim, which kube-controller-manager's PV binder then binds as usual. A
 * Released volume whose reclaim policy is Delete loses its directory and its object.
 * The volumes carry no node affinity: every devkube node shares this machine's disk, so a pod
 * keeps its data wherever it is rescheduled.
 *
 * <p>The class allows expansion. A bound claim asking for more than its volume has is grown the way
 * a CSI driver's external resizer does it: the claim is marked {@code Resizing}, the volume's
 * capacity is raised (a directory has no size of its own to grow), and the claim then waits in
 * {@code FileSystemResizePending} for the kubelet of the node that mounts it ({@link
 * NodeVolumeExpansion}) to grow the filesystem and report the new capacity.
 */
public final class LocalVolumeProvisioner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalVolumeProvisioner.class);
    public static final String STORAGE_CLASS = "devkube-local";
    public static final String PROVISIONER = "devkube.cassini.dev/local";
    static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
    static final String STORAGE = "storage";

    private final KubernetesClient client;
    private final Path volumesRoot;
    private SharedIndexInformer<PersistentVolumeClaim> claims;
    private SharedIndexInformer<PersistentVolume> volumes;

    public LocalVolumeProvisioner(KubernetesClient client, Path volumesRoot) {
        this.client = client;
        this.volumesRoot = volumesRoot;
    }

    public void start() {
        StorageClass storageClass = new StorageClassBuilder()
                .withNewMetadata()
                .withName(STORAGE_CLASS)
                .withAnnotations(Map.of("storageclass.kubernetes.io/is-default-class", "true"))
                .endMetadata()
                .withProvisioner(PROVISIONER)
                .withReclaimPolicy("Delete")
                .withVolumeBindingMode("Immediate")
                .withAllowVolumeExpansion(true)
                .build();
        client.storage().v1().storageClasses().resource(storageClass).createOr(existing -> existing.update());
        claims = client.persistentVolumeClaims()
                .inAnyNamespace()
                .inform(
                        handler(claim -> {
                            provision(claim);
                            resize(claim);
                        }),
                        0);
        volumes = client.persistentVolumes().inform(handler(this::reclaim), 0);
        LOG.info("provisioning StorageClass {} (default) as directories under {}", STORAGE_CLASS, volumesRoot);
    }

    private void provision(PersistentVolumeClaim claim) {
        var spec = claim.getSpec();
        boolean ours = STORAGE_CLASS.equals(spec.getStorageClassName());
        boolean unbound = spec.getVolumeName() == null || spec.getVolumeName().isEmpty();
        if (!ours || !unbound || claim.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String name = "pvc-" + claim.getMetadata().getUid();
        Path dir = volumesRoot.resolve(name);
        var requests = spec.getResources() == null ? null : spec.getResources().getRequests();
        PersistentVolume volume = new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName(name)
                .withAnnotations(Map.of(PROVISIONED_BY, PROVISIONER))
                .endMetadata()
                .withNewSpec()
                .withCapacity(Map.of(
                        "storage",
                        requests != null && requests.get("storage") != null
                                ? requests.get("storage")
                                : new Quantity("1Gi")))
                .withAccessModes(spec.getAccessModes())
                .withVolumeMode(spec.getVolumeMode() == null ? "Filesystem" : spec.getVolumeMode())
                .withStorageClassName(STORAGE_CLASS)
                .withPersistentVolumeReclaimPolicy(reclaimPolicy())
                .withNewClaimRef()
                .withApiVersion("v1")
                .withKind("PersistentVolumeClaim")
                .withNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName())
                .withUid(claim.getMetadata().getUid())
                .endClaimRef()
                .withNewHostPath()
                .withPath(dir.toString())
                .withType("DirectoryOrCreate")
                .endHostPath()
                .endSpec()
                .build();
        try {
            Files.createDirectories(dir);
            client.persistentVolumes().resource(volume).create();
            LOG.info(
                    "provisioned volume {} at {} for claim {}/{}",
                    name,
                    dir,
                    claim.getMetadata().getNamespace(),
                    claim.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                LOG.warn(
                        "cannot provision a volume for claim {}/{}: {}",
                        claim.getMetadata().getNamespace(),
                        claim.getMetadata().getName(),
                        e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create volume directory " + dir, e);
        }
    }

    /** The controller half of a resize: the volume gets the size the claim asks for. */
    private void resize(PersistentVolumeClaim claim) {
        var spec = claim.getSpec();
        if (!STORAGE_CLASS.equals(spec.getStorageClassName())
                || spec.getVolumeName() == null
                || spec.getVolumeName().isEmpty()
                || claim.getMetadata().getDeletionTimestamp() != null
                || spec.getResources() == null
                || spec.getResources().getRequests() == null) {
            return;
        }
        Quantity requested = spec.getResources().getRequests().get(STORAGE);
        Quantity capacity = claim.getStatus() == null || claim.getStatus().getCapacity() == null
                ? null
                : claim.getStatus().getCapacity().get(STORAGE);
        if (requested == null || capacity == null || !larger(requested, capacity)) {
            return; // not bound yet, or nothing to grow
        }
        // Read fresh: the volume may have grown already and only the kubelet's half be left.
        PersistentVolume volume =
                client.persistentVolumes().withName(spec.getVolumeName()).get();
        if (volume == null || !larger(requested, volume.getSpec().getCapacity().get(STORAGE))) {
            return;
        }
        String namespace = claim.getMetadata().getNamespace();
        String name = claim.getMetadata().getName();
        try {
            claims(namespace, name).editStatus(c -> {
                c.getStatus().setConditions(ClaimConditions.with(c.getStatus().getConditions(), "Resizing", null));
                c.getStatus().setAllocatedResources(new HashMap<>(Map.of(STORAGE, requested)));
                c.getStatus()
                        .setAllocatedResourceStatuses(new HashMap<>(Map.of(STORAGE, "ControllerResizeInProgress")));
                return c;
            });
            client.persistentVolumes().withName(volume.getMetadata().getName()).edit(v -> {
                v.getSpec().getCapacity().put(STORAGE, requested);
                return v;
            });
            claims(namespace, name).editStatus(c -> {
                c.getStatus()
                        .setConditions(
                                ClaimConditions.with(
                                        ClaimConditions.without(c.getStatus().getConditions(), "Resizing"),
                                        "FileSystemResizePending",
                                        "Waiting for user to (re-)start a pod to finish file system resize of volume on node."));
                c.getStatus().setAllocatedResourceStatuses(new HashMap<>(Map.of(STORAGE, "NodeResizePending")));
                return c;
            });
            LOG.info("grew volume {} of claim {}/{} to {}", volume.getMetadata().getName(), namespace, name, requested);
        } catch (KubernetesClientException e) {
            LOG.warn("cannot grow the volume of claim {}/{}: {}", namespace, name, e.getMessage());
        }
    }

    private io.fabric8.kubernetes.client.dsl.Resource<PersistentVolumeClaim> claims(String namespace, String name) {
        return client.persistentVolumeClaims().inNamespace(namespace).withName(name);
    }

    static boolean larger(Quantity a, Quantity b) {
        return b == null || a.getNumericalAmount().compareTo(b.getNumericalAmount()) > 0;
    }

    private String reclaimPolicy() {
        StorageClass sc =
                client.storage().v1().storageClasses().withName(STORAGE_CLASS).get();
        return sc == null || sc.getReclaimPolicy() == null ? "Delete" : sc.getReclaimPolicy();
    }

    private void reclaim(PersistentVolume volume) {
        boolean ours = PROVISIONER.equals(
                volume.getMetadata().getAnnotations() == null
                        ? null
                        : volume.getMetadata().getAnnotations().get(PROVISIONED_BY));
        boolean released = volume.getStatus() != null
                && "Released".equals(volume.getStatus().getPhase());
        if (!ours
                || !released
                || !"Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy())
                || volume.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        Path dir = Path.of(volume.getSpec().getHostPath().getPath());
        try {
            if (dir.startsWith(volumesRoot)) {
                DirectoryTree.delete(dir);
            }
            client.persistentVolumes().withName(volume.getMetadata().getName()).delete();
            LOG.info(
                    "deleted released volume {} and its directory {}",
                    volume.getMetadata().getName(),
                    dir);
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "cannot delete released volume {}: {}", volume.getMetadata().getName(), e.getMessage());
        }
    }

    /** A handler that hands every added or changed object to {@code onChange}; deletions are ignored. */
    static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                // nothing: deletion is driven by the Released phase
            }
        };
    }

    @Override
    public void close() {
        if (claims != null) {
            claims.stop();
        }
        if (volumes != null) {
            volumes.stop();
        }
    }
}
