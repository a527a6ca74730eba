package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.DatacenterStatus;
import dev.cassini.api.v1alpha1.RebuildStatus;
import dev.cassini.contract.JobState;
import dev.cassini.contract.JobView;
import dev.cassini.contract.NodeState;
import dev.cassini.contract.RebuildRequest;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.migration.RebuildPlan;
import dev.cassini.model.plan.Action;
import dev.cassini.model.plan.AgentView;
import dev.cassini.model.plan.DatacenterJoin;
import dev.cassini.model.plan.DiskUsage;
import dev.cassini.model.plan.ObservedNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which datacenters join a running cluster, and what status records of them after each step. */
class JoinObservationTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";
    private final CassandraCluster resource = Serialization.unmarshal("""
            apiVersion: cassini.dev/v1alpha1
            kind: CassandraCluster
            metadata: {name: demo, namespace: ns}
            spec:
              datacenters:
                - {name: dc1, size: 3}
                - name: dc2
                  size: 2
                  join: {replication: {keyspaces: {shop: 2}}}
            """, CassandraCluster.class);
    private final ClusterShape shape = ClusterShape.of(resource);
    private final Map<String, AgentView> views = new HashMap<>();

    JoinObservationTest() {
        for (NodeSlot slot : shape.slots()) {
            boolean dc1 = slot.datacenter().equals("dc1");
            views.put(slot.pod(), agent(dc1 ? NodeState.NORMAL : NodeState.NOT_STARTED, dc1, 3L << 30));
        }
    }

    private static AgentView agent(NodeState state, boolean joined, long load) {
        return new AgentView(state, "h", joined, List.of(), new DiskUsage(load, 40L << 30, 50L << 30));
    }

    private List<ObservedNode> nodes() {
        List<ObservedNode> nodes = new ArrayList<>();
        for (NodeSlot slot : shape.slots()) {
            nodes.add(new ObservedNode(slot, Optional.of("10.0.0.1"), Optional.of(views.get(slot.pod()))));
        }
        return nodes;
    }

    private List<DatacenterJoin> joins(CassandraClusterStatus status, Map<String, Optional<JobView>> jobs) {
        return JoinObservation.joins(
                shape, status, nodes(), Map.of(), jobs, Map.of("shop", Map.of("class", NTS, "dc1", "3")));
    }

    @Test
    void theOnlyDatacenterJoinsTheRingOfExternalDatacentersRebuildingFromTheFirstOfThem() {
        CassandraCluster moved = Serialization.unmarshal("""
                apiVersion: cassini.dev/v1alpha1
                kind: CassandraCluster
                metadata: {name: moved, namespace: ns}
                spec:
                  datacenters: [{name: k8s, size: 2}]
                  externalDatacenters: [{name: legacy}, {name: old, leaving: true}]
                  additionalSeeds: [192.168.0.10]
                  auth: {superuserSecretRef: legacy-admin}
                """, CassandraCluster.class);
        ClusterShape movedShape = ClusterShape.of(moved);
        List<ObservedNode> idle = movedShape.slots().stream()
                .map(slot -> new ObservedNode(
                        slot, Optional.of("10.1.0.1"), Optional.of(agent(NodeState.NOT_STARTED, false, 0))))
                .toList();
        Map<String, Map<String, String>> replication = Map.of(
                "shop", Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "3"));

        List<DatacenterJoin> joins = JoinObservation.joins(movedShape, null, idle, Map.of(), Map.of(), replication);

        assertThat(joins).singleElement().satisfies(join -> {
            assertThat(join.datacenter()).isEqualTo("k8s");
            assertThat(join.source()).isEqualTo("legacy");
            assertThat(join.otherDatacenters()).containsOnlyKeys("legacy", "old");
            // Their sizes are not known here: the ALTER keeps their replicas as they are.
            assertThat(join.simpleStrategyKeyspaces())
                    .containsExactly("shop (run: ALTER KEYSPACE shop WITH replication = {'class':"
                            + " 'NetworkTopologyStrategy', 'legacy': 3, 'old': 3})");
        });
    }

    @Test
    void aDatacenterWhoseNodesNeverJoinedWhileAnotherOnesDidJoinsTheRunningCluster() {
        List<DatacenterJoin> joins = joins(null, Map.of());
        assertThat(joins).singleElement().satisfies(join -> {
            assertThat(join.datacenter()).isEqualTo("dc2");
            assertThat(join.source()).as("the first other datacenter").isEqualTo("dc1");
            assertThat(join.systemFactor()).isEqualTo(2);
            assertThat(join.factorOf("shop")).contains(2);
            assertThat(join.replicated()).isFalse();
            assertThat(join.simpleStrategyKeyspaces()).isEmpty();
            assertThat(join.rebuilds()).extracting(RebuildPlan.Node::state).containsOnly(RebuildPlan.State.NOT_STARTED);
            // dc1 holds 9 GiB over its 3 nodes; each of dc2's 2 nodes gets half of it.
            assertThat(join.rebuilds())
                    .allSatisfy(n -> assertThat(n.neededBytes()).isEqualTo(9L << 29));
        });
    }

    @Test
    void aBrandNewClusterHasNoJoiningDatacenterBecauseEveryNodeStartsTogether() {
        views.replaceAll((pod, view) -> agent(NodeState.NOT_STARTED, false, 0));
        assertThat(joins(null, Map.of())).isEmpty();
    }

    @Test
    void theJoinIsFollowedStepByStepInStatusUntilEveryNodeRebuilt() {
        CassandraClusterStatus status = new CassandraClusterStatus();
        status.setDatacenters(List.of(dc("dc1"), dc("dc2")));
        List<DatacenterJoin> joins = joins(null, Map.of());
        JoinStatus.apply(
                status.getDatacenters(),
                null,
                joins,
                new Action.Wait("starting"),
                Optional.empty(),
                Map.of(),
                Instant.EPOCH);
        assertThat(conditions(status, "dc2")).isEqualTo(Map.of("Replicated", "False", "Rebuilt", "False"));
        assertThat(conditions(status, "dc1")).isEmpty();

        // The nodes joined: the datacenter still joins, because status says it is not rebuilt.
        views.replaceAll((pod, view) -> agent(NodeState.NORMAL, true, 3L << 30));
        joins = joins(status, Map.of());
        assertThat(joins).singleElement().extracting(DatacenterJoin::datacenter).isEqualTo("dc2");
        CassandraClusterStatus next = copy(status);
        JoinStatus.apply(
                next.getDatacenters(),
                status,
                joins,
                new Action.ExtendReplication(joins.get(0), "extend"),
                Optional.empty(),
                Map.of(),
                Instant.EPOCH);
        assertThat(conditions(next, "dc2")).isEqualTo(Map.of("Replicated", "True", "Rebuilt", "False"));

        status = next;
        joins = joins(status, Map.of());
        assertThat(joins.get(0).replicated()).isTrue();
        next = copy(status);
        JoinStatus.apply(
                next.getDatacenters(),
                status,
                joins,
                new Action.Rebuild(List.of("demo-dc2-r1-0", "demo-dc2-r1-1"), "dc1", "rebuild"),
                Optional.empty(),
                Map.of("demo-dc2-r1-0", "j0", "demo-dc2-r1-1", "j1"),
                Instant.EPOCH);
        assertThat(rebuilds(next, "dc2")).containsExactly("demo-dc2-r1-0 j0 RUNNING", "demo-dc2-r1-1 j1 RUNNING");

        // j0 succeeded; j1's agent restarted and forgot it: it runs again.
        status = next;
        joins = joins(
                status,
                Map.of("demo-dc2-r1-0", Optional.of(job("j0", JobState.SUCCEEDED)), "demo-dc2-r1-1", Optional.empty()));
        assertThat(joins.get(0).rebuilds())
                .extracting(RebuildPlan.Node::state)
                .containsExactly(RebuildPlan.State.SUCCEEDED, RebuildPlan.State.LOST);
        next = copy(status);
        JoinStatus.apply(
                next.getDatacenters(),
                status,
                joins,
                new Action.Rebuild(List.of("demo-dc2-r1-1"), "dc1", "rebuild"),
                Optional.empty(),
                Map.of("demo-dc2-r1-1", "j2"),
                Instant.EPOCH);
        assertThat(rebuilds(next, "dc2")).containsExactly("demo-dc2-r1-0 j0 SUCCEEDED", "demo-dc2-r1-1 j2 RUNNING");

        status = next;
        // The first node's agent forgot j0 too: a recorded success stays one.
        joins = joins(status, Map.of("demo-dc2-r1-1", Optional.of(job("j2", JobState.SUCCEEDED))));
        next = copy(status);
        JoinStatus.apply(
                next.getDatacenters(),
                status,
                joins,
                new Action.Converged("done"),
                Optional.empty(),
                Map.of(),
                Instant.EPOCH.plusSeconds(60));
        assertThat(conditions(next, "dc2")).isEqualTo(Map.of("Replicated", "True", "Rebuilt", "True"));

        // Rebuilt: the datacenter no longer joins, and keeps its conditions and the record of each rebuild.
        assertThat(joins(next, Map.of())).isEmpty();
        CassandraClusterStatus after = copy(next);
        JoinStatus.apply(
                after.getDatacenters(),
                next,
                List.of(),
                new Action.Converged("done"),
                Optional.empty(),
                Map.of(),
                Instant.EPOCH.plusSeconds(120));
        assertThat(conditions(after, "dc2")).isEqualTo(Map.of("Replicated", "True", "Rebuilt", "True"));
        assertThat(rebuilds(after, "dc2")).containsExactly("demo-dc2-r1-0 j0 SUCCEEDED", "demo-dc2-r1-1 j2 SUCCEEDED");
    }

    @Test
    void aFailedRebuildIsReportedOnceAndThenStartsAgain() {
        CassandraClusterStatus status = new CassandraClusterStatus();
        DatacenterStatus dc2 = dc("dc2");
        dc2.setRebuilds(List.of(new RebuildStatus("demo-dc2-r1-0", "j0", "RUNNING", null)));
        dc2.setConditions(List.of(
                new io.fabric8.kubernetes.api.model.ConditionBuilder()
                        .withType("Replicated")
                        .withStatus("True")
                        .build(),
                new io.fabric8.kubernetes.api.model.ConditionBuilder()
                        .withType("Rebuilt")
                        .withStatus("False")
                        .build()));
        status.setDatacenters(List.of(dc("dc1"), dc2));
        views.replaceAll((pod, view) -> agent(NodeState.NORMAL, true, 3L << 30));
        JobView failed = new JobView(
                "j0", "rebuild", Map.of(), JobState.FAILED, null, null, null, null, "stream failed", Map.of());
        List<DatacenterJoin> joins = joins(status, Map.of("demo-dc2-r1-0", Optional.of(failed)));
        assertThat(joins.get(0).rebuilds().get(0).state()).isEqualTo(RebuildPlan.State.FAILED);
        assertThat(joins.get(0).rebuilds().get(0).detail()).isEqualTo("stream failed");
        CassandraClusterStatus next = copy(status);
        JoinStatus.apply(
                next.getDatacenters(),
                status,
                joins,
                new Action.Refuse(Action.Refuse.REBUILD, "failed"),
                Optional.empty(),
                Map.of(),
                Instant.EPOCH);
        assertThat(rebuilds(next, "dc2")).containsExactly("demo-dc2-r1-0 null FAILED");
        List<DatacenterJoin> again = joins(next, Map.of());
        assertThat(again.get(0).rebuilds().get(0).state()).isEqualTo(RebuildPlan.State.NOT_STARTED);
        // The next step starts it again under a new job.
        CassandraClusterStatus restarted = copy(next);
        JoinStatus.apply(
                restarted.getDatacenters(),
                next,
                again,
                new Action.Rebuild(List.of("demo-dc2-r1-0"), "dc1", "rebuild"),
                Optional.empty(),
                Map.of("demo-dc2-r1-0", "j1"),
                Instant.EPOCH);
        assertThat(rebuilds(restarted, "dc2")).containsExactly("demo-dc2-r1-0 j1 RUNNING");
    }

    @Test
    void eachRebuildShowsItsBytesRateAndTimeLeftAndKeepsThemOnceItsAgentForgotTheJob() {
        CassandraClusterStatus joining = new CassandraClusterStatus();
        joining.setDatacenters(List.of(dc("dc1"), dc("dc2")));
        JoinStatus.apply(
                joining.getDatacenters(),
                null,
                joins(null, Map.of()),
                new Action.Wait("starting"),
                Optional.empty(),
                Map.of(),
                Instant.EPOCH);
        views.replaceAll((pod, view) -> agent(NodeState.NORMAL, true, 3L << 30));
        CassandraClusterStatus status = copy(joining);
        JoinStatus.apply(
                status.getDatacenters(),
                joining,
                joins(joining, Map.of()),
                new Action.Rebuild(List.of("demo-dc2-r1-0", "demo-dc2-r1-1"), "dc1", "rebuild"),
                Optional.empty(),
                Map.of("demo-dc2-r1-0", "j0", "demo-dc2-r1-1", "j1"),
                Instant.EPOCH);
        Instant started = Instant.EPOCH.plusSeconds(100);
        JobView halfway = running(
                "j0",
                started,
                Map.of(RebuildRequest.RECEIVED_BYTES, 400_000_000L, RebuildRequest.TOTAL_BYTES, 1_000_000_000L));
        JobView noTotalYet = running("j1", started, Map.of(RebuildRequest.RECEIVED_BYTES, 0L));
        CassandraClusterStatus next = copy(status);
        List<DatacenterJoin> joins =
                joins(status, Map.of("demo-dc2-r1-0", Optional.of(halfway), "demo-dc2-r1-1", Optional.of(noTotalYet)));
        JoinStatus.apply(
                next.getDatacenters(),
                status,
                joins,
                new Action.Wait("rebuilding"),
                Optional.empty(),
                Map.of(),
                started.plusSeconds(40));
        List<RebuildStatus> rebuilds =
                JoinObservation.datacenterStatus(next, "dc2").orElseThrow().getRebuilds();
        assertThat(rebuilds.get(0).getReceivedBytes()).isEqualTo(400_000_000L);
        assertThat(rebuilds.get(0).getTotalBytes()).isEqualTo(1_000_000_000L);
        assertThat(rebuilds.get(0).getBytesPerSecond()).isEqualTo(10_000_000L);
        assertThat(rebuilds.get(0).getEtaSeconds()).isEqualTo(60L);
        assertThat(rebuilds.get(1).getBytesPerSecond()).isZero();
        assertThat(rebuilds.get(1).getEtaSeconds()).as("no total, no estimate").isNull();

        // j0 finished and its agent restarted: the figures stay as last seen.
        CassandraClusterStatus after = copy(next);
        JoinStatus.apply(
                after.getDatacenters(),
                next,
                joins(next, Map.of("demo-dc2-r1-1", Optional.of(noTotalYet))),
                new Action.Wait("rebuilding"),
                Optional.empty(),
                Map.of(),
                started.plusSeconds(50));
        assertThat(JoinObservation.datacenterStatus(after, "dc2")
                        .orElseThrow()
                        .getRebuilds()
                        .get(0)
                        .getReceivedBytes())
                .isEqualTo(400_000_000L);
    }

    private static JobView running(String id, Instant started, Map<String, Long> figures) {
        return new JobView(id, "rebuild", Map.of(), JobState.RUNNING, null, started, null, null, null, figures);
    }

    private static JobView job(String id, JobState state) {
        return new JobView(id, "rebuild", Map.of(), state, null, null, null, null, null, Map.of());
    }

    private static DatacenterStatus dc(String name) {
        DatacenterStatus dc = new DatacenterStatus();
        dc.setName(name);
        return dc;
    }

    private static CassandraClusterStatus copy(CassandraClusterStatus status) {
        return Serialization.unmarshal(Serialization.asJson(status), CassandraClusterStatus.class);
    }

    private static Map<String, String> conditions(CassandraClusterStatus status, String dc) {
        Map<String, String> found = new HashMap<>();
        JoinObservation.datacenterStatus(status, dc)
                .map(DatacenterStatus::getConditions)
                .orElse(List.of())
                .forEach(c -> found.put(c.getType(), c.getStatus()));
        return found;
    }

    private static List<String> rebuilds(CassandraClusterStatus status, String dc) {
        return JoinObservation.datacenterStatus(status, dc)
                .map(DatacenterStatus::getRebuilds)
                .orElse(List.of())
                .stream()
                .map(r -> r.getPod() + " " + r.getJobId() + " " + r.getState())
                .toList();
    }
}
