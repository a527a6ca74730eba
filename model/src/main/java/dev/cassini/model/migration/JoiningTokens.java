package dev.cassini.model.migration;

import java.math.BigInteger;
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
    private static final BigInteger RING_START = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger RING_SIZE = BigInteger.TWO.pow(64);

    private JoiningTokens() {}

    /**
     * @param nodes the new datacenter's nodes, ordered rack by rack in turn (r1, r2, r3, r1, ...)
     *     so that neighbouring ranges sit on different racks
     * @param tokensPerNode vnodes per node
     * @param taken every token the ring has now, of every datacenter
     * @return for each node index, its tokens in ascending order
     */
    public static List<List<Long>> allocate(int nodes, int tokensPerNode, Set<Long> taken) {
        if (nodes < 1 || tokensPerNode < 1) {
            throw new IllegalArgumentException(
                    "need at least one node and one token per node, got " + nodes + " and " + tokensPerNode);
        }
        int total = nodes * tokensPerNode;
        BigInteger range = RING_SIZE.divide(BigInteger.valueOf(total));
        BigInteger halfRange = range.shiftRight(1);
        Set<Long> used = new HashSet<>(taken);
        List<List<Long>> tokens = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            tokens.add(new ArrayList<>());
        }
        for (int i = 0; i < total; i++) {
            long token = RING_START
                    .add(range.multiply(BigInteger.valueOf(i)))
                    .add(halfRange)
                    .longValueExact();
            while (!used.add(token)) {
                token++; // wraps from Long.MAX_VALUE to Long.MIN_VALUE, as the ring does
            }
            tokens.get(i % nodes).add(token);
        }
        return tokens.stream().map(list -> list.stream().sorted().toList()).toList();
    }
}
