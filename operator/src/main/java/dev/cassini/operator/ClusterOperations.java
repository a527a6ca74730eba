package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.model.ClusterShape;
import java.util.Collection;

/**
 * What executing a step asks of Kubernetes (and of CQL, for the one step that sets up auth).
 * {@link KubernetesClusterOperations} does it with the API server; tests use a hand-written fake.
 */
interface ClusterOperations {
    /** Deletes the pod so its StatefulSet recreates it from the current template. */
    void deletePod(String namespace, String pod);

    /** Shrinks the StatefulSet to {@code replicas} if it has more; never grows it, so repeating is harmless. */
    void shrinkStatefulSet(String namespace, String statefulSet, int replicas);

    /**
     * Asks for {@code size} in the volume claim if it asks for less; never shrinks it, so repeating
     * is harmless. The API server refuses it when the claim's StorageClass does not allow expansion.
     */
    void growVolumeClaim(String namespace, String claim, String size);

    /**
     * Deletes the StatefulSet with its pods (and their claims) orphaned, so it can be created again
     * with a new volume claim template; the pods keep running and the new StatefulSet adopts them.
     * Only while the StatefulSet of that name has this uid: a newer one is left alone.
     */
    void orphanStatefulSet(String namespace, String statefulSet, String uid);

    /** Puts the seed label on the pod, or takes it off; a pod that is going away is skipped. */
    void labelSeed(String namespace, String pod, boolean seed);

    /** Creates the managed superuser's Secret if missing, then makes auth production-ready over CQL. */
    void initializeAuth(CassandraCluster resource, ClusterShape shape, Collection<String> addresses);

    /**
     * Gives a joining datacenter its replicas (merged in, every other datacenter kept) over CQL
     * through {@code addresses}, and returns once every node agrees on the schema.
     */
    void extendReplication(
            CassandraCluster resource,
            ClusterShape shape,
            Collection<String> addresses,
            dev.cassini.model.plan.DatacenterJoin join);

    /**
     * Takes the leaving datacenters out of every keyspace that names them (every other datacenter
     * kept; {@code system_auth} only with {@code authToo}) over CQL through {@code addresses}, and
     * returns once every node agrees on the schema.
     */
    void withdrawReplication(
            CassandraCluster resource,
            ClusterShape shape,
            Collection<String> addresses,
            java.util.Set<String> datacenters,
            boolean authToo);

    /** Deletes the StatefulSets, volume claims, Services, budget and config of a datacenter that has left the ring. */
    void removeDatacenter(String namespace, String cluster, String datacenter);
}
