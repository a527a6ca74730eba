package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.CleanupStatus;
import dev.cassini.api.v1alpha1.ClusterRepairStatus;
import dev.cassini.api.v1alpha1.Clusters;
import dev.cassini.api.v1alpha1.NodeStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterStatusTextTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void aClusterOnOneScreen() {
        CassandraCluster cluster = Clusters.minimal("demo");
        cluster.getMetadata().setNamespace("shop");
        cluster.getMetadata().setGeneration(4L);
        cluster.getSpec().setCassandraVersion("5.0.6");
        CassandraClusterStatus status = new CassandraClusterStatus();
        status.setObservedGeneration(3L);
        status.setPhase("Scaling");
        status.setReady("2/3");
        status.setStep("bootstrapping demo-dc1-r3-0");
        ClusterRepairStatus repair = new ClusterRepairStatus();
        repair.setMessage("skipped: a node is down");
        status.setRepair(repair);
        CleanupStatus cleanup = new CleanupStatus();
        cleanup.setPod("demo-dc1-r1-0");
        status.setPendingCleanup(List.of(cleanup));
        status.setConditions(List.of(new ConditionBuilder()
                .withType("Ready")
                .withStatus("False")
                .withReason("Scaling")
                .withMessage("2 of 3 nodes up and normal")
                .withLastTransitionTime("2026-12-04T11:58:30Z")
                .build()));
        status.setNodes(
                List.of(node("demo-dc1-r1-0", "127.0.0.2", "UN", "aa-1"), node("demo-dc1-r3-0", null, "UJ", null)));
        NodeStatus leaving = node("demo-dc1-r4-0", null, "UL", "dd-4");
        leaving.setLastAddress("127.0.0.5");
        status.setLeavingNodes(List.of(leaving));
        cluster.setStatus(status);

        assertThat(ClusterStatusText.render(cluster, Map.of("demo-dc1-r1-0", 3L * 1024 * 1024), NOW))
                .isEqualTo("""
                        Cluster:         demo (namespace shop)
                        Phase:           Scaling
                        Ready nodes:     2/3
                        Cassandra:       5.0.6
                        Operator:        bootstrapping demo-dc1-r3-0
                        Spec:            changed; the operator has not acted on the change yet
                        Repair:          skipped: a node is down
                        Cleanup pending: demo-dc1-r1-0

                        Conditions:
                          TYPE    STATUS   SINCE    REASON    MESSAGE
                          Ready   False    1m 30s   Scaling   2 of 3 nodes up and normal

                        Nodes:
                          DATACENTER   RACK   POD             STATE   ADDRESS     LOAD      TOKENS   HOST ID
                          dc1          r1     demo-dc1-r1-0   UN      127.0.0.2   3.0 MiB   16       aa-1
                          dc1          r1     demo-dc1-r3-0   UJ      -           -         16       -

                        Leaving:
                          DATACENTER   RACK   POD             STATE   ADDRESS     LOAD   TOKENS   HOST ID
                          dc1          r1     demo-dc1-r4-0   UL      127.0.0.5   -      16       dd-4
                        """);
    }

    @Test
    void aClusterTheOperatorHasNotSeenSaysSo() {
        CassandraCluster cluster = Clusters.minimal("demo");
        cluster.getMetadata().setNamespace("default");
        assertThat(ClusterStatusText.render(cluster, Map.of(), NOW))
                .contains("Phase:           not seen by the operator yet");
    }

    private static NodeStatus node(String pod, String ip, String state, String hostId) {
        NodeStatus node = NodeStatuses.node(pod, "dc1", ip, state);
        node.setHostId(hostId);
        return node;
    }
}
