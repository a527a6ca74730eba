package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatacenterLayoutTest {
    private static final List<RackShape> THREE_RACKS =
            List.of(new RackShape("r1", "a", null), new RackShape("r2", "b", null), new RackShape("r3", "c", null));

    @ParameterizedTest
    @CsvSource({"1,3,'1,0,0'", "3,3,'1,1,1'", "4,3,'2,1,1'", "5,3,'2,2,1'", "6,3,'2,2,2'", "7,1,'7'", "2,4,'1,1,0,0'"})
    void racksNeverDifferByMoreThanOneNode(int size, int racks, String expected) {
        List<Integer> replicas = DatacenterLayout.replicasPerRack(size, racks);
        assertThat(replicas).map(String::valueOf).containsExactly(expected.split(","));
        assertThat(replicas.stream().mapToInt(Integer::intValue).sum()).isEqualTo(size);
    }

    @Test
    void slotsInterleaveRacksAndNamePodsAsTheStatefulSetControllerDoes() {
        List<NodeSlot> slots = DatacenterLayout.slots(new ClusterNames("demo"), "dc1", 5, THREE_RACKS);
        assertThat(slots)
                .containsExactly(
                        new NodeSlot("dc1", "r1", 0, "demo-dc1-r1-0", 0),
                        new NodeSlot("dc1", "r2", 0, "demo-dc1-r2-0", 1),
                        new NodeSlot("dc1", "r3", 0, "demo-dc1-r3-0", 2),
                        new NodeSlot("dc1", "r1", 1, "demo-dc1-r1-1", 3),
                        new NodeSlot("dc1", "r2", 1, "demo-dc1-r2-1", 4));
    }

    @Test
    void aDatacenterWithoutRacksIsRefused() {
        assertThatThrownBy(() -> DatacenterLayout.replicasPerRack(3, 0)).hasMessageContaining("at least one rack");
    }
}
