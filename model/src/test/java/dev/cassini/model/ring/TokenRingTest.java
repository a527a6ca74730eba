package dev.cassini.model.ring;

import static dev.cassini.model.ring.Rings.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TokenRingTest {
    private static final Replication DC1_3 =
            Replication.of(Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc1", "3"));

    @Test
    void threeRacksGetOneReplicaEachWhereverTheWalkStarts() {
        TokenRing ring = TokenRing.of(List.of(
                node("a", "dc1", "r1", 0, 600),
                node("b", "dc1", "r1", 100, 700),
                node("c", "dc1", "r2", 200, 800),
                node("d", "dc1", "r2", 300),
                node("e", "dc1", "r3", 400),
                node("f", "dc1", "r3", 500)));

        // From 50 the walk meets b (r1), c (r2), d (r2, skipped), e (r3).
        assertThat(ids(ring.replicas(50, DC1_3))).containsExactly("b", "c", "e");
        // A token a node owns starts the walk at that node: e (r3), f (r3, skipped), a (r1), b (r1,
        // skipped), c (r2).
        assertThat(ids(ring.replicas(400, DC1_3))).containsExactly("e", "a", "c");
        // Past the last token the walk wraps to the first.
        assertThat(ids(ring.replicas(801, DC1_3))).containsExactly("a", "c", "e");
    }

    @Test
    void fewerRacksThanReplicasTakesTheFirstRepeatsInWalkOrder() {
        TokenRing ring = TokenRing.of(List.of(
                node("a", "dc1", "r1", 0),
                node("b", "dc1", "r1", 10),
                node("c", "dc1", "r1", 20),
                node("d", "dc1", "r2", 30)));

        assertThat(ids(ring.replicas(-5, DC1_3))).containsExactly("a", "b", "d");
        assertThat(ids(ring.replicas(25, DC1_3))).containsExactly("d", "a", "b");
    }

    @Test
    void aFactorAboveTheNodeCountTakesEveryNodeAndAMissingDatacenterNone() {
        TokenRing ring = TokenRing.of(List.of(node("a", "dc1", "r1", 0), node("b", "dc1", "r2", 10)));

        assertThat(ids(ring.replicas(3, DC1_3))).containsExactly("b", "a");
        assertThat(ring.replicas(3, Replication.of(Map.of("class", "NetworkTopologyStrategy", "dc9", "3"))))
                .isEmpty();
    }

    @Test
    void simpleStrategyIgnoresDatacentersAndRacks() {
        TokenRing ring = TokenRing.of(
                List.of(node("a", "dc1", "r1", 0), node("b", "dc1", "r1", 10), node("c", "dc2", "r1", 20)));
        Replication two = Replication.of(
                Map.of("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "2"));

        assertThat(ids(ring.replicas(15, two))).containsExactly("c", "a");
        assertThat(ids(ring.replicas(21, two))).containsExactly("a", "b");
    }

    @Test
    void replicationIsReadAsSystemSchemaHoldsIt() {
        assertThat(Replication.of(Map.of("class", "NetworkTopologyStrategy", "dc1", "3/1", "dc2", "2"))
                        .perDatacenter())
                .containsExactly(Map.entry("dc1", 3), Map.entry("dc2", 2));
        assertThatThrownBy(() -> Replication.of(Map.of("class", "org.apache.cassandra.locator.LocalStrategy")))
                .hasMessageContaining("LocalStrategy is not one a restore can place data for");
        assertThatThrownBy(() -> TokenRing.of(List.of(node("a", "dc1", "r1", 5), node("b", "dc1", "r1", 5))))
                .hasMessageContaining("token 5 is owned by both a and b");
    }

    /**
     * The placement against a second, independent reading of Cassandra's rule (the one it had before
     * 4.0, which keeps the nodes of seen racks aside until every rack has a replica), on random rings
     * of one and two datacenters: the same nodes hold each token.
     */
    @Test
    void placementAgreesWithTheSkippedListReadingOnRandomRings() {
        Random random = new Random(20261202);
        for (int round = 0; round < 300; round++) {
            List<TokenRing.Node> nodes = new ArrayList<>();
            Set<Long> used = new HashSet<>();
            int count = 1 + random.nextInt(9);
            for (int i = 0; i < count; i++) {
                List<Long> tokens = new ArrayList<>();
                for (int t = 0; t < 1 + random.nextInt(4); t++) {
                    long token = random.nextLong();
                    if (used.add(token)) {
                        tokens.add(token);
                    }
                }
                nodes.add(new TokenRing.Node(
                        "n" + i, "dc" + (1 + random.nextInt(2)), "r" + (1 + random.nextInt(3)), tokens));
            }
            TokenRing ring = TokenRing.of(nodes);
            Replication replication = Replication.of(Map.of(
                    "class", "NetworkTopologyStrategy",
                    "dc1", String.valueOf(1 + random.nextInt(4)),
                    "dc2", String.valueOf(random.nextInt(3))));
            for (int probe = 0; probe < 20; probe++) {
                long token = random.nextLong();
                assertThat(Set.copyOf(ids(ring.replicas(token, replication))))
                        .as("round %d token %d", round, token)
                        .isEqualTo(skippedListReading(nodes, token, replication));
            }
        }
    }

    private static Set<String> skippedListReading(List<TokenRing.Node> nodes, long token, Replication replication) {
        TreeMap<Long, TokenRing.Node> owners = new TreeMap<>();
        nodes.forEach(n -> n.tokens().forEach(t -> owners.put(t, n)));
        List<TokenRing.Node> walk = new ArrayList<>(owners.tailMap(token, true).values());
        walk.addAll(owners.headMap(token, false).values());
        Set<String> result = new HashSet<>();
        for (var entry : replication.perDatacenter().entrySet()) {
            String dc = entry.getKey();
            Set<String> racks = new HashSet<>();
            nodes.stream()
                    .filter(n -> n.datacenter().equals(dc) && !n.tokens().isEmpty())
                    .forEach(n -> racks.add(n.rack()));
            long inDc = nodes.stream()
                    .filter(n -> n.datacenter().equals(dc) && !n.tokens().isEmpty())
                    .count();
            int want = (int) Math.min(entry.getValue(), inDc);
            Map<String, TokenRing.Node> chosen = new LinkedHashMap<>();
            List<TokenRing.Node> skipped = new ArrayList<>();
            Set<String> seenRacks = new HashSet<>();
            for (TokenRing.Node n : walk) {
                if (chosen.size() >= want) {
                    break;
                }
                if (!n.datacenter().equals(dc) || chosen.containsKey(n.id()) || skipped.contains(n)) {
                    continue;
                }
                if (seenRacks.size() == racks.size()) {
                    chosen.put(n.id(), n);
                } else if (seenRacks.add(n.rack())) {
                    chosen.put(n.id(), n);
                    if (seenRacks.size() == racks.size()) {
                        for (TokenRing.Node s : skipped) {
                            if (chosen.size() < want) {
                                chosen.put(s.id(), s);
                            }
                        }
                    }
                } else {
                    skipped.add(n);
                }
            }
            result.addAll(chosen.keySet());
        }
        return result;
    }

    static List<String> ids(List<TokenRing.Node> nodes) {
        return nodes.stream().map(TokenRing.Node::id).toList();
    }
}
