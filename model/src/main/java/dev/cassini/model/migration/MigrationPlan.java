package dev.cassini.model.migration;

import dev.cassini.contract.ClientConnection;
import dev.cassini.model.SystemKeyspaceReplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What moving a ring's data into a new datacenter takes, worked out from a survey of the ring
 * before anything changes: how much each keyspace streams, how much lands on each new node and
 * whether its volume holds it, how long the streams take at the ring's configured cap, who is
 * still connected, and every reason not to start. Pure: {@code cassini migrate plan} reads, this
 * decides, the command prints.
 */
public final class MigrationPlan {
    /**
     * A rebuild writes what it receives as new SSTables and compacts them with what arrived before:
     * for a while a node can hold about twice its share, so its volume must.
     */
    public static final int REBUILD_DISK_FACTOR = 2;

    private MigrationPlan() {}

    /**
     * One node of the ring as it reports itself.
     *
     * @param localBytesByKeyspace the estimated bytes of each keyspace this node holds (every range
     *     it replicates), from Cassandra's size estimates
     * @param clients the connections to its CQL port; null when they could not be read
     * @param streamCapBytesPerSecond its {@code stream_throughput_outbound}; 0 for no cap, empty when
     *     unreadable
     */
    public record SurveyedNode(
            String address,
            String datacenter,
            String rack,
            String release,
            String schemaVersion,
            int tokens,
            boolean up,
            Map<String, Long> localBytesByKeyspace,
            List<ClientConnection> clients,
            OptionalLong streamCapBytesPerSecond) {
        public SurveyedNode {
            localBytesByKeyspace = Map.copyOf(localBytesByKeyspace);
            clients = clients == null ? null : List.copyOf(clients);
        }
    }

    /** The ring as one seed and the nodes it reaches describe it. */
    public record Survey(
            String seed,
            String clusterName,
            String snitch,
            List<SurveyedNode> nodes,
            Map<String, Map<String, String>> keyspaces) {
        public Survey {
            nodes = List.copyOf(nodes);
            keyspaces = Map.copyOf(keyspaces);
        }

        /** The ring's datacenters and their nodes, in name order. */
        public Map<String, List<SurveyedNode>> byDatacenter() {
            Map<String, List<SurveyedNode>> byDc = new TreeMap<>();
            nodes.forEach(n -> byDc.computeIfAbsent(n.datacenter(), dc -> new ArrayList<>())
                    .add(n));
            return byDc;
        }
    }

    /**
     * The datacenter that would join, as the resource to apply describes it.
     *
     * @param source the datacenter it rebuilds from
     * @param storageBytes each node's volume size; empty when the resource leaves it to the default
     * @param defaultFactor the replicas every application keyspace gets there, unless named in
     *     {@code keyspaceFactors} (0 there keeps it out); empty: only the named ones
     */
    public record Target(
            String clusterName,
            String datacenter,
            int size,
            String source,
            OptionalLong storageBytes,
            Optional<Integer> defaultFactor,
            Map<String, Integer> keyspaceFactors,
            String cassandraVersion) {
        public Target {
            keyspaceFactors = Map.copyOf(keyspaceFactors);
        }

        /** The replicas this keyspace would get in the new datacenter; 0 for none. */
        int factorOf(String keyspace) {
            if (SystemKeyspaceReplication.KEYSPACES.contains(keyspace)) {
                return DatacenterReplication.systemFactor(size);
            }
            if (keyspace.startsWith("system")) {
                return 0; // local to each node, or Cassandra's own to place
            }
            Integer named = keyspaceFactors.get(keyspace);
            return named != null ? named : defaultFactor.orElse(0);
        }
    }

    /**
     * What one keyspace streams into the new datacenter.
     *
     * @param oneCopyBytes one copy of its data, estimated from the source datacenter's nodes
     * @param factor its replicas in the new datacenter
     * @param bytesToStream {@code oneCopyBytes × factor}
     */
    public record KeyspaceMove(
            String keyspace, Map<String, String> replication, long oneCopyBytes, int factor, long bytesToStream) {}

    /** An application's connection to a node of the ring. */
    public record Client(String datacenter, String node, ClientConnection connection) {}

    /**
     * @param bytesPerNewNode what each new node receives, tokens being balanced within the new datacenter
     * @param diskNeededPerNode {@link #REBUILD_DISK_FACTOR} times that
     * @param streamCapBytesPerSecond the source nodes' outbound caps added up; empty when one has none
     *     or could not be read
     * @param secondsAtCap how long the streams take at that cap, at best; empty without a cap
     * @param clients every application connection, Cassini's own left out
     * @param unreadableClients nodes whose connections could not be read
     * @param blockers every reason not to start, each with what to change; empty when it may
     */
    public record Result(
            List<KeyspaceMove> keyspaces,
            long bytesToStream,
            long bytesPerNewNode,
            long diskNeededPerNode,
            OptionalLong streamCapBytesPerSecond,
            OptionalLong secondsAtCap,
            List<Client> clients,
            List<String> unreadableClients,
            List<String> blockers) {}

