package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.model.ClusterNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches what the operator makes for its clusters (every object labelled {@code cassini.dev/cluster}
 * of these kinds) and keeps it in memory: a change to any of them reconciles its cluster at once
 * instead of at the next poll, and reads come from memory instead of the API server, so a Ready
 * cluster costs the API server no request between changes.
 *
 * <p>A cache trails the API server by the time a watch event takes. Callers read through it only
 * where a stale answer cannot do harm, and read the API server where it could (see {@link
 * KubernetesClusterObjects#existing}). Until the informers run (and in tests on fakes) every lookup
 * says so, and callers read the API server.
 */
final class ClusterInformers {
    static final List<Class<? extends HasMetadata>> KINDS = List.of(
            Pod.class,
            StatefulSet.class,
            PersistentVolumeClaim.class,
            Service.class,
            ConfigMap.class,
            PodDisruptionBudget.class);

    private final Map<Class<?>, InformerEventSource<?, CassandraCluster>> sources = new ConcurrentHashMap<>();

    /** One event source per kind, each reconciling the cluster its objects are labelled with. */
    List<EventSource<?, CassandraCluster>> eventSources(EventSourceContext<CassandraCluster> context) {
        List<EventSource<?, CassandraCluster>> created = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : KINDS) {
            InformerEventSource<?, CassandraCluster> source = source(kind, context);
            sources.put(kind, source);
            created.add(source);
        }
        return created;
    }

    private static <R extends HasMetadata> InformerEventSource<R, CassandraCluster> source(
            Class<R> kind, EventSourceContext<CassandraCluster> context) {
        return new InformerEventSource<>(
                InformerEventSourceConfiguration.from(kind, CassandraCluster.class)
                        .withName("cassini-" + kind.getSimpleName().toLowerCase())
                        .withLabelSelector(ClusterNames.LABEL_CLUSTER)
                        .withNamespacesInheritedFromController()
                        .withSecondaryToPrimaryMapper(ClusterInformers::owningCluster)
                        .build(),
                context);
    }

    /** The cluster an object belongs to: the one its label names, in its namespace. */
    static Set<ResourceID> owningCluster(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        String cluster = labels == null ? null : labels.get(ClusterNames.LABEL_CLUSTER);
        return cluster == null || cluster.isEmpty()
                ? Set.of()
                : Set.of(new ResourceID(cluster, object.getMetadata().getNamespace()));
    }

    /** The cluster's objects of this kind as the watch last saw them; empty when nothing watches the kind yet. */
    <R extends HasMetadata> Optional<List<R>> ofCluster(Class<R> kind, String namespace, String cluster) {
        InformerEventSource<R, CassandraCluster> source = source(kind);
        if (source == null) {
            return Optional.empty();
        }
        return Optional.of(source.list(namespace, o -> owningCluster(o).contains(new ResourceID(cluster, namespace)))
                .toList());
    }

    /**
     * The object of this kind and name as the watch last saw it: empty when nothing watches the kind
     * yet, an empty inner Optional when the watch has not seen it.
     */
    <R extends HasMetadata> Optional<Optional<R>> cached(Class<R> kind, String namespace, String name) {
        InformerEventSource<R, CassandraCluster> source = source(kind);
        return source == null ? Optional.empty() : Optional.of(source.get(new ResourceID(name, namespace)));
    }

    @SuppressWarnings("unchecked")
    private <R extends HasMetadata> InformerEventSource<R, CassandraCluster> source(Class<R> kind) {
        InformerEventSource<?, CassandraCluster> source = sources.get(kind);
        return source == null || !source.isRunning() ? null : (InformerEventSource<R, CassandraCluster>) source;
    }
}
