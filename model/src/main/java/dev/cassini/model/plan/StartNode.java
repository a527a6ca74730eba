package dev.cassini.model.plan;

import java.util.List;
import java.util.Optional;

/**
 * How to start one node: the agent's start request.
 *
 * @param systemKeyspaceReplicas for the nodes of a brand-new cluster, the replication factor
 *        Cassandra gives {@code system_auth}, {@code system_distributed} and {@code system_traces}
 *        when it creates them, so the default role is never written to a single replica; 0 leaves
 *        Cassandra's default (1), which is all a node joining an existing ring may use
 */
public record StartNode(
        String pod,
        List<Long> initialTokens,
        boolean autoBootstrap,
        Optional<String> replaceAddress,
        int systemKeyspaceReplicas) {
    public StartNode {
        initialTokens = List.copyOf(initialTokens);
        if (systemKeyspaceReplicas < 0) {
            throw new IllegalArgumentException(
                    "systemKeyspaceReplicas must be 0 (Cassandra's default) or more, got " + systemKeyspaceReplicas);
        }
    }

    public StartNode(String pod, List<Long> initialTokens, boolean autoBootstrap, Optional<String> replaceAddress) {
        this(pod, initialTokens, autoBootstrap, replaceAddress, 0);
    }

    public static StartNode restart(String pod) {
        return new StartNode(pod, List.of(), true, Optional.empty());
    }
}
