package dev.cassini.agent.config;

import java.util.List;
import java.util.Optional;

/**
 * What differs from one start of Cassandra to the next, decided by whoever asks for the start
 * (the operator, or a person through the API).
 *
 * @param seeds the seed list to render (persisted list if the operator pushed one)
 * @param initialTokens tokens for first boot; empty means those of the node configuration
 * @param replaceAddress address of a dead node whose tokens this node takes over on first boot
 * @param autoBootstrap false for nodes of a brand-new cluster, which have nothing to stream and
 *        start concurrently; true for a node joining a ring that holds data
 * @param systemKeyspaceReplicas for a node of a brand-new cluster, the replication factor Cassandra
 *        creates system_auth, system_distributed and system_traces with; 0 keeps Cassandra's default
 */
public record StartPlan(
        List<String> seeds,
        List<Long> initialTokens,
        Optional<String> replaceAddress,
        boolean autoBootstrap,
        int systemKeyspaceReplicas) {
    public StartPlan {
        seeds = List.copyOf(seeds);
        initialTokens = List.copyOf(initialTokens);
        if (systemKeyspaceReplicas < 0) {
            throw new IllegalArgumentException(
                    "systemKeyspaceReplicas must be 0 or more, got " + systemKeyspaceReplicas);
        }
    }

    public StartPlan(
            List<String> seeds, List<Long> initialTokens, Optional<String> replaceAddress, boolean autoBootstrap) {
        this(seeds, initialTokens, replaceAddress, autoBootstrap, 0);
    }

    /** The same start with another seed list (seeds change while a node runs). */
    public StartPlan withSeeds(List<String> newSeeds) {
        return new StartPlan(newSeeds, initialTokens, replaceAddress, autoBootstrap, systemKeyspaceReplicas);
    }

    public static StartPlan of(NodeConfig config, List<String> seeds) {
        return new StartPlan(seeds, config.initialTokens(), Optional.empty(), true);
    }
}
