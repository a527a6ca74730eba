package dev.cassini.operator;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that keeps writing and reading at LOCAL_QUORUM, one request after another, counting
 * every failed request (with the first few errors kept to explain a failure). Statements are
 * idempotent, as a well-behaved application's are, so the driver may retry them on another node.
 */
final class TrafficClient implements AutoCloseable {
    private final CqlSession session;
    private final int keys;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> errors = new ArrayList<>();
    private Thread thread;

    TrafficClient(CqlSession session, int keys) {
        this.session = session;
        this.keys = keys;
    }

    void start() {
        PreparedStatement write = session.prepare("UPDATE e2e.kv SET v = ? WHERE k = ?");
        PreparedStatement read = session.prepare("SELECT v FROM e2e.kv WHERE k = ?");
        running.set(true);
        thread = new Thread(
                () -> {
                    long i = 0;
                    while (running.get()) {
                        int k = (int) (i++ % keys);
                        try {
                            // Rewrites the value every key already has, so the rows stay checkable afterwards.
                            session.execute(write.bind("v" + k, k)
                                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                                    .setIdempotent(true));
                            var row = session.execute(read.bind(k)
                                            .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                                            .setIdempotent(true))
                                    .one();
                            if (row == null || !("v" + k).equals(row.getString(0))) {
                                throw new IllegalStateException("read of key " + k + " returned "
                                        + (row == null ? "nothing" : row.getString(0)));
                            }
                            successes.addAndGet(2);
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            synchronized (errors) {
                                if (errors.size() < 5) {
                                    errors.add(e + " (the driver saw: " + nodeStates() + ")");
                                }
                            }
                        }
                    }
                },
                "traffic");
        thread.setDaemon(true);
        thread.start();
    }

    /** Each node the driver knows, its state and open connections: why a query plan was short. */
    private String nodeStates() {
        return session.getMetadata().getNodes().values().stream()
                .map(n -> n.getEndPoint() + " " + n.getState() + " " + n.getOpenConnections() + " open")
                .sorted()
                .collect(java.util.stream.Collectors.joining(", "));
    }

    long successes() {
        return successes.get();
    }

    long failures() {
        return failures.get();
    }

    String summary() {
        synchronized (errors) {
            return successes.get() + " requests succeeded, " + failures.get() + " failed"
                    + (errors.isEmpty() ? "" : ": " + errors);
        }
    }

    void stopAndWait() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(30_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopAndWait();
    }
}
