package dev.cassini.cli;

import dev.cassini.model.TokenAllocator;
import java.util.List;

/** "I/N" of {@code cassini node --new-ring}: node I (1-based) of a new ring of N nodes. */
record NewRingPosition(int index, int size) {
    static NewRingPosition parse(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                int index = Integer.parseInt(parts[0].trim());
                int size = Integer.parseInt(parts[1].trim());
                if (size >= 1 && index >= 1 && index <= size) {
                    return new NewRingPosition(index, size);
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the explanation
        }
        throw new IllegalArgumentException(
                "--new-ring takes I/N, node I of a new ring of N nodes, e.g. 2/3; got '" + text + "'");
    }

    /** This node's share of the ring's precomputed tokens; start nodes in rack order r1, r2, r3, r1, ... */
    List<Long> tokens(int tokensPerNode) {
        return TokenAllocator.allocate(size, tokensPerNode).get(index - 1);
    }
}
