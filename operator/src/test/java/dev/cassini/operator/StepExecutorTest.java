package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.contract.StartRequest;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.ObservedCluster;
import dev.cassini.model.plan.StartNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each action's execution, and the failure of each call it makes, against hand-written fakes. */
class StepExecutorTest {
    private static final String P0 = "demo-dc1-r1-0";
    private static final String P1 = "demo-dc1-r2-0";
    private static final String P2 = "demo-dc1-r3-0";

    private final ExecutorService pool = Executors.newFixedThreadPool(3);
    private final FakeNodeAgents agents = new FakeNodeAgents();
    private final FakeClusterOperations kube = new FakeClusterOperations();
    private final StepExecutor executor = new StepExecutor(agents, kube, pool);
    private final CassandraCluster resource = Serialization.unmarshal("""
            apiVersion: cassini.dev/v1alpha1
            kind: CassandraCluster
            metadata: {name: demo, namespace: ns}
            spec:
              datacenters:
                - name: dc1
                  size: 3
                  racks: [{name: r1}, {name: r2}, {name: r3}]
            """, CassandraCluster.class);
    private final Map<String, String> addresses =
            new LinkedHashMap<>(Map.of(P0, "10.0.0.1", P1, "10.0.0.2", P2, "10.0.0.3"));

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Map<String, String> execute(Action action) throws IOException {
        ClusterShape shape = ClusterShape.of(resource);
        return executor.execute(
                resource,
                new ClusterObserver.Observation(shape, ObservedCluster.builder().build(), addresses, Map.of()),
                action);
    }

    @Test
    void pushSeedsSetsTheListOnEachNamedNodeAndLabelsExactlyTheSeedPods() throws IOException {
        execute(new Action.PushSeeds(List.of(P0, P2), List.of("10.0.0.1", "10.0.0.2"), "seeds"));
        assertThat(agents.calls)
                .containsExactlyInAnyOrder(
                        "seeds [10.0.0.1, 10.0.0.2] 10.0.0.1", "seeds [10.0.0.1, 10.0.0.2] 10.0.0.3");
        assertThat(kube.calls)
                .containsExactlyInAnyOrder("label seed ns/" + P0, "label seed ns/" + P1, "unlabel seed ns/" + P2);
    }

