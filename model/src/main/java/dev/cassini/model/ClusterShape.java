package dev.cassini.model;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterSpec;
import dev.cassini.api.v1alpha1.DatacenterSpec;
import dev.cassini.api.v1alpha1.RackSpec;
import dev.cassini.contract.CassandraVersions;
import dev.cassini.contract.NodeDefaults;
import dev.cassini.model.security.NodeEncryption;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec with every default applied, in the terms the model works in. One place decides the
 * defaults the schema cannot express (cluster name from metadata.name, one rack when none given).
 */
public record ClusterShape(
        String resourceName,
        String namespace,
        String clusterName,
        String cassandraVersion,
        List<DatacenterShape> datacenters,
        List<String> additionalSeeds,
        List<String> externalDatacenters,
        List<String> leavingExternalDatacenters,
        boolean authEnabled,
        boolean stopped,
        String restartedAt,
        boolean cassandraSchedulesRepairs,
        NodeEncryption encryption,
        String cassandraCaSecret,
        boolean cassandraCaGiven) {

    public static final String DEFAULT_VERSION = CassandraVersions.DEFAULT;
    /**
     * Set (to any new value, e.g. a timestamp) on the CassandraCluster to restart every node, one
     * at a time, as {@code kubectl rollout restart} does for a Deployment: the value goes into the
     * pod template, so every pod becomes outdated and the rolling restart follows.
     */
    public static final String RESTARTED_AT_ANNOTATION = "cassini.dev/restartedAt";

    public static final int TOKENS_PER_NODE = NodeDefaults.NUM_TOKENS;

    public record DatacenterShape(DatacenterSpec spec, List<RackShape> racks) {
        public String name() {
            return spec.getName();
        }

        public int size() {
            return spec.getSize();
        }

        /** The size of each node's data volume the spec asks for. */
        public String storageSize() {
            return spec.getStorage() == null || spec.getStorage().getSize() == null
                    ? NodeDefaults.STORAGE_SIZE
                    : spec.getStorage().getSize();
        }

        /** The StorageClass the spec names for the data volumes; null for the cluster's default class. */
        public String storageClass() {
            return spec.getStorage() == null ? null : spec.getStorage().getStorageClassName();
        }
    }

    public static ClusterShape of(CassandraCluster cluster) {
        CassandraClusterSpec spec = cluster.getSpec();
        String name = cluster.getMetadata().getName();
        List<DatacenterShape> dcs = new ArrayList<>();
        for (DatacenterSpec dc : spec.getDatacenters()) {
            List<RackShape> racks = new ArrayList<>();
            if (dc.getRacks() == null || dc.getRacks().isEmpty()) {
                racks.add(new RackShape(DatacenterSpec.DEFAULT_RACK, null, null));
            } else {
                for (RackSpec rack : dc.getRacks()) {
                    racks.add(new RackShape(rack.getName(), rack.getZone(), rack.getNodeAffinityLabels()));
                }
            }
            dcs.add(new DatacenterShape(dc, racks));
        }
        String caSecretRef = spec.getTls() == null ? null : spec.getTls().getCaSecretRef();
        boolean auth = spec.getAuth() == null
                || spec.getAuth().getEnabled() == null
                || spec.getAuth().getEnabled();
        return new ClusterShape(
                name,
                cluster.getMetadata().getNamespace(),
                spec.getClusterName() == null || spec.getClusterName().isBlank() ? name : spec.getClusterName(),
                spec.getCassandraVersion() == null ? DEFAULT_VERSION : spec.getCassandraVersion(),
                dcs,
                spec.getAdditionalSeeds() == null ? List.of() : spec.getAdditionalSeeds(),
                spec.getExternalDatacenters() == null
                        ? List.of()
                        : spec.getExternalDatacenters().stream()
                                .map(dev.cassini.api.v1alpha1.ExternalDatacenterSpec::getName)
                                .toList(),
                spec.getExternalDatacenters() == null
                        ? List.of()
                        : spec.getExternalDatacenters().stream()
                                .filter(dev.cassini.api.v1alpha1.ExternalDatacenterSpec::isLeaving)
                                .map(dev.cassini.api.v1alpha1.ExternalDatacenterSpec::getName)
                                .toList(),
                auth,
                spec.isStopped(),
                cluster.getMetadata().getAnnotations() == null
                        ? null
                        : cluster.getMetadata().getAnnotations().get(RESTARTED_AT_ANNOTATION),
                spec.getRepair() != null && spec.getRepair().cassandraSchedules(),
                NodeEncryption.target(spec.getTls()),
                caSecretRef == null ? new ClusterNames(name).cassandraCaSecret() : caSecretRef,
                caSecretRef != null);
    }

    /**
     * This shape with its nodes at {@code step} of the way to spec.tls (see {@link
     * dev.cassini.model.security.EncryptionRollout}): what the pod templates carry.
     */
    public ClusterShape withEncryption(NodeEncryption step) {
        return new ClusterShape(
                resourceName,
                namespace,
                clusterName,
                cassandraVersion,
                datacenters,
                additionalSeeds,
                externalDatacenters,
                leavingExternalDatacenters,
                authEnabled,
                stopped,
                restartedAt,
                cassandraSchedulesRepairs,
                step,
                cassandraCaSecret,
                cassandraCaGiven);
    }

    /**
     * Whether this resource's datacenters belong to a ring that has datacenters it does not manage:
     * its nodes join that ring instead of forming a new one.
     */
    public boolean joinsExternalRing() {
        return !externalDatacenters.isEmpty();
    }

    /**
     * The datacenter the operator's CQL sessions are local to: the first of spec.datacenters, or,
     * with none (the resource's nodes leave a ring that lives on elsewhere), the first external one
     * that stays. Never one that leaves, whose nodes may be gone when the session runs.
     */
    public String sessionDatacenter() {
        if (!datacenters.isEmpty()) {
            return datacenters.get(0).name();
        }
        return externalDatacenters.stream()
                .filter(dc -> !leavingExternalDatacenters.contains(dc))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("spec.datacenters is empty and no external datacenter"
                        + " stays: the API server refuses such a spec, so it cannot reach the operator"));
    }

    public ClusterNames names() {
        return new ClusterNames(resourceName);
    }

    /** Every desired node, datacenter by datacenter, each in rack-interleaved order. */
    public List<NodeSlot> slots() {
        List<NodeSlot> slots = new ArrayList<>();
        for (DatacenterShape dc : datacenters) {
            slots.addAll(DatacenterLayout.slots(names(), dc.name(), dc.size(), dc.racks()));
        }
        return slots;
    }

    public int desiredNodes() {
        return datacenters.stream().mapToInt(DatacenterShape::size).sum();
    }
}
