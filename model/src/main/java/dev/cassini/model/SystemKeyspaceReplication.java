package dev.cassini.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How many replicas Cassandra's own distributed keyspaces ({@code system_auth},
 * {@code system_distributed}, {@code system_traces}) get. Cassandra creates them with one replica;
 * with one replica, losing a node loses every login it holds.
 */
public final class SystemKeyspaceReplication {
    /** Three copies per datacenter survive one node down at LOCAL_QUORUM; more only slows auth writes. */
    public static final int MAX_REPLICAS = 3;

    public static final List<String> KEYSPACES = List.of("system_auth", "system_distributed", "system_traces");

    private SystemKeyspaceReplication() {}

    /**
     * The replication factor a brand-new cluster's nodes create the keyspaces with (Cassandra
     * places them with SimpleStrategy at birth): every node starts at once, so each row, the default
     * role first of all, is written to all its replicas from the start.
     */
    public static int atBirth(int nodes) {
        return Math.max(1, Math.min(MAX_REPLICAS, nodes));
    }

    /** The replication the operator sets once the cluster is up: per datacenter, up to three. */
    public static String perDatacenter(List<ClusterShape.DatacenterShape> datacenters) {
        return datacenters.stream()
                .map(dc -> "'" + dc.name() + "': " + Math.min(MAX_REPLICAS, dc.size()))
                .collect(Collectors.joining(", ", "{'class': 'NetworkTopologyStrategy', ", "}"));
    }
}
