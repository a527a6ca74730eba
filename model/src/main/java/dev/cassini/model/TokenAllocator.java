package dev.cassini.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Precomputed tokens for the nodes of a new, empty datacenter. The Murmur3 ring is cut into
 * {@code nodes × tokensPerNode} equal ranges and the boundaries are dealt out round robin, so
 * consecutive tokens belong to consecutive nodes. With nodes ordered rack by rack in turn (r1, r2,
 * r3, r1, ...), neighbouring ranges sit on different racks and every node owns the same share.
 * Because the tokens are known up front, all nodes can start at once: none has to bootstrap.
 */
public final class TokenAllocator {
    private static final BigInteger RING_START = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger RING_SIZE = BigInteger.TWO.pow(64);

    private TokenAllocator() {}

    /**
     * @param nodes number of nodes in the datacenter
     * @param tokensPerNode vnodes per node
     * @param offset shifts every token by this many ring positions in units of one range divided by
     *        the number of datacenters, so the DCs of one cluster never pick the same token
     * @return for each node index, its tokens in ascending order
     */
    public static List<List<Long>> allocate(int nodes, int tokensPerNode, int offset, int datacenters) {
        if (nodes < 1 || tokensPerNode < 1) {
            throw new IllegalArgumentException(
                    "need at least one node and one token per node, got " + nodes + " and " + tokensPerNode);
        }
        if (datacenters < 1 || offset < 0 || offset >= datacenters) {
            throw new IllegalArgumentException(
                    "offset must be from 0 to datacenters - 1, got " + offset + " of " + datacenters);
        }
        int total = nodes * tokensPerNode;
        BigInteger range = RING_SIZE.divide(BigInteger.valueOf(total));
        BigInteger shift = range.multiply(BigInteger.valueOf(offset)).divide(BigInteger.valueOf(datacenters));
        List<List<Long>> tokens = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            tokens.add(new ArrayList<>());
        }
        for (int i = 0; i < total; i++) {
            long token = RING_START
                    .add(range.multiply(BigInteger.valueOf(i)))
                    .add(shift)
                    .longValueExact();
            tokens.get(i % nodes).add(token);
        }
        return tokens.stream().map(List::copyOf).toList();
    }

    /** Tokens for the nodes of the only datacenter of a cluster. */
    public static List<List<Long>> allocate(int nodes, int tokensPerNode) {
        return allocate(nodes, tokensPerNode, 0, 1);
    }
}
