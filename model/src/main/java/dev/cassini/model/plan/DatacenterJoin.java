package dev.cassini.model.plan;

import dev.cassini.model.migration.RebuildPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A datacenter added to a running cluster, until it holds its data: its nodes start with tokens of
 * their own and without bootstrap (a bootstrap into a datacenter no keyspace replicates to yet
 * would stream nothing), the keyspaces get replicas in it, then each node rebuilds from the source.
 *
 * @param datacenter the joining datacenter
 * @param source the datacenter it rebuilds from
 * @param maxConcurrentRebuilds how many of its nodes rebuild at once; 0 for one per rack
 * @param systemFactor the replicas Cassandra's distributed system keyspaces get in it
 * @param defaultFactor the replicas every application keyspace not named in {@code keyspaceFactors} gets
 * @param keyspaceFactors the replicas named application keyspaces get (0 keeps one out)
 * @param replicated the keyspaces have replicas in it and every node agreed on that schema
 * @param rebuilds each of its nodes, with its rebuild's state
 * @param otherDatacenters the node count of every other datacenter of the spec, which
 *     SimpleStrategy's factor is spread over when a keyspace moves to NetworkTopologyStrategy
 * @param simpleStrategyKeyspaces application keyspaces on SimpleStrategy, each with the statement that
 *     fixes it ({@link JoinReplication#simpleStrategyKeyspaces}); read before the nodes start
 */
public record DatacenterJoin(
        String datacenter,
        String source,
        int maxConcurrentRebuilds,
        int systemFactor,
        Optional<Integer> defaultFactor,
        Map<String, Integer> keyspaceFactors,
        boolean replicated,
        List<RebuildPlan.Node> rebuilds,
        Map<String, Integer> otherDatacenters,
        List<String> simpleStrategyKeyspaces) {
    /** Condition types in status.datacenters[].conditions. */
    public static final String REPLICATED = "Replicated";

    public static final String REBUILT = "Rebuilt";

    public DatacenterJoin {
        keyspaceFactors = Map.copyOf(keyspaceFactors);
        rebuilds = List.copyOf(rebuilds);
        otherDatacenters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(otherDatacenters));
        simpleStrategyKeyspaces = List.copyOf(simpleStrategyKeyspaces);
    }

    /** The replicas this application keyspace gets in the datacenter; empty to leave it out. */
    public Optional<Integer> factorOf(String keyspace) {
        Integer named = keyspaceFactors.get(keyspace);
        if (named != null) {
            return named == 0 ? Optional.empty() : Optional.of(named);
        }
        return defaultFactor;
    }
}
