package dev.cassini.model.migration;

import dev.cassini.contract.ClientConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether datacenters may leave the ring now, and the replication changes that take them out of
 * every keyspace first. Refused while application clients are still connected to a leaving
 * datacenter (they would lose their coordinators) unless forced, and while a keyspace would be left
 * with replicas nowhere. {@code system_auth} changes last, once the leaving datacenters have no
 * live node: Cassandra refuses it before, and a login checked there keeps working until the end.
 */
public final class LeavePreflight {
    private LeavePreflight() {}

    /**
     * A connection to a node of a leaving datacenter, as its agent reports it.
     *
     * @param datacenter the node's datacenter
     * @param pod the node
     * @param connection who is connected
     */
    public record Client(String datacenter, String pod, ClientConnection connection) {
        String describe() {
            return connection.address() + " to " + pod + " as "
                    + (connection.username() == null ? "an unauthenticated client" : connection.username())
                    + (connection.applicationName() == null ? "" : " (" + connection.applicationName() + ")");
        }
    }

    /**
     * Every reason the datacenters cannot leave now; empty when they can.
     *
     * @param leaving the datacenters to take out
     * @param keyspaces each keyspace's replication now
     * @param clients the connections of every node of the leaving datacenters
     * @param forced whether {@code cassini.dev/force-leave: "true"} says to go on despite clients
     */
    public static List<String> refusals(
            Set<String> leaving, Map<String, Map<String, String>> keyspaces, List<Client> clients, boolean forced) {
        List<String> refusals = new ArrayList<>();
        List<Client> theirs = clients.stream()
                .filter(c -> leaving.contains(c.datacenter()) && !c.connection().ours())
                .sorted(Comparator.comparing(Client::pod)
                        .thenComparing(c -> c.connection().address()))
                .toList();
        if (!theirs.isEmpty() && !forced) {
            refusals.add(theirs.size() + " application connection" + (theirs.size() == 1 ? " is" : "s are")
                    + " still open to " + String.join(", ", new java.util.TreeSet<>(leaving)) + ": "
                    + theirs.stream().limit(10).map(Client::describe).collect(Collectors.joining(", "))
                    + (theirs.size() > 10 ? ", ..." : "")
                    + ". Point those clients at another datacenter first, or annotate the cluster with"
                    + " cassini.dev/force-leave: \"true\" to go on anyway");
        }
        new TreeMap<>(keyspaces).forEach((keyspace, replication) -> {
            if (DatacenterReplication.isTopology(replication)
                    && leaving.stream().anyMatch(dc -> DatacenterReplication.replicatesTo(replication, dc))
                    && DatacenterReplication.left(replication, leaving).isEmpty()) {
                refusals.add("keyspace " + keyspace + " has replicas only in "
                        + String.join(", ", new java.util.TreeSet<>(leaving))
                        + ", so its data would be on no node; give it replicas in a datacenter that stays (ALTER"
                        + " KEYSPACE), or drop it");
            }
        });
        return refusals;
    }

    /**
     * The statements that take the leaving datacenters out of every keyspace that names them,
     * {@code system_auth} last and only with {@code authToo}.
     */
    public static List<String> alters(
            Set<String> leaving, Map<String, Map<String, String>> keyspaces, boolean authToo) {
        List<String> statements = new ArrayList<>();
        Optional<String> auth = Optional.empty();
        for (Map.Entry<String, Map<String, String>> keyspace : new TreeMap<>(keyspaces).entrySet()) {
            Map<String, String> replication = keyspace.getValue();
            if (!DatacenterReplication.isTopology(replication)
                    || leaving.stream().noneMatch(replication::containsKey)) {
                continue;
            }
            Optional<Map<String, String>> left = DatacenterReplication.left(replication, leaving);
            if (left.isEmpty()) {
                continue; // refused by refusals(); never an ALTER that leaves no replica
            }
            String alter = DatacenterReplication.alter(keyspace.getKey(), left.get());
            if (keyspace.getKey().equals("system_auth")) {
                auth = Optional.of(alter);
            } else {
                statements.add(alter);
            }
        }
        if (authToo) {
            auth.ifPresent(statements::add);
        }
        return statements;
    }
}
