package dev.cassini.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import org.junit.jupiter.api.Test;

class StreamTotalsTest {
    /** The items of Cassandra's StreamState composite this reads, under the names Cassandra gives them. */
    private static CompositeDataSupport plan(String description, long received, long total) throws OpenDataException {
        String[] names = {"description", "currentRxBytes", "totalRxBytes"};
        CompositeType type = new CompositeType("StreamState", "a stream plan", names, names, new OpenType<?>[] {
            SimpleType.STRING, SimpleType.LONG, SimpleType.LONG
        });
        return new CompositeDataSupport(type, names, new Object[] {description, received, total});
    }

    @Test
    void thePlansOfThatKindAreSummedAndOthersLeftOut() throws OpenDataException {
        assertThat(StreamTotals.toReceive(
                        List.of(plan("Rebuild", 10, 1_000), plan("Repair", 5, 99), plan("Rebuild", 0, 24)), "Rebuild"))
                .hasValue(1_024);
    }

    @Test
    void noPlanOfThatKindIsNoFigure() throws OpenDataException {
        assertThat(StreamTotals.toReceive(List.of(plan("Repair", 5, 99)), "Rebuild"))
                .isEmpty();
        assertThat(StreamTotals.toReceive(List.of(), "Rebuild")).isEmpty();
    }
}