    @Test
    void aFailedSeedPushFailsTheStepNamingThePodAndLabelsNothing() {
        agents.failing.add("10.0.0.3");
        assertThatThrownBy(() -> execute(new Action.PushSeeds(List.of(P0, P2), List.of("10.0.0.1"), "seeds")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(P2 + ": agent 10.0.0.3 answered 409");
        assertThat(kube.calls).isEmpty();
    }

    @Test
    void startNodesSendsEachNodeItsOwnRequest() throws IOException {
        execute(new Action.StartNodes(
                List.of(
                        new StartNode(P0, List.of(-5L, 7L), false, Optional.empty(), 3),
                        new StartNode(P1, List.of(), true, Optional.of("10.0.0.9"))),
                "start"));
        assertThat(agents.starts)
                .containsOnly(
                        Map.entry("10.0.0.1", new StartRequest(null, List.of("-5", "7"), false, 3)),
                        Map.entry("10.0.0.2", new StartRequest("10.0.0.9", null, true, null)));
    }

    @Test
    void aStartThatOneNodeRefusesFailsTheStepAfterTryingEveryNode() {
        agents.failing.add("10.0.0.2");
        assertThatThrownBy(() ->
                        execute(new Action.StartNodes(List.of(StartNode.restart(P0), StartNode.restart(P1)), "start")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(P1 + ":")
                .hasMessageNotContaining(P0 + ":");
        assertThat(agents.calls).containsExactlyInAnyOrder("start 10.0.0.1", "start 10.0.0.2");
    }

    @Test
    void aNodeWithoutAnAddressFailsTheStepInsteadOfCallingNowhere() {
        addresses.remove(P1);
        assertThatThrownBy(() -> execute(new Action.Decommission(P1, "leave")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(P1 + " has no address now");
        assertThat(agents.calls).isEmpty();
    }

    @Test
    void stopNodesDrainsEachNamedNode() throws IOException {
        execute(new Action.StopNodes(List.of(P0, P1, P2), "stop"));
        assertThat(agents.calls).containsExactlyInAnyOrder("stop 10.0.0.1", "stop 10.0.0.2", "stop 10.0.0.3");
    }

    @Test
    void aRestartStopsTheNodeThenDeletesItsPod() throws IOException {
        execute(new Action.RestartNodes(List.of(P1), "restart"));
        assertThat(agents.calls).containsExactly("stop 10.0.0.2");
        assertThat(kube.calls).containsExactly("delete pod ns/" + P1);
    }

    @Test
    void aRestartWhoseStopFailsKeepsThePod() {
        agents.failing.add("10.0.0.2");
        assertThatThrownBy(() -> execute(new Action.RestartNodes(List.of(P1), "restart")))
                .isInstanceOf(IOException.class);
        assertThat(kube.calls).isEmpty();
    }

    @Test
    void aRacksRoundStopsEveryNodeAndDeletesThePodsOfThoseThatStopped() {
        agents.failing.add("10.0.0.2");
        assertThatThrownBy(() -> execute(new Action.RestartNodes(List.of(P0, P1, P2), "restart")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(P1);
        assertThat(kube.calls).containsExactlyInAnyOrder("delete pod ns/" + P0, "delete pod ns/" + P2);
    }

    @Test
    void aRestartWhosePodDeletionIsRefusedFailsTheStep() {
        kube.refusal = new KubernetesClientException("pods \"" + P1 + "\" is forbidden");
        assertThatThrownBy(() -> execute(new Action.RestartNodes(List.of(P1), "restart")))
                .hasMessageContaining("forbidden");
        assertThat(agents.calls).containsExactly("stop 10.0.0.2");
    }

    @Test
    void decommissionStartsTheJobOnThatNodeOnly() throws IOException {
        assertThat(execute(new Action.Decommission(P2, "leave"))).isEmpty();
        assertThat(agents.calls).containsExactly("decommission 10.0.0.3");
    }

    @Test
    void aForcedDecommissionSaysSoToTheAgent() throws IOException {
        execute(new Action.Decommission(P2, true, "leave"));
        assertThat(agents.calls).containsExactly("decommission --force 10.0.0.3");
    }

    @Test
    void aDeadNodeIsRemovedByTheNodeNamedToRunIt() throws IOException {
        execute(new Action.RemoveDeadNode(P1, "0c3f5b1e-0000-4000-8000-000000000003", "192.168.0.13", "leave"));
        assertThat(agents.calls).containsExactly("removenode 0c3f5b1e-0000-4000-8000-000000000003 10.0.0.2");
    }

    @Test
    void withdrawingReplicationAndRemovingADatacenterTouchNoNode() throws IOException {
        execute(new Action.WithdrawReplication(java.util.Set.of("dc2"), true, "leave"));
        execute(new Action.RemoveDatacenter("dc2", "left"));
        assertThat(kube.calls)
                .containsExactly(
                        "withdraw replication from [dc2] with system_auth via []", "remove datacenter ns/demo/dc2");
        assertThat(agents.calls).isEmpty();
    }

    @Test
    void aRefusedDecommissionFailsTheStep() {
        agents.failing.add("10.0.0.3");
        assertThatThrownBy(() -> execute(new Action.Decommission(P2, "leave"))).isInstanceOf(IOException.class);
    }

    @Test
    void removeNodeShrinksTheStatefulSet() throws IOException {
        execute(new Action.RemoveNode("demo-dc1-r1-1", "demo-dc1-r1", 1, "remove"));
        assertThat(kube.calls).containsExactly("shrink ns/demo-dc1-r1 to 1");
        assertThat(agents.calls).isEmpty();
    }

    @Test
    void aRefusedShrinkFailsTheStep() {
        kube.refusal = new KubernetesClientException("conflict");
        assertThatThrownBy(() -> execute(new Action.RemoveNode("demo-dc1-r1-1", "demo-dc1-r1", 1, "remove")))
                .hasMessage("conflict");
    }

    @Test
    void expandVolumesAsksEachClaimForTheNewSizeAndTouchesNoNode() throws IOException {
        execute(new Action.ExpandVolumes(List.of("data-demo-dc1-r1-0", "data-demo-dc1-r2-0"), "2Gi", "grow"));
        assertThat(kube.calls)
                .containsExactly("grow ns/data-demo-dc1-r1-0 to 2Gi", "grow ns/data-demo-dc1-r2-0 to 2Gi");
        assertThat(agents.calls).isEmpty();
    }

    @Test
    void aClaimTheApiServerWillNotGrowFailsTheStepWithItsMessage() {
        kube.refusal = new KubernetesClientException(
                "persistentvolumeclaims \"data-demo-dc1-r1-0\" is forbidden: only dynamically provisioned pvc can be resized "
                        + "and the storageclass that provisions the pvc must support resize");
        assertThatThrownBy(() -> execute(new Action.ExpandVolumes(List.of("data-demo-dc1-r1-0"), "2Gi", "grow")))
                .hasMessageContaining("must support resize");
    }

    @Test
    void recreateStatefulSetOrphansItsPodsAndTouchesNoNode() throws IOException {
        execute(new Action.RecreateStatefulSet("demo-dc1-r1", "uid-1", "recreate"));
        assertThat(kube.calls).containsExactly("orphan ns/demo-dc1-r1 uid uid-1");
        assertThat(agents.calls).isEmpty();
    }

    @Test
    void cleanupReturnsTheJobItStartedSoStatusCanFollowIt() throws IOException {
        agents.nextJobId = "cleanup-42";
        assertThat(execute(new Action.Cleanup(P0, "cleanup"))).isEqualTo(Map.of(P0, "cleanup-42"));
        assertThat(agents.calls).containsExactly("cleanup 10.0.0.1");
    }

    @Test
    void aRefusedCleanupFailsTheStep() {
        agents.failing.add("10.0.0.1");
        assertThatThrownBy(() -> execute(new Action.Cleanup(P0, "cleanup"))).isInstanceOf(IOException.class);
    }

    @Test
    void rebuildsStartOnEveryNodeOfTheStepAndReturnEachJob() throws IOException {
        agents.nextJobId = "rebuild-7";
        assertThat(execute(new Action.Rebuild(List.of(P0, P2), "dc1", "rebuild")))
                .isEqualTo(Map.of(P0, "rebuild-7", P2, "rebuild-7"));
        assertThat(agents.calls).containsExactlyInAnyOrder("rebuild from dc1 10.0.0.1", "rebuild from dc1 10.0.0.3");
    }

    @Test
    void authIsInitializedThroughEveryAddress() throws IOException {
        execute(new Action.InitializeAuth("auth"));
        assertThat(kube.calls).containsExactly("initialize auth of demo via [10.0.0.1, 10.0.0.2, 10.0.0.3]");
    }

    @Test
    void aFailedAuthSetupFailsTheStep() {
        kube.refusal =
                new IllegalStateException("neither the superuser nor Cassandra's default role can log in; retrying");
        assertThatThrownBy(() -> execute(new Action.InitializeAuth("auth"))).hasMessageContaining("default role");
    }

    @Test
    void stepsThatOnlyStatusCarriesCallNothing() throws IOException {
        for (Action action : List.of(
                new Action.Wait("w"),
                new Action.Converged("c"),
                new Action.Refuse(Action.Refuse.SCALE_DOWN, "no"),
                new Action.MarkForCleanup(List.of(P0), "mark"))) {
            assertThat(execute(action)).as(action.toString()).isEmpty();
        }
        assertThat(agents.calls).isEmpty();
        assertThat(kube.calls).isEmpty();
    }
}
