package dev.cassini.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.NodeStatus;
import dev.cassini.contract.ClientConnection;
import dev.cassini.operator.CqlTransport;
import dev.cassini.operator.SuperuserSecret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A CQL session from this machine to a cluster's nodes, by their pod addresses and as the
 * cluster's generated superuser. Under devkube the pods' addresses are this machine's; on another
 * Kubernetes cluster they answer only from inside its network.
 */
final class ClusterCql {
    private ClusterCql() {}

    /** The nodes' CQL addresses, as the cluster's status lists them; empty before any has one. */
    static List<InetSocketAddress> contacts(CassandraCluster cluster) {
        List<InetSocketAddress> contacts = new ArrayList<>();
        if (cluster.getStatus() != null && cluster.getStatus().getNodes() != null) {
            for (NodeStatus node : cluster.getStatus().getNodes()) {
                if (node.getIp() != null) {
                    contacts.add(new InetSocketAddress(node.getIp(), dev.cassini.contract.Ports.CQL));
                }
            }
        }
        return contacts;
    }

    /**
     * The node a shell connects to: one that is up (UN) in the datacenter the cluster's sessions
     * use, else any with an address; empty before any has one.
     */
    static Optional<String> shellNode(CassandraCluster cluster) {
        if (cluster.getStatus() == null || cluster.getStatus().getNodes() == null) {
            return Optional.empty();
        }
        String datacenter = dev.cassini.model.ClusterShape.of(cluster).sessionDatacenter();
        Comparator<NodeStatus> best = Comparator.comparing((NodeStatus n) -> !"UN".equals(n.getState()))
                .thenComparing(n -> !datacenter.equals(n.getDatacenter()));
        return cluster.getStatus().getNodes().stream()
                .filter(n -> n.getIp() != null)
                .sorted(best)
                .map(NodeStatus::getIp)
                .findFirst();
    }

    /**
     * Connects, or fails with what to do.
     *
     * @throws CommandFailure when no node has an address yet or none answers from here
     */
    static CqlSession connect(KubernetesClient client, CassandraCluster cluster) {
        List<InetSocketAddress> contacts = contacts(cluster);
        String name = cluster.getMetadata().getName();
        if (contacts.isEmpty()) {
            throw new CommandFailure("cluster " + name + " has no node with an address yet; see kubectl get cc");
        }
        Optional<SuperuserSecret.Credentials> superuser = SuperuserSecret.read(client, cluster);
        try {
            // TLS trusting the cluster's Cassandra CA when spec.tls asks clients for it
            return CqlTransport.of(client, cluster).connect(tls -> {
                var builder = CqlSession.builder()
                        .withConfigLoader(
                                statementsOnly(config(Duration.ofSeconds(30))).build())
                        .addContactPoints(contacts)
                        // Not an application's client: a datacenter may leave while someone has this open.
                        .withApplicationName(ClientConnection.OWN_APPLICATION_PREFIX + "cli")
                        .withLocalDatacenter(
                                dev.cassini.model.ClusterShape.of(cluster).sessionDatacenter());
                superuser.ifPresent(c -> builder.withAuthCredentials(c.username(), c.password()));
                tls.ifPresent(builder::withSslContext);
                return builder.build();
            });
        } catch (com.datastax.oss.driver.api.core.DriverException e) {
            throw new CommandFailure("no node of cluster " + name + " answers CQL from this machine at " + contacts
                    + " (" + e.getMessage() + "); run this where the pods' addresses are reachable, such as"
                    + " inside the Kubernetes cluster's network");
        }
    }

    /**
     * Connects to nodes given by address, as {@code user} (none when null), or fails with what to
     * do. Without a datacenter, requests go to the first node's, as the driver infers it.
     */
    static CqlSession connect(List<String> addresses, String datacenter, String user, String password) {
        try {
            return session(
                    addresses, datacenter, false, statementsOnly(config(Duration.ofSeconds(30))), user, password);
        } catch (com.datastax.oss.driver.api.core.DriverException e) {
            throw new CommandFailure("no node answers CQL at " + addresses + " (" + e.getMessage() + ")");
        }
    }

    /**
     * A session of the CLI's own (its application name says so, so no leave counts it as an
     * application's) through nodes given by address.
     *
     * @param datacenter the datacenter requests go to; null for the first node's, as the driver infers it
     * @param everyDatacenter whether each node of every datacenter can be sent a statement (with
     *     {@code setNode}), not only the local datacenter's
     * @param timeout how long one request may take
     * @param user the role to log in as; null for no login
     */
    static CqlSession session(
            List<String> addresses,
            String datacenter,
            boolean everyDatacenter,
            Duration timeout,
            String user,
            String password) {
        return session(addresses, datacenter, everyDatacenter, config(timeout), user, password);
    }

    /**
     * The CLI's driver settings: requests may take {@code timeout} (schema changes wait for every
     * node to agree, which takes more than the driver's default 2 s on a busy laptop, and a
     * statement typed by hand can wait); a server's warnings are the command's to print, not the
     * driver's log; and a short command starts and ends fast: closing does not wait out Netty's
     * 2 s quiet period, which a command that is done anyway would spend idle on every run.
     */
    private static ProgrammaticDriverConfigLoaderBuilder config(Duration timeout) {
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                .withBoolean(DefaultDriverOption.REQUEST_LOG_WARNINGS, false)
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                // microsecond timestamps from Java's clock, without loading the native one through JNR
                .withBoolean(DefaultDriverOption.TIMESTAMP_GENERATOR_FORCE_JAVA_CLOCK, true);
    }

    /**
     * For a session that only runs statements: no copy of the schema or the token map, which the
     * driver would otherwise read and parse on connecting (most of a one-statement run's CPU).
     * Schema agreement after a change is then for the caller to check.
     */
    private static ProgrammaticDriverConfigLoaderBuilder statementsOnly(ProgrammaticDriverConfigLoaderBuilder config) {
        return config.withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false);
    }

    private static CqlSession session(
            List<String> addresses,
            String datacenter,
            boolean everyDatacenter,
            ProgrammaticDriverConfigLoaderBuilder config,
            String user,
            String password) {
        if (datacenter == null) {
            config.withString(
                    DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS,
                    "com.datastax.oss.driver.internal.core.loadbalancing.DcInferringLoadBalancingPolicy");
        }
        if (everyDatacenter) {
            config.withInt(DefaultDriverOption.LOAD_BALANCING_DC_FAILOVER_MAX_NODES_PER_REMOTE_DC, 1000);
        }
        var builder = CqlSession.builder()
                .withConfigLoader(config.build())
                .withApplicationName(ClientConnection.OWN_APPLICATION_PREFIX + "cli");
        if (datacenter != null) {
            builder.withLocalDatacenter(datacenter);
        }
        addresses.forEach(a -> builder.addContactPoint(new InetSocketAddress(a, dev.cassini.contract.Ports.CQL)));
        if (user != null) {
            builder.withAuthCredentials(user, password);
        }
        return builder.build();
    }
}
