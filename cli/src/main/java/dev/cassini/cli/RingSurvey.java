package dev.cassini.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import dev.cassini.contract.ClientConnection;
import dev.cassini.model.migration.MigrationPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a ring for {@code cassini migrate plan}, read-only, over CQL: the seed's view of every
 * node, then each node that is up for what only it knows (its size estimates, its clients, its
 * stream cap).
 */
final class RingSurvey {
    private static final Pattern RATE =
            Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(B/s|KiB/s|MiB/s|GiB/s|Mbps|Mbit/s)?\\s*$");

    private RingSurvey() {}

    /**
     * A session that can send a statement to any node of any datacenter (remote ones included, so
     * each node can be asked for what only it knows), as {@code user} (no login when null).
     */
    static CqlSession connect(List<String> seeds, String user, String password) {
        try {
            return ClusterCql.session(seeds, null, true, Duration.ofSeconds(30), user, password);
        } catch (com.datastax.oss.driver.api.core.DriverException e) {
            throw new CommandFailure("no seed answers CQL at " + seeds + " (" + e.getMessage() + ")");
        }
    }

    static MigrationPlan.Survey read(CqlSession session) {
        Node seed = session.getMetadata().getNodes().values().stream()
                .filter(n -> n.getState() == NodeState.UP)
                .findFirst()
                .orElseThrow(() -> new CommandFailure("no node of the ring is up"));
        Map<String, Node> byAddress = new HashMap<>();
        session.getMetadata().getNodes().values().forEach(n -> byAddress.put(address(n), n));
        Row local = session.execute(SimpleStatement.newInstance(
                                "SELECT cluster_name, data_center, rack, release_version, schema_version, tokens"
                                        + " FROM system.local")
                        .setNode(seed))
                .one();
        List<MigrationPlan.SurveyedNode> nodes = new ArrayList<>();
        nodes.add(surveyed(session, address(seed), local, seed));
        for (Row peer : session.execute(SimpleStatement.newInstance(
                        "SELECT peer, data_center, rack, release_version, schema_version, tokens FROM system.peers_v2")
                .setNode(seed))) {
            String address = peer.getInetAddress("peer").getHostAddress();
            nodes.add(surveyed(session, address, peer, byAddress.get(address)));
        }
        return new MigrationPlan.Survey(
                address(seed),
                local.getString("cluster_name"),
                setting(session, seed, "endpoint_snitch")
                        .map(s -> s.substring(s.lastIndexOf('.') + 1))
                        .orElse("unknown"),
                nodes,
                replication(session));
    }

    private static MigrationPlan.SurveyedNode surveyed(CqlSession session, String address, Row row, Node node) {
        boolean up = node != null && node.getState() == NodeState.UP;
        int tokens =
                row.isNull("tokens") ? 0 : row.getSet("tokens", String.class).size();
        Map<String, Long> bytes = Map.of();
        List<ClientConnection> clients = null;
        OptionalLong cap = OptionalLong.empty();
        if (up) {
            bytes = localBytes(session, node);
            clients = clients(session, node);
            cap = setting(session, node, "stream_throughput_outbound")
                    .map(RingSurvey::bytesPerSecond)
                    .orElse(cap);
        }
        return new MigrationPlan.SurveyedNode(
                address,
                row.getString("data_center"),
                row.getString("rack"),
                row.getString("release_version"),
                row.isNull("schema_version")
                        ? null
                        : row.getUuid("schema_version").toString(),
                tokens,
                up,
                bytes,
                clients,
                cap);
    }

    /** What the node holds of each keyspace (every range it replicates), from Cassandra's size estimates. */
    private static Map<String, Long> localBytes(CqlSession session, Node node) {
        Map<String, Long> bytes = new HashMap<>();
        for (Row row : session.execute(
                SimpleStatement.newInstance("SELECT keyspace_name, range_type, mean_partition_size, partitions_count"
                                + " FROM system.table_estimates")
                        .setNode(node))) {
            if ("local".equals(row.getString("range_type"))) {
                bytes.merge(
                        row.getString("keyspace_name"),
                        row.getLong("mean_partition_size") * row.getLong("partitions_count"),
                        Long::sum);
            }
        }
        return bytes;
    }

    private static List<ClientConnection> clients(CqlSession session, Node node) {
        List<ClientConnection> clients = new ArrayList<>();
        try {
            for (Row row : session.execute(
                    SimpleStatement.newInstance("SELECT address, username, client_options FROM system_views.clients")
                            .setNode(node))) {
                Map<String, String> options = row.getMap("client_options", String.class, String.class);
                clients.add(new ClientConnection(
                        row.getInetAddress("address").getHostAddress(),
                        row.getString("username"),
                        options == null ? null : options.get("APPLICATION_NAME")));
            }
        } catch (com.datastax.oss.driver.api.core.DriverException e) {
            return null; // not readable as this role: the plan says so
        }
        return clients;
    }

    private static Optional<String> setting(CqlSession session, Node node, String name) {
        Row row = session.execute(
                        SimpleStatement.newInstance("SELECT value FROM system_views.settings WHERE name = ?", name)
                                .setNode(node))
                .one();
        return row == null || row.isNull(0) ? Optional.empty() : Optional.of(row.getString(0));
    }

    /** {@code 24MiB/s}, {@code 0B/s} (no cap), {@code 200Mbps} and the like; empty when not one of these. */
    static OptionalLong bytesPerSecond(String rate) {
        Matcher m = RATE.matcher(rate);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "B/s" : m.group(2);
        double factor = switch (unit.toLowerCase(Locale.ROOT)) {
            case "kib/s" -> 1024d;
            case "mib/s" -> 1024d * 1024;
            case "gib/s" -> 1024d * 1024 * 1024;
            case "mbps", "mbit/s" -> 125_000d;
            default -> 1d;
        };
        return OptionalLong.of(Math.round(value * factor));
    }

    /** Each keyspace's replication as {@code system_schema.keyspaces} holds it. */
    static Map<String, Map<String, String>> replication(CqlSession session) {
        Map<String, Map<String, String>> keyspaces = new HashMap<>();
        session.execute("SELECT keyspace_name, replication FROM system_schema.keyspaces")
                .forEach(r -> keyspaces.put(r.getString(0), r.getMap(1, String.class, String.class)));
        return keyspaces;
    }

    /** The node's internode address, as {@code system.peers_v2} names it. */
    private static String address(Node node) {
        return node.getBroadcastAddress()
                .or(node::getBroadcastRpcAddress)
                .map(a -> a.getAddress().getHostAddress())
                .orElseGet(() -> node.getEndPoint().resolve().toString().replaceAll("^.*/|:\\d+$", ""));
    }
}
