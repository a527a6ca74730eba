package dev.cassini.operator;

import dev.cassini.model.ClusterNames;
import dev.cassini.model.MonitoringResources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/** {@link ClusterObjects} against the API server. */
final class KubernetesClusterObjects implements ClusterObjects {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KubernetesClusterObjects.class);
    static final String FIELD_MANAGER = "cassini-operator";
    private final KubernetesClient client;

    private final ClusterInformers informers;

    KubernetesClusterObjects(
            KubernetesClient client, ClusterInformers informers, java.time.Duration agentCertificateValidity) {
        this.client = client;
        this.informers = informers;
        this.agentCertificates = new NodeCertificates(client, java.time.Clock.systemUTC(), agentCertificateValidity);
        this.cassandraCertificates = new NodeCertificates(
                client, java.time.Clock.systemUTC(), agentCertificateValidity, NodeCertificates.Kind.CASSANDRA);
    }

    private final NodeCertificates agentCertificates;
    private final NodeCertificates cassandraCertificates;

    /**
     * When each cluster's certificates were last found in order, for which pods: they are read
     * again only when the pods change, a certificate is due, or {@link #CERTIFICATES_RECHECKED}
     * passed (someone may have deleted a Secret), so a Ready cluster's reconciles read no Secret.
     */
    private final java.util.Map<String, CertificatesChecked> certificatesChecked =
            new java.util.concurrent.ConcurrentHashMap<>();

    static final java.time.Duration CERTIFICATES_RECHECKED = java.time.Duration.ofMinutes(10);

    private record CertificatesChecked(List<RackPods> racks, java.time.Instant until) {}

    @Override
    public void issueAgentCertificates(dev.cassini.api.v1alpha1.CassandraCluster cluster, List<RackPods> racks) {
        issue(agentCertificates, cluster, racks);
    }

    @Override
    public void issueCassandraCertificates(dev.cassini.api.v1alpha1.CassandraCluster cluster, List<RackPods> racks) {
        issue(cassandraCertificates, cluster, racks);
    }

    private void issue(
            NodeCertificates certificates, dev.cassini.api.v1alpha1.CassandraCluster cluster, List<RackPods> racks) {
        String uid = cluster.getMetadata().getUid() + "/" + certificates.kind();
        java.time.Instant now = java.time.Instant.now();
        CertificatesChecked checked = certificatesChecked.get(uid);
        if (checked != null && checked.racks().equals(racks) && now.isBefore(checked.until())) {
            return;
        }
        var owner = Owner.of(cluster);
        var authority = certificates.authority(cluster, owner);
        java.time.Instant until = now.plus(CERTIFICATES_RECHECKED);
        for (RackPods rack : racks) {
            var result = certificates.rack(cluster, owner, authority, rack.datacenter(), rack.rack(), rack.pods());
            result.issue()
                    .forEach((pod, reason) -> LOG.info(
                            "issued the {} certificate of pod {}: {}",
                            certificates.kind().what(),
                            pod,
                            reason.text()));
            if (result.nextCheck() != null && result.nextCheck().isBefore(until)) {
                until = result.nextCheck();
            }
        }
        certificatesChecked.put(uid, new CertificatesChecked(List.copyOf(racks), until));
    }

    /**
     * Each object as it is: as the watch last saw it where {@link #trusted} says a stale copy can do
     * no harm, else from the API server. So a Ready cluster's reconciles read none of them there.
     */
    @Override
    public List<HasMetadata> existing(List<HasMetadata> desired) {
        return desired.stream().map(this::current).filter(Objects::nonNull).toList();
    }

    private HasMetadata current(HasMetadata desired) {
        HasMetadata cached = informers
                .cached(
                        desired.getClass(),
                        desired.getMetadata().getNamespace(),
                        desired.getMetadata().getName())
                .flatMap(o -> o)
                .orElse(null);
        return trusted(desired, cached) ? cached : client.resource(desired).get();
    }

    /**
     * Whether the watch's copy will do. Not when it has none: the object may be someone else's,
     * unlabelled, which the name clash check must see, or the operator's own, created a moment ago.
     * Not for a StatefulSet whose replicas differ from the wanted ones: applying never shrinks one,
     * so a copy from before a shrink would grow it back; the API server says how many it has now.
     */
    static boolean trusted(HasMetadata desired, HasMetadata cached) {
        if (cached == null) {
            return false;
        }
        if (cached instanceof StatefulSet have && desired instanceof StatefulSet want) {
            return have.getSpec() != null
                    && want.getSpec() != null
                    && Objects.equals(
                            have.getSpec().getReplicas(), want.getSpec().getReplicas());
        }
        return true;
    }

    @Override
    public HasMetadata apply(HasMetadata object) {
        return client.resource(object)
                .fieldManager(FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply();
    }

    @Override
    public int podsInUse(StatefulSet statefulSet) {
        String prefix = statefulSet.getMetadata().getName() + "-";
        return client
                .pods()
                .inNamespace(statefulSet.getMetadata().getNamespace())
                .withLabels(statefulSet.getSpec().getSelector().getMatchLabels())
                .list()
                .getItems()
                .stream()
                .map(p -> p.getMetadata().getName())
                .filter(name -> name.startsWith(prefix)
                        && name.substring(prefix.length()).chars().allMatch(Character::isDigit))
                .mapToInt(name -> Integer.parseInt(name.substring(prefix.length())) + 1)
                .max()
                .orElse(0);
    }

    static final java.time.Duration POD_MONITOR_CRD_RECHECK = java.time.Duration.ofMinutes(10);

    /** Whether the PodMonitor CRD exists, and when that was last asked. */
    private record PodMonitorCrd(boolean exists, java.time.Instant askedAt) {}

    private volatile PodMonitorCrd podMonitorCrd;

    /**
     * Asked again once per {@link #POD_MONITOR_CRD_RECHECK}, not on every reconcile: the Prometheus
     * operator is installed rarely, and its PodMonitors then follow within that time.
     */
    @Override
    public boolean podMonitorsAvailable() {
        java.time.Instant now = java.time.Instant.now();
        PodMonitorCrd last = podMonitorCrd;
        if (last == null || !now.isBefore(last.askedAt().plus(POD_MONITOR_CRD_RECHECK))) {
            boolean exists = client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(MonitoringResources.POD_MONITOR_CRD)
                            .get()
                    != null;
            last = new PodMonitorCrd(exists, now);
            podMonitorCrd = last;
        }
        return last.exists();
    }

    @Override
    public void deleteVolumeClaims(String namespace, String cluster) {
        client.persistentVolumeClaims()
                .inNamespace(namespace)
                .withLabel(ClusterNames.LABEL_CLUSTER, cluster)
                .delete();
    }
}
