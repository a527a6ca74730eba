package dev.cassini.model.migration;

import dev.cassini.model.TokenAllocator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tokens for the nodes of a datacenter that joins a ring already running: evenly spaced, so every
 * node of the new datacenter owns the same share of it (NetworkTopologyStrategy places a
 * datacenter's replicas by that datacenter's tokens alone), and none equal to a token the ring
 * has, which Cassandra refuses ("Bootstrapping to existing token"). A ring built the same way by
 * another operator, or by an earlier Cassini datacenter, has its tokens on the same grid; the new
 * ones sit half a range off it, and a token still taken moves up to the next free one.
 */
public final class JoiningTokens {
    private JoiningTokens() {}

    /**
     * @param nodes the new datacenter's nodes, ordered rack by rack in turn (r1, r2, r3, r1, ...)
     *     so that neighbouring ranges sit on different racks
     * @param tokensPerNode vnodes per node
     * @param taken every token the ring has now, of every datacenter
     * @return for each node index, its tokens in ascending order
     */
    public static List<List<Long>> allocate(int nodes, int tokensPerNode, Set<Long> taken) {
        // The grid of a brand-new datacenter, shifted by half a range: TokenAllocator's second of two
        // datacenters.
        List<List<Long>> grid = TokenAllocator.allocate(nodes, tokensPerNode, 1, 2);
        Set<Long> used = new HashSet<>(taken);
        List<List<Long>> tokens = new ArrayList<>();
        for (List<Long> node : grid) {
            List<Long> free = new ArrayList<>();
            for (long token : node) {
                while (!used.add(token)) {
                    token++; // wraps from Long.MAX_VALUE to Long.MIN_VALUE, as the ring does
                }
                free.add(token);
            }
            tokens.add(free.stream().sorted().toList());
        }
        return tokens;
    }
}
