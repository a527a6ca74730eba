package dev.cassini.model.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What must hold before a datacenter joins a ring that is already running, each failure with what
 * to change. Checked before any node of the new datacenter starts, so a refusal leaves both sides
 * as they were.
 */
public final class JoinPreflight {
    private JoinPreflight() {}

    /**
     * What a seed of the ring says about it.
     *
     * @param seed the address that answered
     * @param clusterName the ring's cluster name
     * @param datacenters the datacenters of the ring's nodes
     * @param releaseVersions the Cassandra release of each node, by address
     * @param keyspaces each keyspace's replication as {@code system_schema.keyspaces} holds it
     * @param schemaVersions the distinct schema versions the ring's nodes report
     */
    public record Ring(
            String seed,
            String clusterName,
            Set<String> datacenters,
            Map<String, String> releaseVersions,
            Map<String, Map<String, String>> keyspaces,
            int schemaVersions) {
        public Ring {
            datacenters = Set.copyOf(datacenters);
            releaseVersions = Map.copyOf(releaseVersions);
            keyspaces = Map.copyOf(keyspaces);
        }
    }

    /**
     * What joins.
     *
     * @param seeds the ring's addresses it was given (spec.additionalSeeds)
     * @param clusterName the cluster name its nodes start with
     * @param datacenter the joining datacenter's name
     * @param cassandraVersion the Cassandra release its nodes run
     */
    public record Joining(List<String> seeds, String clusterName, String datacenter, String cassandraVersion) {
        public Joining {
            seeds = List.copyOf(seeds);
        }
    }

    /**
     * Every reason the datacenter cannot join now; empty when it can.
     *
     * @param ring what a seed said, or empty when none answered
     */
    public static List<String> refusals(Optional<Ring> ring, Joining joining) {
        if (ring.isEmpty()) {
            return List.of("no seed of the ring answers (" + String.join(", ", joining.seeds())
                    + "): check the addresses in spec.additionalSeeds and that this cluster's pods reach them on the"
                    + " internode (7000) and CQL (9042) ports");
        }
        Ring r = ring.get();
        List<String> refusals = new ArrayList<>();
        if (!r.clusterName().equals(joining.clusterName())) {
            refusals.add("the ring's cluster name is '" + r.clusterName() + "' but this cluster's nodes would start"
                    + " with '" + joining.clusterName() + "', and Cassandra refuses nodes of another cluster: set"
                    + " spec.clusterName to '" + r.clusterName() + "'");
        }
        if (r.datacenters().contains(joining.datacenter())) {
            refusals.add("the ring already has a datacenter named " + joining.datacenter()
                    + ": name the joining datacenter differently (the ring has "
                    + String.join(", ", new java.util.TreeSet<>(r.datacenters())) + ")");
        }
        Map<String, String> otherMajor = new TreeMap<>();
        r.releaseVersions().forEach((node, version) -> {
            if (!major(version).equals(major(joining.cassandraVersion()))) {
                otherMajor.put(node, version);
            }
        });
        if (!otherMajor.isEmpty()) {
            refusals.add("the ring runs Cassandra " + otherMajor + " and this cluster " + joining.cassandraVersion()
                    + ": streaming between major versions is not supported; upgrade the ring, or set"
                    + " spec.cassandraVersion to a release of the ring's major version");
        }
        Map<String, Map<String, String>> ordered = new TreeMap<>(r.keyspaces());
        ordered.forEach((keyspace, replication) -> {
            if (replication.getOrDefault("class", "").endsWith("SimpleStrategy")) {
                Map<String, String> topology = new TreeMap<>();
                topology.put("class", "NetworkTopologyStrategy");
                String factor = replication.getOrDefault("replication_factor", "1");
                new java.util.TreeSet<>(r.datacenters()).forEach(dc -> topology.put(dc, factor));
                refusals.add("keyspace " + keyspace + " uses SimpleStrategy, which places replicas with no regard to"
                        + " datacenters, so the joining one would take replicas before it holds any data; run "
                        + DatacenterReplication.alter(keyspace, topology) + " first");
            }
        });
        if (r.schemaVersions() > 1) {
            refusals.add("the ring's nodes disagree on the schema (" + r.schemaVersions() + " versions); a node"
                    + " joining now could take either. Wait for agreement (nodetool describecluster), or find the"
                    + " node that lags");
        }
        return refusals;
    }

    /** {@code 5.0.6} → {@code 5}; a release Cassandra names otherwise stays whole. */
    static String major(String release) {
        int dot = release.indexOf('.');
        return dot < 0 ? release : release.substring(0, dot);
    }
}
