package dev.cassini.model.backup;

import static dev.cassini.model.ring.Rings.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cassini.model.TokenAllocator;
import dev.cassini.model.backup.RangeStreams.TokenRange;
import dev.cassini.model.ring.Replication;
import dev.cassini.model.ring.TokenRing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RangeStreamsTest {
    private static final Replication DC1_3 = nts("dc1", 3);

    @Test
    void aRangesShareOfTheRingCountsWrappingAndTheWholeRing() {
        assertThat(new RangeStreams.TokenRange(0, 0).share()).isEqualTo(1.0);
        assertThat(new RangeStreams.TokenRange(Long.MIN_VALUE, 0).share()).isEqualTo(0.5);
        assertThat(new RangeStreams.TokenRange(0, Long.MIN_VALUE).share()).isEqualTo(0.5);
        assertThat(new RangeStreams.TokenRange(Long.MAX_VALUE / 2, Long.MIN_VALUE / 2).share())
                .isEqualTo(0.5, within(1e-9));
    }

    @Test
    void theUnionOfRangesCountsWhatOverlapsOnce() {
        RangeStreams.TokenRange lowHalf = new RangeStreams.TokenRange(Long.MIN_VALUE, 0);
        RangeStreams.TokenRange middle = new RangeStreams.TokenRange(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
        RangeStreams.TokenRange wrapping = new RangeStreams.TokenRange(Long.MAX_VALUE / 2, Long.MIN_VALUE / 2);

        assertThat(RangeStreams.TokenRange.union(List.of(lowHalf, middle))).isEqualTo(0.75, within(1e-9));
        assertThat(RangeStreams.TokenRange.union(List.of(middle, wrapping))).isEqualTo(1.0, within(1e-9));
        assertThat(RangeStreams.TokenRange.union(List.of(wrapping, wrapping))).isEqualTo(0.5, within(1e-9));
        assertThat(RangeStreams.TokenRange.union(List.of())).isZero();
        assertThat(RangeStreams.TokenRange.union(List.of(lowHalf, new RangeStreams.TokenRange(5, 5))))
                .isEqualTo(1.0);
    }

    @Test
    void theSameRingSendsEachNodesFilesToItsCounterpartOnly() {
        TokenRing ring = ring("dc1", 3, 3, 16);

        RangeStreams.Plan plan = RangeStreams.plan(ring, DC1_3, ring, DC1_3, Map.of());

        for (TokenRing.Node node : ring.nodes()) {
            assertThat(plan.from(node.id())).containsOnlyKeys(node.id());
        }
        assertThat(plan.repairAdvised()).isTrue();
    }

    @Test
    void threeNodesIntoOneSendEveryCopyToTheOneNodeAndNeedNoRepair() {
        TokenRing backedUp = ring("dc1", 3, 3, 16);
        TokenRing one = ring("dc1", 1, 1, 16);

        RangeStreams.Plan plan = RangeStreams.plan(backedUp, DC1_3, one, nts("dc1", 1), Map.of());

        for (TokenRing.Node node : backedUp.nodes()) {
            // Each backed-up node held a replica of every range (3 nodes, RF 3): all of it goes.
            assertThat(plan.from(node.id())).containsOnlyKeys("dc1-r0-0");
            assertThat(plan.from(node.id()).get("dc1-r0-0")).hasSize(1);
            TokenRange all = plan.from(node.id()).get("dc1-r0-0").get(0);
            assertThat(all.start()).isEqualTo(all.end());
        }
        assertThat(plan.repairAdvised()).isFalse();
    }

    @Test
    void aRenamedDatacenterTakesTheCopiesOfTheOneMappedToIt() {
        TokenRing backedUp = TokenRing.of(
                List.of(node("a", "east", "r1", 0), node("b", "east", "r1", 100), node("c", "west", "r1", 50)));
        TokenRing target = TokenRing.of(List.of(node("x", "copy", "r1", 10), node("y", "other", "r1", 60)));
        Replication backedUpReplication =
                Replication.of(Map.of("class", "NetworkTopologyStrategy", "east", "1", "west", "1"));
        Replication targetReplication =
                Replication.of(Map.of("class", "NetworkTopologyStrategy", "copy", "1", "other", "1"));

        RangeStreams.Plan plan =
                RangeStreams.plan(backedUp, backedUpReplication, target, targetReplication, Map.of("east", "copy"));

        // west is mapped to no target datacenter, so its copies go to both; copy takes east's too.
        assertThat(plan.from("a")).containsOnlyKeys("x");
        assertThat(plan.from("b")).containsOnlyKeys("x");
        assertThat(plan.from("c")).containsOnlyKeys("x", "y");
        assertThat(plan.placesEverything()).isTrue();
    }

    @Test
    void adjacentRangesMergeAlsoAcrossTheRingsEnd() {
        assertThat(RangeStreams.merged(List.of(
                        new TokenRange(90, 10),
                        new TokenRange(10, 20),
                        new TokenRange(40, 50),
                        new TokenRange(80, 90))))
                .containsExactly(new TokenRange(80, 20), new TokenRange(40, 50));
        assertThat(RangeStreams.merged(List.of(new TokenRange(30, 10), new TokenRange(10, 30))))
                .containsExactly(new TokenRange(30, 30));
    }

    /**
     * On random backed-up and target rings (node counts, racks, factors, one or two datacenters):
     * every backed-up copy of every range is sent, only by a node that held it, each target replica
     * receives every range it replicates, nothing goes to a node that does not replicate it, and each
     * range travels max(backed-up, target) times per datacenter, no more.
     */
    @Test
    void everyCopyIsSentOnceAndEveryTargetReplicaGetsOneOnRandomRings() {
        Random random = new Random(42);
        for (int round = 0; round < 150; round++) {
            int dcs = 1 + random.nextInt(2);
            TokenRing backedUp = randomRing(random, dcs);
            TokenRing target = randomRing(random, dcs);
            Replication backedUpReplication = randomReplication(random, dcs);
            Replication targetReplication = randomReplication(random, dcs);

            RangeStreams.Plan plan =
                    RangeStreams.plan(backedUp, backedUpReplication, target, targetReplication, Map.of());

            for (int probe = 0; probe < 40; probe++) {
                long token = random.nextLong();
                List<TokenRing.Node> holders = backedUp.replicas(token, backedUpReplication);
                List<TokenRing.Node> replicas = target.replicas(token, targetReplication);
                Set<String> senders = new HashSet<>();
                Set<String> receivers = new HashSet<>();
                int sends = 0;
                for (var from : plan.ranges().entrySet()) {
                    for (var to : from.getValue().entrySet()) {
                        if (to.getValue().stream().anyMatch(r -> contains(r, token))) {
                            senders.add(from.getKey());
                            receivers.add(to.getKey());
                            sends++;
                        }
                    }
                }
                String what = "round " + round + " token " + token;
                if (holders.isEmpty() || replicas.isEmpty()) {
                    assertThat(sends).as(what).isZero();
                    if (!holders.isEmpty()) {
                        assertThat(plan.placesEverything()).as(what).isFalse();
                    }
                    continue;
                }
                assertThat(senders).as(what).isEqualTo(ids(holders));
                assertThat(receivers).as(what).isEqualTo(ids(replicas));
                // Per receiving datacenter: its own backed-up datacenter's copies plus those of a
                // backed-up datacenter that receives nothing of this range.
                int expected = 0;
                Set<String> receiving = new HashSet<>();
                replicas.forEach(n -> receiving.add(n.datacenter()));
                for (String dc : receiving) {
                    long inDc = replicas.stream()
                            .filter(n -> n.datacenter().equals(dc))
                            .count();
                    long senderCount = holders.stream()
                            .filter(n -> n.datacenter().equals(dc) || !receiving.contains(n.datacenter()))
                            .count();
                    expected += (int) Math.max(inDc, senderCount == 0 ? holders.size() : senderCount);
                }
                assertThat(sends).as(what).isEqualTo(expected);
            }
        }
    }

    private static boolean contains(TokenRange range, long token) {
        if (range.start() < range.end()) {
            return token > range.start() && token <= range.end();
        }
        return range.start() == range.end() || token > range.start() || token <= range.end();
    }

    private static Set<String> ids(List<TokenRing.Node> nodes) {
        Set<String> ids = new HashSet<>();
        nodes.forEach(n -> ids.add(n.id()));
        return ids;
    }

    private static TokenRing randomRing(Random random, int dcs) {
        List<TokenRing.Node> nodes = new ArrayList<>();
        Set<Long> used = new HashSet<>();
        int count = 1 + random.nextInt(7);
        for (int i = 0; i < count; i++) {
            List<Long> tokens = new ArrayList<>();
            for (int t = 0; t < 1 + random.nextInt(4); t++) {
                long token = random.nextLong();
                if (used.add(token)) {
                    tokens.add(token);
                }
            }
            nodes.add(new TokenRing.Node("n" + i, "dc" + (1 + random.nextInt(dcs)), "r" + random.nextInt(3), tokens));
        }
        return TokenRing.of(nodes);
    }

    private static Replication randomReplication(Random random, int dcs) {
        return dcs == 1
                ? nts("dc1", 1 + random.nextInt(4))
                : Replication.of(Map.of(
                        "class", "NetworkTopologyStrategy",
                        "dc1", String.valueOf(1 + random.nextInt(3)),
                        "dc2", String.valueOf(random.nextInt(3))));
    }

    /** A ring as Cassini builds one: nodes spread over racks, tokens from the allocator. */
    private static TokenRing ring(String dc, int nodes, int racks, int tokensPerNode) {
        List<TokenRing.Node> list = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            list.add(new TokenRing.Node(
                    dc + "-r" + (i % racks) + "-" + (i / racks),
                    dc,
                    "r" + (i % racks),
                    TokenAllocator.allocate(nodes, tokensPerNode).get(i)));
        }
        return TokenRing.of(list);
    }

    private static Replication nts(String dc, int factor) {
        return Replication.of(Map.of("class", "NetworkTopologyStrategy", dc, String.valueOf(factor)));
    }
}
