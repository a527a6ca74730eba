package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cassini.model.migration.LeavePreflight;
import dev.cassini.model.plan.DatacenterJoin;
import dev.cassini.model.plan.JoinReplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the replication changes of a joining datacenter ({@link JoinReplication} decides them) or
 * of leaving ones ({@link LeavePreflight}), each computed from the schema as it is now, and waits
 * until every node has the new schema, then one write timeout more: no write coordinated under
 * the old replication is still in flight when a rebuild starts reading the source, or a
 * decommission takes its replicas away.
 */
final class ReplicationChanges {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationChanges.class);
    private static final Duration AGREEMENT = Duration.ofSeconds(60);
    /** Cassandra's default write_request_timeout. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

    private ReplicationChanges() {}

    static List<String> extend(CqlSession session, DatacenterJoin join) {
        Map<String, Map<String, String>> replication = ClusterSchema.replication(session);
        List<String> simple = JoinReplication.simpleStrategyKeyspaces(replication, join.otherDatacenters());
        if (!simple.isEmpty()) {
            throw new IllegalStateException("keyspaces on SimpleStrategy would have replicas on the joining nodes"
                    + " before they hold data; move them to NetworkTopologyStrategy first: "
                    + String.join("; ", simple));
        }
        List<String> statements = JoinReplication.alterations(join, replication);
        apply(session, statements, "datacenter " + join.datacenter() + " joins");
        return statements;
    }

    /**
     * Takes the leaving datacenters out of every keyspace that names them ({@code system_auth} only
     * with {@code authToo}); refuses, changing nothing, when a keyspace would keep no replica.
     */
    static List<String> withdraw(CqlSession session, Set<String> leaving, boolean authToo) {
        Map<String, Map<String, String>> replication = ClusterSchema.replication(session);
        List<String> refusals = LeavePreflight.refusals(leaving, replication, List.of(), true);
        if (!refusals.isEmpty()) {
            throw new IllegalStateException(String.join("; ", refusals));
        }
        List<String> statements = LeavePreflight.alters(leaving, replication, authToo);
        apply(session, statements, "datacenter " + String.join(", ", new java.util.TreeSet<>(leaving)) + " leaves");
        return statements;
    }

    private static void apply(CqlSession session, List<String> statements, String why) {
        for (String statement : statements) {
            session.execute(SimpleStatement.newInstance(statement).setTimeout(AGREEMENT));
            LOG.info("{}: {}", why, statement);
        }
        long deadline = System.nanoTime() + AGREEMENT.toNanos();
        while (!session.checkSchemaAgreement()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the nodes did not agree on the schema within " + AGREEMENT.toSeconds()
                        + " s after the replication changed; the next reconcile checks again");
            }
            sleep(Duration.ofMillis(500));
        }
        sleep(WRITE_TIMEOUT);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for schema agreement", e);
        }
    }
}
