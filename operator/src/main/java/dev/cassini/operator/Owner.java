package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.model.ClusterNames;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;

/** The owner reference that ties every created object to its CassandraCluster (garbage collected with it). */
final class Owner {
    private Owner() {}

    static OwnerReference of(CassandraCluster cluster) {
        return new OwnerReferenceBuilder()
                .withApiVersion(cluster.getApiVersion())
                .withKind(cluster.getKind())
                .withName(cluster.getMetadata().getName())
                .withUid(cluster.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** A Secret of the cluster's, in its namespace, labelled as the operator's and owned by the cluster. */
    static SecretBuilder secret(CassandraCluster cluster, OwnerReference owner, String name) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(cluster.getMetadata().getNamespace())
                .withLabels(Map.of(
                        ClusterNames.LABEL_CLUSTER,
                        cluster.getMetadata().getName(),
                        ClusterNames.LABEL_MANAGED_BY,
                        ClusterNames.MANAGED_BY))
                .withOwnerReferences(owner)
                .endMetadata();
    }
}
