package dev.cassini.agent;

import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.node.CassandraNode;
import dev.cassini.agent.runtime.CassandraTlsFiles;
import dev.cassini.contract.ProcessState;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a renewed node certificate into the running Cassandra without a restart: every {@link
 * #PERIOD} it compares the mounted files with the ones Cassandra reads, writes them again when
 * they differ, and has Cassandra reload them at once. The operator renews a certificate a third
 * of its validity before it expires, so there is time enough for a node that was down meanwhile.
 */
final class CassandraTlsRotation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraTlsRotation.class);

    /** Kubernetes takes up to a minute or so to update a mounted Secret; this adds at most half of one. */
    static final Duration PERIOD = Duration.ofSeconds(30);

    private final NodeConfig config;
    private final CassandraNode node;
    private final Supplier<ProcessState> process;
    private final ScheduledExecutorService timer;

    private CassandraTlsRotation(NodeConfig config, CassandraNode node, Supplier<ProcessState> process) {
        this.config = config;
        this.node = node;
        this.process = process;
        this.timer = BackgroundTimer.named("cassandra-tls-rotation");
    }

    /** Started when the node runs with encryption; nothing to do, and no thread, otherwise. */
    static AutoCloseable start(NodeConfig config, CassandraNode node, Supplier<ProcessState> process) {
        if (!config.cassandraTls().any()) {
            return () -> {};
        }
        CassandraTlsRotation rotation = new CassandraTlsRotation(config, node, process);
        rotation.timer.scheduleWithFixedDelay(
                rotation::check, PERIOD.toSeconds(), PERIOD.toSeconds(), TimeUnit.SECONDS);
        return rotation;
    }

    /** One look at the mounted files. */
    void check() {
        if (process.get() != ProcessState.RUNNING) {
            return; // the next start stages the files anyway
        }
        try {
            if (CassandraTlsFiles.restage(config)) {
                node.reloadSslCertificates();
                LOG.info("Cassandra's TLS certificate changed on its volume: staged again and reloaded");
            }
        } catch (IOException | RuntimeException e) {
            // The files Cassandra reads stay as they were, still valid until the renewed ones would have
            // replaced them: say so each time, and try again next period.
            LOG.warn("cannot take Cassandra's renewed TLS certificate: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
