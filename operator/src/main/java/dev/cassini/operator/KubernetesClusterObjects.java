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

    KubernetesClusterObjects(KubernetesClient client, java.time.Duration agentCertificateValidity) {
        this.client = client;
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

    @Override
    public List<HasMetadata> existing(List<HasMetadata> desired) {
        return desired.stream()
                .map(object -> client.resource(object).get())
                .filter(Objects::nonNull)
                .toList();
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

    @Override
    public boolean podMonitorsAvailable() {
        return client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(MonitoringResources.POD_MONITOR_CRD)
                        .get()
                != null;
    }

    @Override
    public void deleteVolumeClaims(String namespace, String cluster) {
        client.persistentVolumeClaims()
                .inNamespace(namespace)
                .withLabel(ClusterNames.LABEL_CLUSTER, cluster)
                .delete();
    }
}
