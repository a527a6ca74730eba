package dev.cassini.agent.node;

import dev.cassini.contract.RebuildRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a running rebuild has received, read from Cassandra: the node's streaming counter since the
 * rebuild started (exact, and still there once the streams are gone) over what the rebuild's
 * stream plan announced it will receive (known only while the plan runs, so the largest seen is
 * kept). Streams of another kind running at the same time count as received too.
 */
public final class RebuildProgress {
    private static final String REBUILD_PLAN = "Rebuild";

    private final CassandraNode node;
    private final long before;
    private final AtomicLong announced = new AtomicLong();

    public RebuildProgress(CassandraNode node) throws IOException {
        this.node = node;
        this.before = node.incomingStreamBytes();
    }

    /** The figures now, for the job's view while it runs. */
    public Map<String, Long> figures() {
        long received;
        try {
            received = received();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            node.bytesToReceive(REBUILD_PLAN).ifPresent(total -> announced.accumulateAndGet(total, Math::max));
        } catch (IOException | RuntimeException e) {
            // The plan's description could not be read: the received bytes still are, without a total.
        }
        long total = announced.get();
        return total == 0
                ? Map.of(RebuildRequest.RECEIVED_BYTES, received)
                : Map.of(
                        RebuildRequest.RECEIVED_BYTES, received, RebuildRequest.TOTAL_BYTES, Math.max(total, received));
    }

    /** Once the rebuild has returned: everything it was to receive has arrived. */
    public Map<String, Long> finished() throws IOException {
        long received = received();
        return Map.of(RebuildRequest.RECEIVED_BYTES, received, RebuildRequest.TOTAL_BYTES, received);
    }

    private long received() throws IOException {
        return node.incomingStreamBytes() - before;
    }
}
