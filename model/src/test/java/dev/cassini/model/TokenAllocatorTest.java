package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenAllocatorTest {

    @ParameterizedTest
    @CsvSource({"1,1", "1,16", "3,16", "4,16", "5,8", "6,16", "7,4", "12,256", "100,16"})
    void everyNodeOwnsAnEqualShareOfTheRing(int nodes, int perNode) {
        List<List<Long>> tokens = TokenAllocator.allocate(nodes, perNode);
        assertThat(tokens)
                .hasSize(nodes)
                .allSatisfy(t -> assertThat(t).hasSize(perNode).isSorted());

        TreeMap<Long, Integer> owner = new TreeMap<>();
        for (int n = 0; n < nodes; n++) {
            for (long t : tokens.get(n)) {
                assertThat(owner.put(t, n)).as("token %d is unique", t).isNull();
            }
        }
        // A node owns the range ending at each of its tokens; sum the ranges per node.
        BigInteger[] owned = new BigInteger[nodes];
        java.util.Arrays.fill(owned, BigInteger.ZERO);
        Long previous = owner.lastKey();
        for (var e : owner.entrySet()) {
            BigInteger size = BigInteger.valueOf(e.getKey())
                    .subtract(BigInteger.valueOf(previous))
                    .mod(BigInteger.TWO.pow(64));
            if (size.signum() == 0) {
                size = BigInteger.TWO.pow(64); // a single token owns the whole ring
            }
            owned[e.getValue()] = owned[e.getValue()].add(size);
            previous = e.getKey();
        }
        BigInteger ideal = BigInteger.TWO.pow(64).divide(BigInteger.valueOf(nodes));
        BigInteger tolerance = BigInteger.valueOf((long) nodes * perNode * 2L);
        for (BigInteger share : owned) {
            assertThat(share.subtract(ideal).abs()).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void consecutiveTokensBelongToConsecutiveNodesSoRacksInterleave() {
        List<List<Long>> tokens = TokenAllocator.allocate(6, 4);
        TreeMap<Long, Integer> owner = new TreeMap<>();
        for (int n = 0; n < 6; n++) {
            for (long t : tokens.get(n)) {
                owner.put(t, n);
            }
        }
        List<Integer> order = new ArrayList<>(owner.values());
        for (int i = 0; i < order.size(); i++) {
            assertThat(order.get(i)).isEqualTo(i % 6);
        }
        // nodes ordered r1,r2,r3,r1,r2,r3: each token's neighbour is on another rack
        for (int i = 0; i < order.size(); i++) {
            int rack = order.get(i) % 3;
            int nextRack = order.get((i + 1) % order.size()) % 3;
            assertThat(rack).isNotEqualTo(nextRack);
        }
    }

    @Test
    void datacentersOfOneClusterNeverShareAToken() {
        Set<Long> seen = new HashSet<>();
        for (int dc = 0; dc < 3; dc++) {
            for (List<Long> node : TokenAllocator.allocate(3, 16, dc, 3)) {
                for (long t : node) {
                    assertThat(seen.add(t)).as("token %d used twice", t).isTrue();
                }
            }
        }
        assertThat(seen).hasSize(3 * 3 * 16);
    }

    @Test
    void threeSingleTokenNodesSplitTheRingInThirdsFromItsStart() {
        long third = 6148914691236517205L; // floor(2^64 / 3)
        assertThat(TokenAllocator.allocate(3, 1))
                .containsExactly(
                        List.of(Long.MIN_VALUE), List.of(Long.MIN_VALUE + third), List.of(Long.MIN_VALUE + 2 * third));
    }

    @Test
    void refusesImpossibleInput() {
        assertThatThrownBy(() -> TokenAllocator.allocate(0, 16)).hasMessageContaining("at least one node");
        assertThatThrownBy(() -> TokenAllocator.allocate(3, 0)).hasMessageContaining("at least one node");
        assertThatThrownBy(() -> TokenAllocator.allocate(3, 16, 3, 3))
                .hasMessageContaining("offset must be from 0 to datacenters - 1");
        assertThatThrownBy(() -> TokenAllocator.allocate(3, 16, -1, 3)).hasMessageContaining("offset");
    }
}
