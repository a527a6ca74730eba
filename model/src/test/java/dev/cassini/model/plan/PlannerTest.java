package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.DatacenterLayout;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.RackShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final List<String> SEEDS = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3");
    private static final long GIB = 1L << 30;
    /** 10 GiB of data on a 100 GiB volume with 80 GiB free. */
    static final DiskUsage ROOMY = new DiskUsage(10 * GIB, 80 * GIB, 100 * GIB);

    private static final List<NodeSlot> SLOTS = DatacenterLayout.slots(
            new ClusterNames("demo"),
            "dc1",
            6,
            List.of(new RackShape("r1", null, null), new RackShape("r2", null, null), new RackShape("r3", null, null)));

    /** A cluster whose nodes all report the given state, with seeds in place. */
    private static Scenario all(NodeState state, boolean bootstrapped) {
        Scenario s = new Scenario();
        for (NodeSlot slot : SLOTS) {
            s.agents.put(
                    slot.pod(),
                    new AgentView(state, bootstrapped ? "host-" + slot.pod() : null, bootstrapped, SEEDS, ROOMY));
        }
        return s;
    }

    static final class Scenario {
        final Map<String, AgentView> agents = new HashMap<>();
        final Map<String, KnownNode> known = new HashMap<>();
        final java.util.Set<String> outdated = new java.util.HashSet<>();
        boolean stopped;
        boolean authInitialized = true;
        AuthLogin authLogin = AuthLogin.NOT_CHECKED;
        final List<String> peersDown = new ArrayList<>();
        final List<ObservedNode> surplus = new ArrayList<>();
        final Map<String, Integer> replication = new HashMap<>();
        final List<CleanupTask> cleanup = new ArrayList<>();

        Scenario set(String pod, AgentView view) {
            agents.put(pod, view);
            return this;
        }

        Action next() {
            List<ObservedNode> nodes = new ArrayList<>();
            Map<String, List<Long>> tokens = new HashMap<>();
            for (NodeSlot slot : SLOTS) {
                AgentView view = agents.get(slot.pod());
                nodes.add(new ObservedNode(
                        slot,
                        view == null ? Optional.empty() : Optional.of("10.0.1." + slot.interleavedIndex()),
                        Optional.ofNullable(view),
                        outdated.contains(slot.pod())));
                tokens.put(slot.pod(), List.of((long) slot.interleavedIndex()));
            }
            return Planner.next(ObservedCluster.builder()
                    .nodes(nodes)
                    .known(known)
                    .desiredSeeds(SEEDS)
                    .newClusterTokens(tokens)
                    .stopped(stopped)
                    .authInitialized(authInitialized)
                    .authLogin(authLogin)
                    .peersDown(peersDown)
                    .surplus(surplus)
                    .replicationByDatacenter(replication)
                    .cleanup(cleanup)
                    .build());
        }
    }

    @Test
    void waitsForEveryPodBeforeDoingAnything() {
        Scenario s = all(NodeState.NOT_STARTED, false);
        s.agents.remove("demo-dc1-r2-1");
        Action action = s.next();
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("demo-dc1-r2-1").contains("agents to answer");
    }

    @Test
    void pushesSeedsToAgentsThatLackThemBeforeStartingAnything() {
        Scenario s = all(NodeState.NOT_STARTED, false);
        s.set("demo-dc1-r1-0", new AgentView(NodeState.NOT_STARTED, null, false, List.of()));
        Action action = s.next();
        assertThat(action).isEqualTo(new Action.PushSeeds(List.of("demo-dc1-r1-0"), SEEDS, action.reason()));
    }

    @Test
    void aBrandNewClusterStartsEveryNodeAtOnceWithPrecomputedTokensAndNoBootstrap() {
        Action action = all(NodeState.NOT_STARTED, false).next();
        assertThat(action).isInstanceOf(Action.StartNodes.class);
        List<StartNode> starts = ((Action.StartNodes) action).nodes();
        assertThat(starts).hasSize(6).allSatisfy(s -> {
            assertThat(s.autoBootstrap()).isFalse();
            assertThat(s.replaceAddress()).isEmpty();
            assertThat(s.initialTokens()).hasSize(1);
        });
        assertThat(starts)
                .extracting(StartNode::pod)
                .containsExactly(
                        "demo-dc1-r1-0",
                        "demo-dc1-r2-0",
                        "demo-dc1-r3-0",
                        "demo-dc1-r1-1",
                        "demo-dc1-r2-1",
                        "demo-dc1-r3-1");
        assertThat(starts.get(4).initialTokens()).containsExactly(4L);
    }

    @Test
    void nothingElseStartsWhileANodeIsStartingOrJoining() {
        for (NodeState state : List.of(
                NodeState.STARTING, NodeState.JOINING, NodeState.DRAINING, NodeState.LEAVING, NodeState.STOPPING)) {
            Scenario s =
                    all(NodeState.NOT_STARTED, false).set("demo-dc1-r3-0", new AgentView(state, null, false, SEEDS));
            Action action = s.next();
            assertThat(action).as(state.name()).isInstanceOf(Action.Wait.class);
            assertThat(action.reason()).contains("demo-dc1-r3-0 (" + state + ")");
        }
    }

    @Test
    void nodesWithDataRestartOneRackAtATime() {
        Scenario s = all(NodeState.STOPPED, true);
        Action action = s.next();
        assertThat(action).isInstanceOf(Action.StartNodes.class);
        assertThat(((Action.StartNodes) action).nodes())
                .containsExactly(StartNode.restart("demo-dc1-r1-0"), StartNode.restart("demo-dc1-r1-1"));

        s.set("demo-dc1-r1-0", new AgentView(NodeState.NORMAL, "h", true, SEEDS))
                .set("demo-dc1-r1-1", new AgentView(NodeState.NORMAL, "h", true, SEEDS));
        assertThat(((Action.StartNodes) s.next()).nodes())
                .extracting(StartNode::pod)
                .containsExactly("demo-dc1-r2-0", "demo-dc1-r2-1");
    }

    @Test
    void aPodThatLostItsVolumeReplacesItsOldNodeAtItsLastAddress() {
        Scenario s = all(NodeState.NORMAL, true)
                .set("demo-dc1-r2-0", new AgentView(NodeState.NOT_STARTED, null, false, SEEDS));
        s.known.put("demo-dc1-r2-0", new KnownNode("demo-dc1-r2-0", "old-host-id", "10.0.9.9"));
        Action action = s.next();
        assertThat(action).isInstanceOf(Action.StartNodes.class);
        StartNode start = ((Action.StartNodes) action).nodes().get(0);
        assertThat(start.replaceAddress()).contains("10.0.9.9");
        assertThat(start.autoBootstrap()).isTrue();
        assertThat(start.initialTokens()).isEmpty();
        assertThat(action.reason()).contains("replacing node old-host-id");
    }

    @Test
    void aNewEmptyNodeJoinsAnExistingRingAloneAndBootstraps() {
        Scenario s = all(NodeState.NORMAL, true)
                .set("demo-dc1-r2-1", new AgentView(NodeState.NOT_STARTED, null, false, SEEDS))
                .set("demo-dc1-r3-1", new AgentView(NodeState.NOT_STARTED, null, false, SEEDS));
        // First the nodes that will hold data of the ranges it takes over are recorded for cleanup ...
        Action mark = s.next();
        assertThat(mark).isInstanceOf(Action.MarkForCleanup.class);
        assertThat(((Action.MarkForCleanup) mark).pods())
                .containsExactlyInAnyOrder("demo-dc1-r1-0", "demo-dc1-r2-0", "demo-dc1-r3-0", "demo-dc1-r1-1");
        ((Action.MarkForCleanup) mark).pods().forEach(p -> s.cleanup.add(CleanupTask.pending(p)));
        // ... then it bootstraps, alone.
        Action action = s.next();
        assertThat(((Action.StartNodes) action).nodes())
                .containsExactly(new StartNode("demo-dc1-r2-1", List.of(), true, Optional.empty()));
        assertThat(action.reason()).contains("one node at a time");
    }

    @Test
    void authIsInitializedOnceEveryNodeIsNormal() {
        Scenario s = all(NodeState.NORMAL, true);
        s.authInitialized = false;
        assertThat(s.next()).isInstanceOf(Action.InitializeAuth.class);
        s.authInitialized = true;
        assertThat(s.next()).isInstanceOf(Action.Converged.class);
    }

    @Test
    void authSetupWaitsWhileNoLoginWorksYetAndGoesAheadWithEitherRole() {
        Scenario s = all(NodeState.NORMAL, true);
        s.authInitialized = false;
        s.authLogin = AuthLogin.NONE;
        Action action = s.next();
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("default role");
        for (AuthLogin login : List.of(AuthLogin.DEFAULT_ROLE, AuthLogin.SUPERUSER, AuthLogin.NOT_CHECKED)) {
            s.authLogin = login;
            assertThat(s.next()).as(login.name()).isInstanceOf(Action.InitializeAuth.class);
        }
        s.authInitialized = true;
        s.authLogin = AuthLogin.NONE; // not looked at once set up
        assertThat(s.next()).isInstanceOf(Action.Converged.class);
    }

    @Test
    void aStoppedClusterDrainsEveryRunningNodeAndThenRests() {
        Scenario s = all(NodeState.NORMAL, true);
        s.stopped = true;
        assertThat(s.next()).isInstanceOf(Action.StopNodes.class);
        assertThat(((Action.StopNodes) s.next()).pods()).hasSize(6);

        Scenario stopped = all(NodeState.STOPPED, true);
        stopped.stopped = true;
        assertThat(stopped.next()).isInstanceOf(Action.Converged.class);
    }

    @Test
    void aNodeThatIsUpButNotNormalIsWaitedFor() {
        Scenario s =
                all(NodeState.NORMAL, true).set("demo-dc1-r1-1", new AgentView(NodeState.DRAINED, "h", true, SEEDS));
        Action action = s.next();
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("demo-dc1-r1-1 (DRAINED)");
    }

    @Test
    void outdatedNodesRestartOneAtATimeOnlyWhileEveryNodeIsNormal() {
        Scenario s = all(NodeState.NORMAL, true);
        s.outdated.add("demo-dc1-r2-0");
        s.outdated.add("demo-dc1-r3-1");
        Action action = s.next();
        assertThat(action).isEqualTo(new Action.RestartNodes(List.of("demo-dc1-r2-0"), action.reason()));
        assertThat(action.reason()).contains("2 of 6 still to restart");

        // While the restarted node is down, nothing else is taken down: it is started again first.
        s.set("demo-dc1-r2-0", new AgentView(NodeState.NOT_STARTED, null, true, SEEDS));
        s.outdated.remove("demo-dc1-r2-0");
        assertThat(((Action.StartNodes) s.next()).nodes()).containsExactly(StartNode.restart("demo-dc1-r2-0"));
        s.set("demo-dc1-r2-0", new AgentView(NodeState.STARTING, null, true, SEEDS));
        assertThat(s.next()).isInstanceOf(Action.Wait.class);

        s.set("demo-dc1-r2-0", new AgentView(NodeState.NORMAL, "h", true, SEEDS));
        assertThat(s.next())
                .isEqualTo(new Action.RestartNodes(
                        List.of("demo-dc1-r3-1"), s.next().reason()));
    }

    @Test
    void aRollingRestartTakesTheNextNodeDownOnlyWhileEveryClientKeepsTwoCoordinators() {
        Scenario s = all(NodeState.NORMAL, true);
        java.time.Duration settled = ClientReconnection.GRACE.plusSeconds(60);
        java.time.Duration justBack = java.time.Duration.ofSeconds(15);
        // Racks r1 and r2 restarted; the client is still on r3's nodes alone, and r3-0 goes next.
        for (NodeSlot slot : SLOTS) {
            boolean r3 = slot.rack().equals("r3");
            s.set(
                    slot.pod(),
                    new AgentView(
                            NodeState.NORMAL,
                            "h",
                            true,
                            SEEDS,
                            ROOMY,
                            r3 ? List.of("10.9.0.1") : List.of(),
                            r3 ? settled : justBack));
        }
        s.outdated.add("demo-dc1-r3-0");
        Action action = s.next();
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason())
                .startsWith("rolling restart of demo-dc1-r3-0 paused until clients reconnect to demo-dc1-r1-0 "
                        + "(no connection yet from 10.9.0.1");

        // Back on one restarted node: with r3-1 that makes two.
        s.set(
                "demo-dc1-r2-0",
                new AgentView(NodeState.NORMAL, "h", true, SEEDS, ROOMY, List.of("10.9.0.1"), justBack.plusSeconds(5)));
        assertThat(s.next())
                .isEqualTo(new Action.RestartNodes(
                        List.of("demo-dc1-r3-0"), s.next().reason()));
    }

    @Test
    void aRollingRestartWaitsForANodeThatIsDown() {
        Scenario s = all(NodeState.NORMAL, true);
        s.outdated.add("demo-dc1-r1-0");
        s.agents.remove("demo-dc1-r3-0");
        assertThat(s.next()).isInstanceOf(Action.Wait.class);
    }

    @Test
    void aRollingRestartWaitsUntilEveryNodeSeesEveryOtherUp() {
        Scenario s = all(NodeState.NORMAL, true);
        s.outdated.add("demo-dc1-r1-1");
        s.peersDown.add("demo-dc1-r2-0 sees 10.0.1.0 down");
        Action action = s.next();
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("demo-dc1-r2-0 sees 10.0.1.0 down");
        s.peersDown.clear();
        assertThat(s.next()).isInstanceOf(Action.RestartNodes.class);
    }

    private static ObservedNode extra(String rack, int ordinal, NodeState state) {
        String pod = "demo-dc1-" + rack + "-" + ordinal;
        return new ObservedNode(
                new NodeSlot("dc1", rack, ordinal, pod, -1),
                Optional.of("10.0.2." + ordinal),
                Optional.of(new AgentView(state, "h-" + pod, true, SEEDS, ROOMY)));
    }

    @Test
    void scaleDownDecommissionsTheHighestOrdinalOfTheFullestRackFirst() {
        Scenario s = all(NodeState.NORMAL, true); // 6 desired: two per rack
        s.surplus.add(extra("r1", 2, NodeState.NORMAL));
        s.surplus.add(extra("r2", 2, NodeState.NORMAL));
        s.surplus.add(extra("r1", 3, NodeState.NORMAL));
        s.replication.put("dc1", 3);
        Action action = s.next();
        assertThat(action).isEqualTo(new Action.Decommission("demo-dc1-r1-3", action.reason()));
        assertThat(action.reason()).contains("3 to remove");
    }

    @Test
    void aLeavingNodeIsWaitedForAndADecommissionedOneLeavesWithItsStatefulSetShrunk() {
        Scenario s = all(NodeState.NORMAL, true);
        s.surplus.add(extra("r2", 2, NodeState.LEAVING));
        assertThat(s.next()).isInstanceOf(Action.Wait.class);
        s.surplus.set(0, extra("r2", 2, NodeState.DECOMMISSIONED));
        Action action = s.next();
        assertThat(action).isEqualTo(new Action.RemoveNode("demo-dc1-r2-2", "demo-dc1-r2", 2, action.reason()));
    }

    @Test
    void scaleDownBelowAKeyspacesReplicationIsRefusedWithWhatToDo() {
        Scenario s = all(NodeState.NORMAL, true);
        s.surplus.add(extra("r1", 2, NodeState.NORMAL));
        s.replication.put("dc1", 7); // 6 desired + 1 surplus: removing one leaves 6 < 7
        Action action = s.next();
        assertThat(action).isInstanceOf(Action.Refuse.class);
        assertThat(action.reason())
                .contains("replicates 7 copies to dc1")
                .contains("only 6 nodes would remain")
                .contains("ALTER KEYSPACE")
                .contains("every node keeps running");
    }

    @Test
    void scaleDownWaitsWhileAnyNodeSeesAnotherDown() {
        Scenario s = all(NodeState.NORMAL, true);
        s.surplus.add(extra("r1", 2, NodeState.NORMAL));
        s.peersDown.add("demo-dc1-r1-0 sees 10.0.1.4 down");
        assertThat(s.next()).isInstanceOf(Action.Wait.class);
    }

    @Test
    void theClusterIsNotConvergedWhileAnyNodeSeesAnotherDown() {
        Scenario s = all(NodeState.NORMAL, true);
        s.peersDown.add("demo-dc1-r1-0 sees 10.0.1.2 down");
        Action action = s.next();
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("every node sees every other up");
        s.peersDown.clear();
        assertThat(s.next()).isInstanceOf(Action.Converged.class);
    }

    @Test
    void aReplacementWhoseFirstStartFailedIsReplacedAgainNeverRestartedAsItself() {
        // Its first start left system tables but it never joined: restarting it "with its data" would
        // make it a new node with new tokens. It must replace the old node again.
        Scenario s =
                all(NodeState.NORMAL, true).set("demo-dc1-r2-0", new AgentView(NodeState.STOPPED, null, false, SEEDS));
        s.known.put("demo-dc1-r2-0", new KnownNode("demo-dc1-r2-0", "old-host-id", "10.0.9.9"));
        StartNode start = ((Action.StartNodes) s.next()).nodes().get(0);
        assertThat(start.replaceAddress()).contains("10.0.9.9");
    }
}
