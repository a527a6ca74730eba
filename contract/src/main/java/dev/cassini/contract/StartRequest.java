package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code POST /api/v1/lifecycle/start}. Every field is optional.
 *
 * @param replaceAddress address of a dead node whose tokens this empty node takes over on first boot
 * @param initialTokens tokens for the first boot of a node of a new ring, as decimal strings
 * @param autoBootstrap false for a node of a brand-new ring (nothing to stream); default true
 * @param systemKeyspaceReplicas for the nodes of a brand-new ring only: Cassandra creates
 *     system_auth, system_distributed and system_traces with this many replicas
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartRequest(
        String replaceAddress, List<String> initialTokens, Boolean autoBootstrap, Integer systemKeyspaceReplicas) {

    /** Above this, a replication factor for Cassandra's own keyspaces is a typo, not a choice. */
    public static final int MAX_SYSTEM_KEYSPACE_REPLICAS = 9;

    public StartRequest {
        initialTokens = initialTokens == null || initialTokens.isEmpty() ? null : List.copyOf(initialTokens);
    }

    /** Tokens as the wire carries them: decimal strings, so no JSON reader rounds them. */
    public static List<String> tokenStrings(List<Long> tokens) {
        return tokens.stream().map(String::valueOf).toList();
    }
}
