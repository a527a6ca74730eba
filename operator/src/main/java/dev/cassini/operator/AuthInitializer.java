package dev.cassini.operator;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.cassini.contract.ClientConnection;
import dev.cassini.contract.Ports;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.SystemKeyspaceReplication;
import dev.cassini.model.plan.AuthLogin;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a new cluster's authentication production-ready, idempotently: the auth, distributed and
 * traces keyspaces replicated per datacenter (up to 3), the managed superuser created, and the
 * well-known {@code cassandra} role stripped of login and superuser.
 */
final class AuthInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(AuthInitializer.class);
    static final String DEFAULT_ROLE = "cassandra";

    private AuthInitializer() {}

    static void initialize(
            ClusterShape shape,
            Collection<String> addresses,
            SuperuserSecret.Credentials superuser,
            CqlTransport transport) {
        String replication = SystemKeyspaceReplication.perDatacenter(shape.datacenters());
        String localDc = shape.sessionDatacenter();
        boolean managedWorks = canLogin(transport, addresses, localDc, superuser.username(), superuser.password());
        if (!managedWorks) {
            try (CqlSession session = defaultRoleSession(transport, addresses, localDc)) {
                // Create the role before the replication changes, so reading it back uses the
                // replicas it was written to; then replicate per datacenter, and copy every auth
                // row to its new replicas at once (within the role cache's validity, so the copy
                // itself needs no role read).
                session.execute("CREATE ROLE IF NOT EXISTS " + quote(superuser.username()) + " WITH "
                        + SuperuserPassword.roleOption(superuser) + " AND SUPERUSER = true AND LOGIN = true");
                alterKeyspaces(session, replication);
                copyAuthRowsToEveryReplica(session);
            }
        }
        try (CqlSession session = connect(transport, addresses, localDc, superuser.username(), superuser.password())) {
            if (managedWorks) {
                // A setup that failed after creating the superuser, or a cluster whose datacenters
                // changed since: the replication is the default role's session's work otherwise.
                alterKeyspaces(session, replication);
                copyAuthRowsToEveryReplica(session);
            }
            if (!superuser.username().equals(DEFAULT_ROLE)) {
                session.execute("ALTER ROLE " + DEFAULT_ROLE + " WITH SUPERUSER = false AND LOGIN = false");
            }
        }
        LOG.info(
                "cluster {}: superuser {} ready, default role disabled, auth keyspaces replicated {}",
                shape.clusterName(),
                superuser.username(),
                replication);
    }

    /**
     * A session as Cassandra's default role, without a separate login check first: every connection's
     * login costs each node a bcrypt check at Cassandra's work factor.
     */
    private static CqlSession defaultRoleSession(CqlTransport transport, Collection<String> addresses, String localDc) {
        try {
            return connect(transport, addresses, localDc, DEFAULT_ROLE, DEFAULT_ROLE);
        } catch (AllNodesFailedException e) {
            // The planner asks for this step only once a login works; losing it in between is a failure to retry.
            throw new IllegalStateException(
                    "neither the superuser nor Cassandra's default role can log in; retrying", e);
        }
    }

    private static void alterKeyspaces(CqlSession session, String replication) {
        for (String keyspace : SystemKeyspaceReplication.KEYSPACES) {
            session.execute("ALTER KEYSPACE " + keyspace + " WITH replication = " + replication);
        }
    }

    /**
     * After system_auth's replication grows, its existing rows (the default role, the new superuser)
     * live only on their old replica until repaired; a LOCAL_QUORUM role read that misses it says
     * the role does not exist. Reading every auth table at ALL makes Cassandra's read repair write
     * each row to all its replicas, so no later read can miss it.
     */
    private static void copyAuthRowsToEveryReplica(CqlSession session) {
        for (String table : new String[] {"roles", "role_members", "role_permissions"}) {
            session.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance(
                                    "SELECT * FROM system_auth." + table)
                            .setConsistencyLevel(com.datastax.oss.driver.api.core.ConsistencyLevel.ALL))
                    .all();
        }
    }

    /** Which login works now: the managed superuser (when its Secret exists), else Cassandra's default role, else none. */
    static AuthLogin login(
            ClusterShape shape,
            Collection<String> addresses,
            Optional<SuperuserSecret.Credentials> superuser,
            CqlTransport transport) {
        String localDc = shape.sessionDatacenter();
        if (superuser.isPresent()
                && canLogin(
                        transport,
                        addresses,
                        localDc,
                        superuser.get().username(),
                        superuser.get().password())) {
            return AuthLogin.SUPERUSER;
        }
        return canLogin(transport, addresses, localDc, DEFAULT_ROLE, DEFAULT_ROLE)
                ? AuthLogin.DEFAULT_ROLE
                : AuthLogin.NONE;
    }

    private static boolean canLogin(
            CqlTransport transport, Collection<String> addresses, String localDc, String user, String password) {
        try (CqlSession ignored = connect(transport, addresses, localDc, user, password)) {
            return true;
        } catch (AllNodesFailedException e) {
            return false;
        }
    }

    /** The application name the operator's CQL sessions announce. */
    static final String APPLICATION_NAME = ClientConnection.OWN_APPLICATION_PREFIX + "operator";

    static CqlSession connect(
            CqlTransport transport, Collection<String> addresses, String localDc, String user, String password) {
        return transport.connect(tls -> connect(tls, addresses, localDc, user, password));
    }

    private static CqlSession connect(
            Optional<javax.net.ssl.SSLContext> tls,
            Collection<String> addresses,
            String localDc,
            String user,
            String password) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                // Closing a session waits out Netty's quiet period (2 s for each of its two event loop
                // groups) by default; a new cluster's auth setup opens four and each login check one, so
                // that idle time was most of the setup's 10 s.
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .build();
        // The name tells the operator's own connections from an application's in system_views.clients
        // and in the agents' client lists, so they never hold up a datacenter's leave.
        var builder = CqlSession.builder()
                .withConfigLoader(config)
                .withLocalDatacenter(localDc)
                .withApplicationName(APPLICATION_NAME);
        if (user != null) {
            builder.withAuthCredentials(user, password);
        }
        // Nodes are reached by address, which their certificates (issued before the pods had one) do not name:
        // the CA's signature is what is checked.
        tls.ifPresent(builder::withSslContext);
        addresses.forEach(a -> builder.addContactPoint(new InetSocketAddress(a, Ports.CQL)));
        return builder.build();
    }

    private static String quote(String identifier) {
        return "'" + identifier.replace("'", "''") + "'";
    }
}
