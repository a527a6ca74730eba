package dev.cassini.agent;

import dev.cassini.agent.node.CassandraNode;
import dev.cassini.contract.ProcessState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has the running node forget, every {@link #PERIOD}, the addresses that peers had before they
 * restarted at another one (the helper's {@code ReplacedAddresses}). Every node does it, so by the
 * time a rolling restart takes the next node down, which takes longer than this, no node passes the
 * old address on, and the restarting node cannot mistake it for the peer and set the peer's live
 * address aside for Cassandra's 60 s quarantine.
 */
final class ReplacedAddressForgetting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplacedAddressForgetting.class);

    /** Well under a drain (the least time before the next node of a rolling restart goes down). */
    static final Duration PERIOD = Duration.ofSeconds(2);

    private final CassandraNode node;
    private final Supplier<ProcessState> process;
    private final ScheduledExecutorService timer;
    private boolean failing;

    private ReplacedAddressForgetting(CassandraNode node, Supplier<ProcessState> process) {
        this.node = node;
        this.process = process;
        this.timer = BackgroundTimer.named("replaced-address-forgetting");
    }

    static ReplacedAddressForgetting start(CassandraNode node, Supplier<ProcessState> process) {
        ReplacedAddressForgetting forgetting = new ReplacedAddressForgetting(node, process);
        forgetting.timer.scheduleWithFixedDelay(
                forgetting::check, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return forgetting;
    }

    /** One look at the node's gossip. */
    void check() {
        if (process.get() != ProcessState.RUNNING) {
            return;
        }
        try {
            List<String> forgotten = node.forgetReplacedAddresses();
            if (!forgotten.isEmpty()) {
                LOG.info("gossip forgot {}: former addresses of peers that now run at another one", forgotten);
            }
            failing = false;
        } catch (IOException | RuntimeException e) {
            // Until Cassandra has started far enough the call fails; a restart then waits out the quarantine
            // as it would without this. Said once per run of failures, not every two seconds.
            if (!failing) {
                LOG.debug("cannot look for peers' former addresses yet: {}", e.getMessage());
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
