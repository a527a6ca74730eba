package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedSelectorTest {
    private static final ClusterNames NAMES = new ClusterNames("demo");

    private static List<RackShape> racks(int n) {
        List<RackShape> racks = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            racks.add(new RackShape("r" + i, null, null));
        }
        return racks;
    }

    private static Map<String, String> addresses(List<NodeSlot> slots) {
        Map<String, String> addresses = new HashMap<>();
        for (NodeSlot s : slots) {
            addresses.put(s.pod(), "10.0." + s.rack().substring(1) + "." + s.ordinal());
        }
        return addresses;
    }

    @Test
    void threeSeedsPerDatacenterOnePerRack() {
        List<NodeSlot> slots = DatacenterLayout.slots(NAMES, "dc1", 9, racks(3));
        assertThat(SeedSelector.select(slots, addresses(slots), List.of()))
                .containsExactly("10.0.1.0", "10.0.2.0", "10.0.3.0");
    }

    @Test
    void everyNodeIsASeedWhenThereAreFewerThanThree() {
        List<NodeSlot> slots = DatacenterLayout.slots(NAMES, "dc1", 2, racks(1));
        assertThat(SeedSelector.select(slots, addresses(slots), List.of())).containsExactly("10.0.1.0", "10.0.1.1");
    }

    @Test
    void everyRackGivesASeedWhenThereAreMoreThanThreeRacks() {
        List<NodeSlot> slots = DatacenterLayout.slots(NAMES, "dc1", 10, racks(5));
        assertThat(SeedSelector.select(slots, addresses(slots), List.of()))
                .containsExactly("10.0.1.0", "10.0.2.0", "10.0.3.0", "10.0.4.0", "10.0.5.0");
    }

    @Test
    void aNodeWithoutAnAddressIsSkippedForTheNextInOrder() {
        List<NodeSlot> slots = DatacenterLayout.slots(NAMES, "dc1", 6, racks(3));
        Map<String, String> addresses = addresses(slots);
        addresses.remove("demo-dc1-r2-0");
        assertThat(SeedSelector.select(slots, addresses, List.of()))
                .containsExactly("10.0.1.0", "10.0.3.0", "10.0.1.1");
    }

    @Test
    void eachDatacenterGetsItsOwnSeedsAndAdditionalSeedsComeLast() {
        List<NodeSlot> slots = new ArrayList<>(DatacenterLayout.slots(NAMES, "dc1", 3, racks(3)));
        List<NodeSlot> dc2 = DatacenterLayout.slots(NAMES, "dc2", 3, racks(3));
        slots.addAll(dc2);
        Map<String, String> addresses = addresses(slots);
        dc2.forEach(s -> addresses.put(s.pod(), "10.1." + s.rack().substring(1) + "." + s.ordinal()));
        assertThat(SeedSelector.select(slots, addresses, List.of("192.0.2.10", "10.0.1.0")))
                .containsExactly("10.0.1.0", "10.0.2.0", "10.0.3.0", "10.1.1.0", "10.1.2.0", "10.1.3.0", "192.0.2.10");
    }
}
