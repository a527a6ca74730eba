package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;

/**
 * The Kubernetes objects a reconcile reads and writes for a cluster. {@link KubernetesClusterObjects}
 * uses the API server (server-side apply); tests use a hand-written fake.
 */
interface ClusterObjects {
    /** The objects that exist now under the desired objects' names (absent ones are left out). */
    List<HasMetadata> existing(List<HasMetadata> desired);

    /** Server-side apply as the operator's field manager, taking over conflicting fields; the object as stored. */
    HasMetadata apply(HasMetadata object);

    /**
     * How many replicas the StatefulSet's running pods take: one more than the highest ordinal among
     * the pods its selector matches, 0 when there are none.
     */
    int podsInUse(StatefulSet statefulSet);

    /** The Prometheus Operator's PodMonitor CRD is installed, so a PodMonitor can be applied. */
    boolean podMonitorsAvailable();

    /**
     * Issues the agent API certificates these pods need (new pods, renewals, a new CA) into their
     * racks' Secrets, creating the cluster's CA the first time, so a pod finds its certificate
     * when it starts.
     */
    void issueAgentCertificates(dev.cassini.api.v1alpha1.CassandraCluster cluster, List<RackPods> racks);

    /**
     * Issues Cassandra's node certificates (spec.tls) as {@link #issueAgentCertificates} does the
     * agents', from the cluster's Cassandra CA: the operator's own, or the one spec.tls.caSecretRef names.
     */
    void issueCassandraCertificates(dev.cassini.api.v1alpha1.CassandraCluster cluster, List<RackPods> racks);

    /** The pods of one rack that need a certificate, by name. */
    record RackPods(String datacenter, String rack, List<String> pods) {
        public RackPods {
            pods = List.copyOf(pods);
        }
    }

    /** Deletes every volume claim of the cluster (deletionPolicy: Delete). */
    void deleteVolumeClaims(String namespace, String cluster);
}
