package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.cassini.model.migration.JoinPreflight;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A ring outside this resource as one of its seeds describes it over CQL: what the join preflight
 * checks, and every token its nodes own (a joining node must take none of them).
 *
 * @param ring the cluster name, datacenters, releases, keyspaces and schema versions
 * @param tokens every token of every node the seed knows
 */
record ExternalRing(JoinPreflight.Ring ring, Set<Long> tokens) {
    /**
     * Reads it on one node the session reaches: {@code system.local} and {@code system.peers_v2} of
     * the same node, so every node is counted once.
     */
    static ExternalRing read(CqlSession session) {
        Node node = session.getMetadata().getNodes().values().stream()
                .filter(n -> n.getState() == NodeState.UP)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of the ring is up"));
        String seed = node.getEndPoint().resolve().toString();
        Row local = session.execute(SimpleStatement.newInstance(
                                "SELECT cluster_name, data_center, release_version, schema_version, tokens"
                                        + " FROM system.local")
                        .setNode(node))
                .one();
        if (local == null) {
            throw new IllegalStateException(seed + " returned no system.local row");
        }
        Set<String> datacenters = new HashSet<>();
        Map<String, String> releases = new HashMap<>();
        Set<Object> schemaVersions = new HashSet<>();
        Set<Long> tokens = new HashSet<>();
        datacenters.add(local.getString("data_center"));
        releases.put(seed, local.getString("release_version"));
        schemaVersions.add(local.getUuid("schema_version"));
        local.getSet("tokens", String.class).forEach(t -> tokens.add(Long.parseLong(t)));
        for (Row peer : session.execute(SimpleStatement.newInstance(
                        "SELECT peer, data_center, release_version, schema_version, tokens FROM system.peers_v2")
                .setNode(node))) {
            String address = peer.getInetAddress("peer").getHostAddress();
            if (peer.getString("data_center") != null) {
                datacenters.add(peer.getString("data_center"));
            }
            if (peer.getString("release_version") != null) {
                releases.put(address, peer.getString("release_version"));
            }
            if (peer.getUuid("schema_version") != null) {
                schemaVersions.add(peer.getUuid("schema_version"));
            }
            if (peer.isNull("tokens")) {
                continue;
            }
            peer.getSet("tokens", String.class).forEach(t -> tokens.add(Long.parseLong(t)));
        }
        return new ExternalRing(
                new JoinPreflight.Ring(
                        seed,
                        local.getString("cluster_name"),
                        datacenters,
                        releases,
                        ClusterSchema.replication(session),
                        schemaVersions.size()),
                tokens);
    }

    /** Whatever the preflight refuses for each of these datacenters joining, each reason once. */
    static List<String> refusals(
            java.util.Optional<ExternalRing> ring,
            List<String> seeds,
            String clusterName,
            List<String> datacenters,
            String cassandraVersion) {
        return datacenters.stream()
                .flatMap(dc -> JoinPreflight.refusals(
                        ring.map(ExternalRing::ring),
                        new JoinPreflight.Joining(seeds, clusterName, dc, cassandraVersion))
                        .stream())
                .distinct()
                .toList();
    }
}
