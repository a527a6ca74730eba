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
    static final String FIELD_MANAGER = "cassini-operator";
    private final KubernetesClient client;

    KubernetesClusterObjects(KubernetesClient client) {
        this.client = client;
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