    public static Result of(Survey survey, Target target) {
        List<String> blockers = new ArrayList<>();
        Map<String, String> releases = new LinkedHashMap<>();
        TreeSet<String> schemaVersions = new TreeSet<>();
        for (SurveyedNode node : survey.nodes()) {
            if (node.release() != null) {
                releases.put(node.address(), node.release());
            }
            if (node.schemaVersion() != null) {
                schemaVersions.add(node.schemaVersion());
            }
        }
        blockers.addAll(JoinPreflight.refusals(
                Optional.of(new JoinPreflight.Ring(
                        survey.seed(),
                        survey.clusterName(),
                        survey.byDatacenter().keySet(),
                        releases,
                        survey.keyspaces(),
                        schemaVersions.size())),
                new JoinPreflight.Joining(
                        List.of(survey.seed()), target.clusterName(), target.datacenter(), target.cassandraVersion())));
        List<String> down = survey.nodes().stream()
                .filter(n -> !n.up())
                .map(n -> n.address() + " (" + n.datacenter() + ")")
                .toList();
        if (!down.isEmpty()) {
            blockers.add("nodes are down: " + String.join(", ", down) + "; a rebuild streams from the replicas that"
                    + " are up, so ranges whose other replicas are stale would arrive stale. Start them, or remove"
                    + " the ones lost for good (nodetool removenode), then plan again");
        }
        List<SurveyedNode> sources = survey.byDatacenter().getOrDefault(target.source(), List.of());
        if (sources.isEmpty()) {
            blockers.add("the ring has no datacenter " + target.source() + " to rebuild from: it has "
                    + String.join(", ", survey.byDatacenter().keySet()) + "; set join.rebuildFrom to one of them");
        }

        List<KeyspaceMove> moves = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Map<String, String>> keyspace : new TreeMap<>(survey.keyspaces()).entrySet()) {
            String name = keyspace.getKey();
            int factor = target.factorOf(name);
            if (factor == 0
                    || !DatacenterReplication.isTopology(keyspace.getValue())
                            && !keyspace.getValue().getOrDefault("class", "").endsWith("SimpleStrategy")) {
                continue;
            }
            int sourceReplicas = sourceReplicas(keyspace.getValue(), target.source(), sources.size());
            if (sourceReplicas == 0 && !sources.isEmpty()) {
                blockers.add("keyspace " + name + " has no replica in " + target.source() + ", so a rebuild from it"
                        + " would bring none of its rows: rebuild from a datacenter that has it, or leave it out"
                        + " (join.replication.keyspaces." + name + ": 0)");
                continue;
            }
            long held = sources.stream()
                    .mapToLong(n -> n.localBytesByKeyspace().getOrDefault(name, 0L))
                    .sum();
            long oneCopy = sourceReplicas == 0 ? 0 : held / sourceReplicas;
            long toStream = oneCopy * factor;
            total += toStream;
            moves.add(new KeyspaceMove(name, keyspace.getValue(), oneCopy, factor, toStream));
        }
        long perNode = target.size() == 0 ? 0 : (total + target.size() - 1) / target.size();
        long needed = perNode * REBUILD_DISK_FACTOR;
        if (target.storageBytes().isPresent() && needed > target.storageBytes().getAsLong()) {
            blockers.add("each node of " + target.datacenter() + " would receive about " + perNode + " bytes and"
                    + " needs about " + needed + " while it rebuilds (received SSTables are compacted with what"
                    + " came before), more than its " + target.storageBytes().getAsLong() + "-byte volume: set"
                    + " storage.size to at least " + needed + " bytes, or add nodes");
        }

        OptionalLong cap = OptionalLong.empty();
        if (!sources.isEmpty()
                && sources.stream()
                        .allMatch(n -> n.streamCapBytesPerSecond().isPresent()
                                && n.streamCapBytesPerSecond().getAsLong() > 0)) {
            cap = OptionalLong.of(sources.stream()
                    .mapToLong(n -> n.streamCapBytesPerSecond().getAsLong())
                    .sum());
        }
        OptionalLong seconds = cap.isPresent()
                ? OptionalLong.of((total + cap.getAsLong() - 1) / cap.getAsLong())
                : OptionalLong.empty();

        List<Client> clients = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (SurveyedNode node : survey.nodes()) {
            if (node.clients() == null) {
                unreadable.add(node.address());
                continue;
            }
            node.clients().stream()
                    .filter(c -> !c.ours())
                    .forEach(c -> clients.add(new Client(node.datacenter(), node.address(), c)));
        }
        return new Result(moves, total, perNode, needed, cap, seconds, clients, unreadable, blockers);
    }

    /** The replicas a keyspace keeps in the source datacenter. */
    private static int sourceReplicas(Map<String, String> replication, String source, int sourceNodes) {
        if (replication.getOrDefault("class", "").endsWith("SimpleStrategy")) {
            return Math.min(sourceNodes, Integer.parseInt(replication.getOrDefault("replication_factor", "1")));
        }
        if (!DatacenterReplication.replicatesTo(replication, source)) {
            return 0;
        }
        return Math.min(sourceNodes, Integer.parseInt(replication.get(source).replaceAll("/.*", "")));
    }
}
