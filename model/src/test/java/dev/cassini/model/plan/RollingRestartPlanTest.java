package dev.cassini.model.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeState;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.DatacenterLayout;
import dev.cassini.model.NodeSlot;
import dev.cassini.model.RackShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RollingRestartPlanTest {
    private static final String NTS = "NetworkTopologyStrategy";
    private static final List<String> SEEDS = List.of("10.0.0.1");

    /** A Ready datacenter dc1 of {@code size} nodes over {@code racks} racks, every node on an outdated template. */
    private static final class Ring {
        final List<NodeSlot> slots;
        final Set<String> outdated = new HashSet<>();
        Map<String, Map<String, String>> keyspaces;
        Integer maxUnavailable;
        final List<String> peersDown = new ArrayList<>();

        Ring(int size, int racks) {
            slots = DatacenterLayout.slots(
                    new ClusterNames("demo"),
                    "dc1",
                    size,
                    IntStream.rangeClosed(1, racks)
                            .mapToObj(r -> new RackShape("r" + r, null, null))
                            .toList());
            slots.forEach(s -> outdated.add(s.pod()));
        }

        Ring replication(int factor) {
            keyspaces = Map.of(
                    "shop", Map.of("class", NTS, "dc1", Integer.toString(factor)),
                    "system_auth", Map.of("class", NTS, "dc1", "3"),
                    "system", Map.of("class", "LocalStrategy"));
            return this;
        }

        List<ObservedNode> nodes() {
            return slots.stream()
                    .map(s -> new ObservedNode(
                            s,
                            Optional.of("10.0.1." + s.interleavedIndex()),
                            Optional.of(new AgentView(NodeState.NORMAL, "h-" + s.pod(), true, SEEDS)),
                            outdated.contains(s.pod())))
                    .toList();
        }

        Optional<Action> next() {
            ObservedCluster.Builder cluster = ObservedCluster.builder()
                    .nodes(nodes())
                    .desiredSeeds(SEEDS)
                    .peersDown(peersDown)
                    .maxUnavailable(maxUnavailable == null ? Map.of() : Map.of("dc1", maxUnavailable));
            if (keyspaces != null) {
                cluster.keyspaceReplication(keyspaces);
            }
            return RollingRestartPlan.next(cluster.build());
        }

        Action.RestartNodes restart() {
            Action action = next().orElseThrow();
            assertThat(action).isInstanceOf(Action.RestartNodes.class);
            return (Action.RestartNodes) action;
        }

        String rack(String pod) {
            return slots.stream()
                    .filter(s -> s.pod().equals(pod))
                    .findFirst()
                    .orElseThrow()
                    .rack();
        }
    }

    @Test
    void sixNodesInThreeRacksRestartARackAtATimeInThreeRounds() {
        Ring ring = new Ring(6, 3).replication(3);
        List<List<String>> rounds = new ArrayList<>();
        while (ring.next().isPresent()) {
            Action.RestartNodes restart = ring.restart();
            assertThat(restart.reason()).contains("together").contains("at most one replica of every range");
            rounds.add(restart.pods());
            ring.outdated.removeAll(restart.pods()); // back, on the new template
        }
        assertThat(rounds)
                .containsExactly(
                        List.of("demo-dc1-r1-0", "demo-dc1-r1-1"),
                        List.of("demo-dc1-r2-0", "demo-dc1-r2-1"),
                        List.of("demo-dc1-r3-0", "demo-dc1-r3-1"));
    }

    @Test
    void nodesGoOneAtATimeWhenARackCouldHoldTwoReplicasAndTheReasonSaysWhichKeyspace() {
        Ring ring = new Ring(6, 2).replication(3);
        Action.RestartNodes restart = ring.restart();
        assertThat(restart.pods()).containsExactly("demo-dc1-r1-0");
        assertThat(restart.reason())
                .contains("one node at a time because shop has 3 replicas in dc1, more than its 2 racks");
        // system_auth's three replicas in two racks too
        assertThat(new Ring(6, 2).replication(2).restart().reason()).contains("system_auth has 3 replicas");
    }

    @Test
    void unreadReplicationMeansOneAtATime() {
        Ring ring = new Ring(6, 3);
        Action.RestartNodes restart = ring.restart();
        assertThat(restart.pods()).hasSize(1);
        assertThat(restart.reason()).contains("the keyspaces' replication could not be read");
    }

    @Test
    void maxUnavailableCapsTheRound() {
        Ring ring = new Ring(9, 3).replication(3);
        ring.maxUnavailable = 2;
        assertThat(ring.restart().pods()).containsExactly("demo-dc1-r1-0", "demo-dc1-r1-1");
        ring.maxUnavailable = 1;
        Action.RestartNodes one = ring.restart();
        assertThat(one.pods()).containsExactly("demo-dc1-r1-0");
        assertThat(one.reason()).contains("rollingRestart.maxUnavailable of dc1 is 1");
        ring.maxUnavailable = 7; // never more than the rack's
        assertThat(ring.restart().pods()).containsExactly("demo-dc1-r1-0", "demo-dc1-r1-1", "demo-dc1-r1-2");
    }

    @Test
    void aRoundWaitsUntilEveryNodeSeesEveryOtherUp() {
        Ring ring = new Ring(6, 3).replication(3);
        ring.peersDown.add("demo-dc1-r2-0 sees 10.0.1.0 down");
        Action action = ring.next().orElseThrow();
        assertThat(action).isInstanceOf(Action.Wait.class);
        assertThat(action.reason()).contains("sees 10.0.1.0 down");
    }

    @Test
    void replicationIsWorthReadingOnlyWhenARackHasSeveralNodesToRestartAndMayRestartThemTogether() {
        Ring ring = new Ring(6, 3);
        assertThat(RollingRestartPlan.couldRestartSeveral(ring.nodes(), Map.of()))
                .isTrue();
        assertThat(RollingRestartPlan.couldRestartSeveral(ring.nodes(), Map.of("dc1", 1)))
                .isFalse();
        ring.outdated.remove("demo-dc1-r1-1");
        ring.outdated.remove("demo-dc1-r2-1");
        ring.outdated.remove("demo-dc1-r3-1");
        assertThat(RollingRestartPlan.couldRestartSeveral(ring.nodes(), Map.of()))
                .isFalse();
        assertThat(RollingRestartPlan.couldRestartSeveral(new Ring(3, 3).nodes(), Map.of()))
                .isFalse();
    }

    @Test
    void nothingOutdatedNothingToDo() {
        Ring ring = new Ring(3, 3).replication(3);
        ring.outdated.clear();
        assertThat(ring.next()).isEmpty();
    }

    /**
     * Every layout from 1 to 4 racks of 1 to 4 nodes, every replication factor from 1 to 4, every cap:
     * a round never spans two racks, never exceeds the cap, takes one node whenever a rack could hold two
     * replicas of a range, and the restart arrives with every node restarted exactly once.
     */
    @Test
    void everyLayoutRestartsEachNodeOnceAndNeverRisksTwoReplicasOfARange() {
        List<Integer> caps = new ArrayList<>(List.of(1, 2, 3));
        caps.add(null);
        for (int racks = 1; racks <= 4; racks++) {
            for (int perRack = 1; perRack <= 4; perRack++) {
                for (int factor = 1; factor <= 4; factor++) {
                    for (Integer cap : caps) {
                        for (boolean read : List.of(true, false)) {
                            String layout = racks + " racks of " + perRack + ", rf " + factor + ", cap " + cap
                                    + (read ? "" : ", replication unread");
                            Ring ring = new Ring(racks * perRack, racks);
                            if (read) {
                                ring.keyspaces = Map.of("ks", Map.of("class", NTS, "dc1", Integer.toString(factor)));
                            }
                            ring.maxUnavailable = cap;
                            boolean isolated = read && factor <= racks && (cap == null || cap > 1);
                            Map<String, Integer> restarts = new HashMap<>();
                            int rounds = 0;
                            while (ring.next().isPresent()) {
                                List<String> pods = ring.restart().pods();
                                assertThat(pods).as(layout).isNotEmpty();
                                assertThat(pods.stream().map(ring::rack).distinct())
                                        .as(layout)
                                        .hasSize(1);
                                assertThat(pods.size())
                                        .as(layout)
                                        .isLessThanOrEqualTo(isolated ? (cap == null ? perRack : cap) : 1);
                                pods.forEach(p -> restarts.merge(p, 1, Integer::sum));
                                ring.outdated.removeAll(pods);
                                rounds++;
                                assertThat(rounds).as(layout).isLessThanOrEqualTo(racks * perRack);
                            }
                            assertThat(restarts).as(layout).hasSize(racks * perRack);
                            assertThat(restarts.values()).as(layout).containsOnly(1);
                            int expected = isolated
                                    ? racks * (int) Math.ceil(perRack / (double) (cap == null ? perRack : cap))
                                    : racks * perRack;
                            assertThat(rounds).as(layout).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }
}
