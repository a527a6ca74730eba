package dev.cassini.model.plan;

import dev.cassini.model.migration.RebuildPlan;
import java.util.Optional;

/**
 * The next step of the datacenters that join a running cluster, once all their nodes are NORMAL:
 * replicas for the keyspaces first, then the rebuilds. One datacenter at a time, in spec order, so
 * two joins never compete for the same source's disks and network.
 */
public final class JoinPlan {
    private JoinPlan() {}

    /** Empty when no datacenter is joining, or every joining one holds its data. */
    public static Optional<Action> next(ObservedCluster cluster) {
        for (DatacenterJoin join : cluster.joins()) {
            if (!join.replicated()) {
                return Optional.of(new Action.ExtendReplication(
                        join,
                        "datacenter " + join.datacenter() + " joined the ring: giving it replicas of the keyspaces"
                                + " (every other datacenter's replication stays as it is)"));
            }
            Optional<String> disagreement = schemaDisagreement(cluster);
            if (disagreement.isPresent()) {
                // A node still pulling the schema has no table for what the rebuild streams to it,
                // and Cassandra fails the whole stream.
                return Optional.of(new Action.Wait(datacenter(join, disagreement.get())));
            }
            RebuildPlan.Step step = RebuildPlan.next(join.rebuilds(), join.source(), join.maxConcurrentRebuilds());
            Optional<Action> action;
            if (step instanceof RebuildPlan.Start start) {
                action = Optional.of(new Action.Rebuild(start.pods(), join.source(), datacenter(join, start.reason())));
            } else if (step instanceof RebuildPlan.Rebuilt) {
                action = Optional.empty();
            } else if (step instanceof RebuildPlan.Wait) {
                action = Optional.of(new Action.Wait(datacenter(join, step.reason())));
            } else {
                // Refuse (too little disk) or Fail (a rebuild failed): the datacenter keeps what it has
                // and the reason says what to do; the rest of the cluster keeps serving.
                action = Optional.of(new Action.Refuse(Action.Refuse.REBUILD, datacenter(join, step.reason())));
            }
            if (action.isPresent()) {
                return action;
            }
        }
        return Optional.empty();
    }

    /** Why the nodes do not agree on the schema yet, naming the nodes behind the most common version. */
    static Optional<String> schemaDisagreement(ObservedCluster cluster) {
        java.util.Map<String, java.util.List<String>> byVersion = new java.util.TreeMap<>();
        for (ObservedNode node : cluster.nodes()) {
            String version = cluster.schemaVersions().getOrDefault(node.pod(), "unknown");
            byVersion.computeIfAbsent(version, v -> new java.util.ArrayList<>()).add(node.pod());
        }
        if (byVersion.size() == 1 && !byVersion.containsKey("unknown")) {
            return Optional.empty();
        }
        String common = byVersion.entrySet().stream()
                .filter(e -> !e.getKey().equals("unknown"))
                .max(java.util.Comparator.comparingInt(e -> e.getValue().size()))
                .map(java.util.Map.Entry::getKey)
                .orElse("");
        java.util.List<String> behind = cluster.nodes().stream()
                .map(ObservedNode::pod)
                .filter(pod -> !common.equals(cluster.schemaVersions().get(pod)))
                .toList();
        return Optional.of("waiting for every node to agree on the schema before the rebuild: "
                + String.join(", ", behind) + " not on " + (common.isEmpty() ? "a known version" : common) + " yet");
    }

    private static String datacenter(DatacenterJoin join, String reason) {
        return "datacenter " + join.datacenter() + " joins: " + reason;
    }
}
