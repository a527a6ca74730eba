package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.CleanupStatus;
import dev.cassini.api.v1alpha1.NodeStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code cassini status}: one screen per cluster, from its resource's status and each node's
 * load: what it is, whether it serves, its nodes as nodetool status shows them, and what the
 * operator is doing about it.
 */
final class ClusterStatusText {
    private ClusterStatusText() {}

    /**
     * @param loadByPod each node's live data (nodetool's Load) by pod; a pod missing has no answer
     */
    static String render(CassandraCluster cluster, Map<String, Long> loadByPod, Instant now) {
        CassandraClusterStatus status = cluster.getStatus();
        DescriptionText text = new DescriptionText()
                .field(
                        "Cluster",
                        cluster.getMetadata().getName() + " (namespace "
                                + cluster.getMetadata().getNamespace() + ")");
        if (status == null) {
            return text.field("Phase", "not seen by the operator yet (is it running? kubectl get pods -A)")
                    .toString();
        }
        text.field("Phase", status.getPhase())
                .field("Ready nodes", status.getReady())
                .field("Cassandra", cluster.getSpec().getCassandraVersion())
                .field("Operator", status.getStep() == null ? "nothing to do" : status.getStep());
        if (cluster.getMetadata().getGeneration() != null
                && status.getObservedGeneration() != null
                && status.getObservedGeneration() < cluster.getMetadata().getGeneration()) {
            text.field("Spec", "changed; the operator has not acted on the change yet");
        }
        if (status.getRepair() != null && status.getRepair().getMessage() != null) {
            text.field("Repair", status.getRepair().getMessage());
        }
        if (status.getPendingCleanup() != null && !status.getPendingCleanup().isEmpty()) {
            text.field(
                    "Cleanup pending",
                    status.getPendingCleanup().stream()
                            .map(CleanupStatus::getPod)
                            .collect(Collectors.joining(", ")));
        }
        text.table("Conditions", conditions(status.getConditions(), now));
        text.table("Nodes", nodes(status.getNodes(), loadByPod));
        text.table("Leaving", nodes(status.getLeavingNodes(), loadByPod));
        return text.toString();
    }

    private static TextTable conditions(List<Condition> conditions, Instant now) {
        TextTable table = new TextTable("TYPE", "STATUS", "SINCE", "REASON", "MESSAGE");
        if (conditions != null) {
            for (Condition c : conditions) {
                table.row(
                        c.getType(),
                        c.getStatus(),
                        HumanUnits.elapsed(c.getLastTransitionTime(), null, now),
                        orDash(c.getReason()),
                        orDash(c.getMessage()));
            }
        }
        return table;
    }

    private static TextTable nodes(List<NodeStatus> nodes, Map<String, Long> loadByPod) {
        TextTable table = new TextTable("DATACENTER", "RACK", "POD", "STATE", "ADDRESS", "LOAD", "TOKENS", "HOST ID");
        if (nodes != null) {
            for (NodeStatus n : nodes) {
                table.row(
                        orDash(n.getDatacenter()),
                        orDash(n.getRack()),
                        orDash(n.getPod()),
                        orDash(n.getState()),
                        orDash(n.getIp() != null ? n.getIp() : n.getLastAddress()),
                        HumanUnits.bytes(loadByPod.get(n.getPod())),
                        n.getTokens() == null
                                ? HumanUnits.UNKNOWN
                                : n.getTokens().toString(),
                        orDash(n.getHostId()));
            }
        }
        return table;
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? HumanUnits.UNKNOWN : value;
    }
}
