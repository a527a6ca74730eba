package dev.cassini.devkube.kubelet;

import java.util.ArrayList;
import java.util.List;

/** One node devkube registers: its name, zone and the address reported as its InternalIP. */
public record DevNode(String name, String zone, String address) {
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String REGION_LABEL = "topology.kubernetes.io/region";
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    public static final String REGION = "devkube";

    /**
     * {@code nodesPerZone} nodes in each zone, named {@code devkube-<zone>-<n>}; addresses come from
     * {@code addressOf(index)}.
     */
    public static List<DevNode> layout(
            List<String> zones, int nodesPerZone, java.util.function.IntFunction<String> addressOf) {
        List<DevNode> nodes = new ArrayList<>();
        for (String zone : zones) {
            for (int i = 1; i <= nodesPerZone; i++) {
                nodes.add(new DevNode("devkube-" + zone + "-" + i, zone, addressOf.apply(nodes.size())));
            }
        }
        return nodes;
    }
}
