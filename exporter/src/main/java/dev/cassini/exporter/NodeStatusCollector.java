package dev.cassini.exporter;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.apache.cassandra.service.StorageService;

/**
 * Whether the node serves: its operation mode, gossip and CQL, and how many ring members it sees
 * up and down. Before Cassandra is far enough into its start to ask, the node is reported STARTING.
 */
final class NodeStatusCollector {
    /**
     * Every operation mode of Cassandra (a test checks the list against Cassandra's enum); each is
     * always exported (0 or 1) so alerts can match on a state that is absent.
     */
    static final List<String> STATES = List.of(
            "STARTING",
            "NORMAL",
            "JOINING",
            "JOINING_FAILED",
            "LEAVING",
            "DECOMMISSIONED",
            "DECOMMISSION_FAILED",
            "MOVING",
            "DRAINING",
            "DRAINED");

    private final Labels nodeLabels;

    NodeStatusCollector(Labels nodeLabels) {
        this.nodeLabels = nodeLabels;
    }

    /** Called only once Cassandra's StorageService exists. */
    void collect(List<MetricSnapshot> out) {
        StorageService service = StorageService.instance;
        states(service.getOperationMode(), out);
        out.add(new Samples(Catalog.NODE_NATIVE_TRANSPORT)
                .add(nodeLabels, service.isNativeTransportRunning() ? 1 : 0)
                .build());
        out.add(new Samples(Catalog.NODE_GOSSIP)
                .add(nodeLabels, service.isGossipRunning() ? 1 : 0)
                .build());
        out.add(new Samples(Catalog.NODE_ENDPOINTS)
                .add(nodeLabels.add("status", "up"), service.getLiveNodes().size())
                .add(
                        nodeLabels.add("status", "down"),
                        service.getUnreachableNodes().size())
                .build());
    }

    /** What is known before Cassandra has started far enough to ask it. */
    void collectStarting(List<MetricSnapshot> out) {
        states("STARTING", out);
        out.add(new Samples(Catalog.NODE_NATIVE_TRANSPORT).add(nodeLabels, 0).build());
        out.add(new Samples(Catalog.NODE_GOSSIP).add(nodeLabels, 0).build());
    }

    private void states(String mode, List<MetricSnapshot> out) {
        Samples samples = new Samples(Catalog.NODE_STATE);
        for (String state : STATES) {
            samples.add(nodeLabels.add("state", state), state.equals(mode) ? 1 : 0);
        }
        if (!STATES.contains(mode)) {
            samples.add(nodeLabels.add("state", mode), 1);
        }
        out.add(samples.build());
    }
}
