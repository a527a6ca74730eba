package dev.cassini.agent.node;

import java.util.Collection;
import java.util.OptionalLong;
import javax.management.openmbean.CompositeData;

/** Sums over Cassandra's running stream plans, as its StreamManager MBean describes each one. Pure. */
final class StreamTotals {
    private StreamTotals() {}

    /**
     * The bytes the plans with this description will receive in all; empty when none of them runs.
     *
     * @param streams the StreamManager's {@code CurrentStreams}: one composite per plan
     */
    static OptionalLong toReceive(Collection<?> streams, String description) {
        long total = 0;
        boolean found = false;
        for (Object stream : streams) {
            if (stream instanceof CompositeData plan && description.equals(plan.get("description"))) {
                found = true;
                total += ((Number) plan.get("totalRxBytes")).longValue();
            }
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }
}
