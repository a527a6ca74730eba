package dev.cassini.model.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.model.TokenAllocator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JoiningTokensTest {
    @Test
    void aDatacenterJoiningARingBuiltTheSameWayGetsNoTokenItHas() {
        // The ring a Cassini datacenter of three nodes starts with: the tokens a new one would take.
        Set<Long> existing = all(TokenAllocator.allocate(3, 16));

        List<List<Long>> joining = JoiningTokens.allocate(3, 16, existing);

        assertThat(joining).hasSize(3).allSatisfy(node -> assertThat(node).hasSize(16));
        Set<Long> added = all(joining);
        assertThat(added).hasSize(48).doesNotContainAnyElementsOf(existing);
    }

    @Test
    void everyNodeOfTheNewDatacenterOwnsTheSameShareOfIt() {
        List<List<Long>> joining = JoiningTokens.allocate(4, 8, Set.of());

        List<Long> ring = joining.stream().flatMap(List::stream).sorted().toList();
        // Evenly spaced: every gap between neighbouring tokens is the same, to within rounding.
        long gap = ring.get(1) - ring.get(0);
        for (int i = 1; i < ring.size(); i++) {
            assertThat(ring.get(i) - ring.get(i - 1)).isBetween(gap - 1, gap + 1);
        }
        // Dealt out in turn, so neighbouring ranges belong to different nodes (and racks).
        for (int i = 0; i < ring.size(); i++) {
            long token = ring.get(i);
            long next = ring.get((i + 1) % ring.size());
            assertThat(owner(joining, token)).isNotEqualTo(owner(joining, next));
        }
    }

    @Test
    void aTakenTokenMovesToTheNextFreeOneAndTheOthersStay() {
        List<List<Long>> free = JoiningTokens.allocate(2, 2, Set.of());
        long first = free.get(0).get(0);

        List<List<Long>> crowded = JoiningTokens.allocate(2, 2, Set.of(first, first + 1));

        assertThat(crowded.get(0)).contains(first + 2).doesNotContain(first, first + 1);
        assertThat(crowded.get(1)).isEqualTo(free.get(1));
    }

    @Test
    void randomRingsNeverShareATokenWithTheNewDatacenter() {
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            Set<Long> existing = new HashSet<>();
            int nodes = 1 + random.nextInt(6);
            int vnodes = 1 + random.nextInt(16);
            // Half the existing tokens on the very grid the new datacenter uses, half anywhere.
            all(JoiningTokens.allocate(nodes, vnodes, Set.of())).stream()
                    .filter(t -> random.nextBoolean())
                    .forEach(existing::add);
            for (int i = 0; i < 50; i++) {
                existing.add(random.nextLong());
            }

            Set<Long> added = all(JoiningTokens.allocate(nodes, vnodes, existing));

            assertThat(added).hasSize(nodes * vnodes).doesNotContainAnyElementsOf(existing);
        }
    }

    @Test
    void noNodesOrNoTokensIsAMistake() {
        assertThatThrownBy(() -> JoiningTokens.allocate(0, 16, Set.of()))
                .hasMessageContaining("at least one node and one token per node");
    }

    private static Set<Long> all(List<List<Long>> tokens) {
        return tokens.stream().flatMap(List::stream).collect(Collectors.toSet());
    }

    private static int owner(List<List<Long>> tokens, long token) {
        for (int n = 0; n < tokens.size(); n++) {
            if (tokens.get(n).contains(token)) {
                return n;
            }
        }
        throw new AssertionError("no node has " + token);
    }
}
