package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written stand-in for the API server's side of a reconcile: objects by kind and name,
 * every apply recorded (and stored, as server-side apply would), and a refusal a test can set.
 */
final class FakeClusterObjects implements ClusterObjects {
    final Map<String, HasMetadata> stored = new LinkedHashMap<>();
    final List<HasMetadata> applied = new ArrayList<>();
    final List<String> deletedClaims = new ArrayList<>();
    private int created;
    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
            new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    boolean podMonitors;
    /** Applies of these objects (by "Kind/name") fail with the exception, as the API server refusing them would. */
    final Map<String, RuntimeException> refusals = new LinkedHashMap<>();

    static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    void put(HasMetadata object) {
        stored.put(key(object), object);
    }

    @Override
    public List<HasMetadata> existing(List<HasMetadata> desired) {
        return desired.stream()
                .map(d -> stored.get(key(d)))
                .filter(o -> o != null)
                .toList();
    }

    @Override
    public HasMetadata apply(HasMetadata object) {
        RuntimeException refusal = refusals.get(key(object));
        if (refusal != null) {
            throw refusal;
        }
        applied.add(object);
        // Like the API server, an object created anew gets a uid of its own; an update keeps it.
        HasMetadata before = stored.get(key(object));
        HasMetadata kept = SERIALIZATION.clone(object);
        kept.getMetadata()
                .setUid(before != null ? before.getMetadata().getUid() : "uid-" + key(object) + "-" + ++created);
        stored.put(key(object), kept);
        return kept;
    }

    /** Pods in use by StatefulSet name, as {@link #podsInUse} reports them. */
    final Map<String, Integer> podsInUse = new LinkedHashMap<>();

    @Override
    public int podsInUse(StatefulSet statefulSet) {
        return podsInUse.getOrDefault(statefulSet.getMetadata().getName(), 0);
    }

    /** The racks of each issueAgentCertificates call, in order. */
    final List<List<RackPods>> certificateRequests = new ArrayList<>();
    /** Certificates fail with this, as an API server refusing the Secret's write would. */
    RuntimeException certificateRefusal;
    /** How many objects had been applied when certificates were first asked for. */
    int appliedBeforeCertificates = -1;

    /** The racks of each issueCassandraCertificates call, in order. */
    final List<List<RackPods>> cassandraCertificateRequests = new ArrayList<>();

    @Override
    public void issueCassandraCertificates(dev.cassini.api.v1alpha1.CassandraCluster cluster, List<RackPods> racks) {
        cassandraCertificateRequests.add(racks);
    }

    @Override
    public void issueAgentCertificates(dev.cassini.api.v1alpha1.CassandraCluster cluster, List<RackPods> racks) {
        if (certificateRequests.isEmpty()) {
            appliedBeforeCertificates = applied.size();
        }
        certificateRequests.add(racks);
        if (certificateRefusal != null) {
            throw certificateRefusal;
        }
    }

    @Override
    public boolean podMonitorsAvailable() {
        return podMonitors;
    }

    @Override
    public void deleteVolumeClaims(String namespace, String cluster) {
        deletedClaims.add(namespace + "/" + cluster);
    }
}
