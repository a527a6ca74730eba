package dev.cassini.operator;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cassini.model.plan.DatacenterJoin;
import dev.cassini.model.plan.JoinReplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a joining datacenter's replication changes ({@link JoinReplication} decides them) and
 * waits until every node has the new schema, then one write timeout more, so no write coordinated
 * under the old replication is still in flight when the rebuild starts reading the source.
 */
final class ReplicationExtender {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationExtender.class);
    private static final Duration AGREEMENT = Duration.ofSeconds(60);
    /** Cassandra's default write_request_timeout. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

    private ReplicationExtender() {}

    static List<String> extend(CqlSession session, DatacenterJoin join) {
        Map<String, Map<String, String>> replication = ClusterSchema.replication(session);
        List<String> simple = JoinReplication.simpleStrategyKeyspaces(replication, join.otherDatacenters());
        if (!simple.isEmpty()) {
            throw new IllegalStateException("keyspaces on SimpleStrategy would have replicas on the joining nodes"
                    + " before they hold data; move them to NetworkTopologyStrategy first: "
                    + String.join("; ", simple));
        }
        List<String> statements = JoinReplication.alterations(join, replication);
        for (String statement : statements) {
            session.execute(SimpleStatement.newInstance(statement).setTimeout(AGREEMENT));
            LOG.info("datacenter {} joins: {}", join.datacenter(), statement);
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
        return statements;
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
