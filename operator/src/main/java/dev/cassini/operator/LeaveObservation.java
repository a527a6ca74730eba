package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.ClusterShape;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What the planner needs to know of datacenters that leave, read from the resource and its StatefulSets. */
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
}
