package dev.cassini.model.repair;

import java.util.List;

/**
 * One repair session's worth of a table: spans that all have the same replicas, repaired together
 * with {@code coordinator()} running the session.
 *
 * @param spans the token spans, each inside one range of the ring, in ring order
 * @param replicas the nodes (pods) that take part, the range's primary replica first
 */
public record RepairSegment(List<TokenSpan> spans, List<String> replicas) {
    public RepairSegment {
        spans = List.copyOf(spans);
        replicas = List.copyOf(replicas);
        if (spans.isEmpty() || replicas.isEmpty()) {
            throw new IllegalArgumentException("a segment needs spans and replicas");
        }
    }

    /** The node that runs the session: a replica of every span, as Cassandra requires. */
    public String coordinator() {
        return replicas.get(0);
    }

    /** What names the segment within its table, for a job's parameters and for logs. */
    public String name() {
        return spans.get(0) + (spans.size() > 1 ? "+" + (spans.size() - 1) : "");
    }

    public boolean sharesReplicaWith(java.util.Collection<String> pods) {
        return replicas.stream().anyMatch(pods::contains);
    }
}
