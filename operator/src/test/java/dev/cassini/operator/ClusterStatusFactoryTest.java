package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.AgentView;
import dev.cassini.model.plan.ObservedCluster;
import dev.cassini.model.plan.ObservedNode;
import dev.cassini.model.plan.RingEntry;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterStatusFactoryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static CassandraCluster resource() {
        CassandraCluster cluster = Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata: {name: demo, namespace: ns, generation: 4}
                spec:
                  datacenters:
                    - name: dc1
                      size: 3
                      racks: [{name: r1}, {name: r2}, {name: r3}]
                """, CassandraCluster.class);
        return cluster;
    }

    private static ClusterObserver.Observation observation(CassandraCluster resource, String... states) {
        ClusterShape shape = ClusterShape.of(resource);
        List<ObservedNode> nodes = new ArrayList<>();
        Map<String, String> addresses = new HashMap<>();
        List<NodeSlot> slots = shape.slots();
        for (int i = 0; i < slots.size(); i++) {
            NodeSlot slot = slots.get(i);
            String ip = "10.0.0." + i;
            addresses.put(slot.pod(), ip);
            nodes.add(new ObservedNode(
                    slot,
                    Optional.of(ip),
                    Optional.of(new AgentView(
                            dev.cassini.contract.NodeState.valueOf(states[i]), "host-" + i, true, List.of()))));
        }
        return new ClusterObserver.Observation(
                shape,
                ObservedCluster.builder().nodes(nodes).authInitialized(true).build(),
                addresses,
                Map.of());
    }

    private static Condition condition(CassandraClusterStatus status, String type) {
        return status.getConditions().stream()
                .filter(c -> c.getType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aConvergedClusterIsReadyWithCountsPerRackAndNodeRows() {
        CassandraCluster resource = resource();
        Map<String, RingEntry> ring = Map.of(
                "host-0",
                new RingEntry("UN", 16),
                "host-1",
                new RingEntry("UN", 16),
                "host-2",
                new RingEntry("UN", 16));
        CassandraClusterStatus status = ClusterStatusFactory.build(
                resource,
                observation(resource, "NORMAL", "NORMAL", "NORMAL"),
                ring,
                new Action.Converged("all 3 nodes are up and normal"),
                Optional.empty(),
                true,
                T0);
        assertThat(status.getReady()).isEqualTo("3/3");
        assertThat(status.getPhase()).isEqualTo("Ready");
        assertThat(status.getObservedGeneration()).isEqualTo(4L);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Ready").getObservedGeneration()).isEqualTo(4L);
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(status.getDatacenters().get(0).getRacks())
                .extracting(r -> r.getName() + "=" + r.getReadyNodes() + "/" + r.getDesiredNodes())
                .containsExactly("r1=1/1", "r2=1/1", "r3=1/1");
        assertThat(status.getNodes())
                .extracting(n -> n.getPod() + " " + n.getState() + " " + n.getTokens() + " " + n.getLastAddress())
                .containsExactly(
                        "demo-dc1-r1-0 UN 16 10.0.0.0", "demo-dc1-r2-0 UN 16 10.0.0.1", "demo-dc1-r3-0 UN 16 10.0.0.2");
    }

    @Test
    void aNodeDownAfterInitializationIsDegradedAndAFailedStepSaysWhy() {
        CassandraCluster resource = resource();
        Map<String, RingEntry> ring = Map.of(
                "host-0",
                new RingEntry("UN", 16),
                "host-1",
                new RingEntry("DN", 16),
                "host-2",
                new RingEntry("UN", 16));
        CassandraClusterStatus down = ClusterStatusFactory.build(
                resource,
                observation(resource, "NORMAL", "STOPPED", "NORMAL"),
                ring,
                new Action.Wait("waiting"),
                Optional.empty(),
                true,
                T0);
        assertThat(down.getReady()).isEqualTo("2/3");
        assertThat(condition(down, "Degraded").getReason()).isEqualTo("NodesDown");
        assertThat(condition(down, "Progressing").getReason()).isEqualTo("Wait");

        CassandraClusterStatus failed = ClusterStatusFactory.build(
                resource,
                observation(resource, "NORMAL", "NORMAL", "NORMAL"),
                ring,
                new Action.StartNodes(List.of(), "starting"),
                Optional.of("agent refused"),
                true,
                T0);
        assertThat(failed.getPhase()).isEqualTo("Degraded");
        assertThat(failed.getStep()).isEqualTo("failed: starting: agent refused");
        assertThat(condition(failed, "Degraded").getReason()).isEqualTo("StepFailed");

        CassandraClusterStatus refused = ClusterStatusFactory.build(
                resource,
                observation(resource, "NORMAL", "NORMAL", "NORMAL"),
                Map.of(),
                new Action.Refuse(Action.Refuse.SCALE_DOWN, "scale-down refused"),
                Optional.empty(),
                true,
                T0);
        assertThat(condition(refused, "Degraded").getReason()).isEqualTo("ScaleDownRefused");
        assertThat(condition(refused, "Degraded").getMessage()).isEqualTo("scale-down refused");
    }

    @Test
    void aConditionKeepsItsTransitionTimeUntilItsStatusChanges() {
        CassandraCluster resource = resource();
        Map<String, RingEntry> ring = Map.of();
        CassandraClusterStatus first = ClusterStatusFactory.build(
                resource,
                observation(resource, "NORMAL", "NORMAL", "NORMAL"),
                ring,
                new Action.Converged("ok"),
                Optional.empty(),
                true,
                T0);
        resource.setStatus(first);
        CassandraClusterStatus same = ClusterStatusFactory.build(
                resource,
                observation(resource, "NORMAL", "NORMAL", "NORMAL"),
                ring,
                new Action.Converged("ok"),
                Optional.empty(),
                true,
                T0.plusSeconds(60));
        assertThat(condition(same, "Ready").getLastTransitionTime()).isEqualTo(T0.toString());
        resource.setStatus(same);
        CassandraClusterStatus changed = ClusterStatusFactory.build(
                resource,
                observation(resource, "NORMAL", "STOPPED", "NORMAL"),
                ring,
                new Action.Wait("waiting"),
                Optional.empty(),
                true,
                T0.plusSeconds(120));
        assertThat(condition(changed, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(changed, "Ready").getLastTransitionTime())
                .isEqualTo(T0.plusSeconds(120).toString());
    }

    @Test
    void aPodBackWithAnEmptyVolumeKeepsTheOldNodesHostIdAndLastAddress() {
        CassandraCluster resource = resource();
        CassandraClusterStatus before = ClusterStatusFactory.build(
                resource,
                observation(resource, "NORMAL", "NORMAL", "NORMAL"),
                Map.of(),
                new Action.Converged("ok"),
                Optional.empty(),
                true,
                T0);
        resource.setStatus(before);
        ClusterObserver.Observation now = observation(resource, "NORMAL", "NORMAL", "NORMAL");
        List<ObservedNode> nodes = new ArrayList<>(now.cluster().nodes());
        ObservedNode lost = nodes.get(1);
        // same pod, new address, an agent with no data and no host ID
        nodes.set(
                1,
                new ObservedNode(
                        lost.slot(),
                        Optional.of("10.0.9.9"),
                        Optional.of(
                                new AgentView(dev.cassini.contract.NodeState.NOT_STARTED, null, false, List.of()))));
        var observation = new ClusterObserver.Observation(
                now.shape(),
                ObservedCluster.builder().nodes(nodes).authInitialized(true).build(),
                now.addresses(),
                Map.of());
        CassandraClusterStatus after = ClusterStatusFactory.build(
                resource, observation, Map.of(), new Action.Wait("w"), Optional.empty(), true, T0);
        var row = after.getNodes().get(1);
        assertThat(row.getHostId()).isEqualTo("host-1");
        assertThat(row.getLastAddress()).isEqualTo("10.0.0.1");
        assertThat(row.getIp()).isEqualTo("10.0.9.9");
    }

    /**
     * r3 taken out of the spec: its row leaves nodes for leavingNodes, keeping the host ID and last
     * address status knew, even once its pod no longer runs; it goes once the ring no longer has it.
     */
    @Test
    void aPodBeyondTheSpecKeepsItsNodeInLeavingNodesUntilTheRingLetsGoOfIt() {
        CassandraCluster resource = resource();
        CassandraClusterStatus before = ClusterStatusFactory.build(
                resource,
                observation(resource, "NORMAL", "NORMAL", "NORMAL"),
                Map.of(
                        "host-0",
                        new RingEntry("UN", 16),
                        "host-1",
                        new RingEntry("UN", 16),
                        "host-2",
                        new RingEntry("UN", 16)),
                new Action.Converged("all 3 nodes are up and normal"),
                Optional.empty(),
                true,
                T0);
        resource.setStatus(before);
        resource.getSpec().getDatacenters().get(0).setSize(2);
        ClusterObserver.Observation full = observation(resource(), "NORMAL", "NORMAL", "NORMAL");
        ObservedNode r3 = full.cluster().nodes().get(2);
        // Its pod no longer runs: no address, no agent.
        ObservedNode lost = new ObservedNode(r3.slot(), Optional.empty(), Optional.empty());
        ClusterObserver.Observation shrunk = new ClusterObserver.Observation(
                ClusterShape.of(resource),
                ObservedCluster.builder()
                        .nodes(full.cluster().nodes().subList(0, 2))
                        .surplus(List.of(lost))
                        .authInitialized(true)
                        .build(),
                full.addresses(),
                Map.of());
        Map<String, RingEntry> withR3Down = Map.of(
                "host-0",
                new RingEntry("UN", 16),
                "host-1",
                new RingEntry("UN", 16),
                "host-2",
                new RingEntry("DN", 16));
        CassandraClusterStatus leaving = ClusterStatusFactory.build(
                resource, shrunk, withR3Down, new Action.Wait("leaving"), Optional.empty(), true, T0);
        assertThat(leaving.getNodes()).extracting(n -> n.getPod()).containsExactly("demo-dc1-r1-0", "demo-dc1-r2-0");
        assertThat(leaving.getLeavingNodes())
                .extracting(n -> n.getPod() + " " + n.getHostId() + " " + n.getLastAddress() + " " + n.getState())
                .containsExactly("demo-dc1-r3-0 host-2 10.0.0.2 DN");

        // A reconcile later, from that status alone.
        resource.setStatus(leaving);
        CassandraClusterStatus still = ClusterStatusFactory.build(
                resource, shrunk, withR3Down, new Action.Wait("leaving"), Optional.empty(), true, T0);
        assertThat(still.getLeavingNodes()).extracting(n -> n.getHostId()).containsExactly("host-2");

        resource.setStatus(still);
        CassandraClusterStatus removed = ClusterStatusFactory.build(
                resource,
                shrunk,
                Map.of("host-0", new RingEntry("UN", 16), "host-1", new RingEntry("UN", 16)),
                new Action.Wait("leaving"),
                Optional.empty(),
                true,
                T0);
        assertThat(removed.getLeavingNodes()).isNull();
    }
}
