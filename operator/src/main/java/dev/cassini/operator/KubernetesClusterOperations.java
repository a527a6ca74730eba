package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.ClusterShape;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;
import java.util.Map;

/** {@link ClusterOperations} against the API server. */
final class KubernetesClusterOperations implements ClusterOperations {
    private final KubernetesClient client;

    KubernetesClusterOperations(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void deletePod(String namespace, String pod) {
        client.pods().inNamespace(namespace).withName(pod).delete();
    }

    @Override
    public void shrinkStatefulSet(String namespace, String statefulSet, int replicas) {
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(statefulSet)
                .edit(set -> {
                    if (set.getSpec().getReplicas() > replicas) {
                        set.getSpec().setReplicas(replicas);
                    }
                    return set;
                });
    }

    @Override
    public void growVolumeClaim(String namespace, String claim, String size) {
        Quantity wanted = new Quantity(size);
        client.persistentVolumeClaims().inNamespace(namespace).withName(claim).edit(pvc -> {
            Quantity current = pvc.getSpec().getResources().getRequests().get("storage");
            if (current == null || current.getNumericalAmount().compareTo(wanted.getNumericalAmount()) < 0) {
                pvc.getSpec().getResources().getRequests().put("storage", wanted);
            }
            return pvc;
        });
    }

    @Override
    public void orphanStatefulSet(String namespace, String statefulSet, String uid) {
        var resource = client.apps().statefulSets().inNamespace(namespace).withName(statefulSet);
        // Read from the API server, not the watch: the plan may come from a copy a moment old, made
        // before the StatefulSet was re-created, and deleting the new one would orphan pods it has
        // just adopted (reconciles of one cluster do not overlap, so nothing creates it in between).
        StatefulSet current = resource.get();
        if (current == null || !current.getMetadata().getUid().equals(uid)) {
            return;
        }
        resource.withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    }

    @Override
    public void labelSeed(String namespace, String pod, boolean seed) {
        try {
            client.pods().inNamespace(namespace).withName(pod).edit(p -> {
                if (seed) {
                    p.getMetadata().getLabels().put(ClusterNames.LABEL_SEED, "true");
                } else {
                    p.getMetadata().getLabels().remove(ClusterNames.LABEL_SEED);
                }
                return p;
            });
        } catch (KubernetesClientException e) {
            // The pod may be going away; the next reconcile labels what is there then.
        }
    }

    @Override
    public void initializeAuth(CassandraCluster resource, ClusterShape shape, Collection<String> addresses) {
        var credentials = SuperuserSecret.ensure(client, resource, shape.clusterName(), Owner.of(resource));
        AuthInitializer.initialize(shape, addresses, credentials, CqlTransport.of(client, resource));
    }

    @Override
    public void extendReplication(
            CassandraCluster resource,
            ClusterShape shape,
            Collection<String> addresses,
            dev.cassini.model.plan.DatacenterJoin join) {
        try (com.datastax.oss.driver.api.core.CqlSession session =
                ClusterSchema.connect(client, resource, addresses, join.source())) {
            ReplicationChanges.extend(session, join);
        }
    }

    @Override
    public void withdrawReplication(
            CassandraCluster resource,
            ClusterShape shape,
            Collection<String> addresses,
            java.util.Set<String> datacenters,
            boolean authToo) {
        try (com.datastax.oss.driver.api.core.CqlSession session =
                ClusterSchema.connect(client, resource, addresses, shape.sessionDatacenter())) {
            ReplicationChanges.withdraw(session, datacenters, authToo);
        }
    }

    @Override
    public void removeDatacenter(String namespace, String cluster, String datacenter) {
        Map<String, String> labels =
                Map.of(ClusterNames.LABEL_CLUSTER, cluster, ClusterNames.LABEL_DATACENTER, datacenter);
        client.apps().statefulSets().inNamespace(namespace).withLabels(labels).delete();
        // Its claims go with its pods as the StatefulSets shrink; any left would hold a decommissioned
        // node's data, which must never come back as a node.
        client.persistentVolumeClaims()
                .inNamespace(namespace)
                .withLabels(labels)
                .delete();
        client.services().inNamespace(namespace).withLabels(labels).delete();
        client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .withLabels(labels)
                .delete();
        client.configMaps().inNamespace(namespace).withLabels(labels).delete();
    }
}
