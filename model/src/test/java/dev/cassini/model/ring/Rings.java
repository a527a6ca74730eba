package dev.cassini.model.ring;

import java.util.ArrayList;
import java.util.List;

/** Ring nodes for tests, tokens written out. */
public final class Rings {
    private Rings() {}

    public static TokenRing.Node node(String id, String dc, String rack, long... tokens) {
        List<Long> list = new ArrayList<>();
        for (long t : tokens) {
            list.add(t);
        }
        return new TokenRing.Node(id, dc, rack, list);
    }
}
