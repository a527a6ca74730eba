package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.contract.RingEndpoint;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.ClusterShape;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the planner needs to know of datacenters that leave, read from the resource, its StatefulSets and the ring. */
final class LeaveObservation {
    /** The annotation that lets a datacenter leave although applications are still connected to it. */
    static final String FORCE_LEAVE = "cassini.dev/force-leave";

    private LeaveObservation() {}

    static boolean forced(CassandraCluster resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(FORCE_LEAVE));
    }

    /** The datacenters gone from the spec that still have StatefulSets, sorted. */
    static List<String> leftoverDatacenters(ClusterShape shape, List<StatefulSet> statefulSets) {
        Set<String> desired = shape.datacenters().stream().map(dc -> dc.name()).collect(Collectors.toSet());
        return statefulSets.stream()
                .map(set -> set.getMetadata().getLabels())
                .filter(labels -> labels != null && labels.containsKey(ClusterNames.LABEL_DATACENTER))
                .map(labels -> labels.get(ClusterNames.LABEL_DATACENTER))
                .filter(dc -> !desired.contains(dc))
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * Every node of the leaving external datacenters as the ring views show it, by address; a view
     * that sees one up wins over one that does not.
     */
    static Map<String, RingEndpoint> leavingExternalEndpoints(
            List<String> leaving, Map<String, Optional<List<RingEndpoint>>> rings) {
        Map<String, RingEndpoint> endpoints = new TreeMap<>();
        rings.values()
                .forEach(view -> view.orElse(List.of()).stream()
                        .filter(e -> leaving.contains(e.datacenter()))
                        .forEach(e -> endpoints.merge(e.address(), e, (a, b) -> a.up() ? a : b)));
        return endpoints;
    }

    /**
     * The spec's additionalSeeds without those of leaving external datacenters (or no longer in the
     * ring at all), once this resource's own nodes have formed the ring and can be its seeds; all of
     * them otherwise.
     */
    static List<String> stayingSeeds(
            ClusterShape shape, Map<String, Optional<List<RingEndpoint>>> rings, boolean ringFormed) {
        if (shape.leavingExternalDatacenters().isEmpty() || !ringFormed) {
            return shape.additionalSeeds();
        }
        Map<String, String> datacenterOf = new HashMap<>();
        rings.values()
                .forEach(view -> view.orElse(List.of()).forEach(e -> datacenterOf.put(e.address(), e.datacenter())));
        return shape.additionalSeeds().stream()
                .filter(seed -> datacenterOf.containsKey(seed)
                        && !shape.leavingExternalDatacenters().contains(datacenterOf.get(seed)))
                .toList();
    }
}
