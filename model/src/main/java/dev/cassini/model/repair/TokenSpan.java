package dev.cassini.model.repair;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of the Murmur3 token ring that does not wrap: the tokens after {@code start} up to and
 * including {@code end}, with {@code start < end}. A range that wraps past the largest token is two
 * spans, one ending at {@link Long#MAX_VALUE} and one starting at {@link Long#MIN_VALUE}. The token
 * {@code Long.MIN_VALUE} itself is never a key's token (Murmur3 maps it to the largest), so leaving
 * it out of every span loses nothing.
 */
public record TokenSpan(long start, long end) implements Comparable<TokenSpan> {
    private static final BigInteger RING = BigInteger.ONE.shiftLeft(64);

    public TokenSpan {
        if (start >= end) {
            throw new IllegalArgumentException("a span needs start < end, got (" + start + ", " + end + "]");
        }
    }

    /** The whole ring as one span. */
    public static final TokenSpan WHOLE_RING = new TokenSpan(Long.MIN_VALUE, Long.MAX_VALUE);

    /**
     * The spans of the ring range {@code (start, end]}: one, or two when it wraps; {@code start ==
     * end} is the whole ring (a ring of one token).
     */
    public static List<TokenSpan> ofRange(long start, long end) {
        if (start < end) {
            return List.of(new TokenSpan(start, end));
        }
        List<TokenSpan> spans = new ArrayList<>(2);
        if (start < Long.MAX_VALUE) {
            spans.add(new TokenSpan(start, Long.MAX_VALUE));
        }
        if (end > Long.MIN_VALUE) {
            spans.add(new TokenSpan(Long.MIN_VALUE, end));
        }
        return spans;
    }

    /** How many tokens the span holds. */
    public BigInteger width() {
        return BigInteger.valueOf(end).subtract(BigInteger.valueOf(start));
    }

    /** The share of the ring the span holds, from 0 to 1. */
    public double share() {
        return width().doubleValue() / RING.doubleValue();
    }

    /** The span cut into {@code pieces} spans of (nearly) equal width, in ring order. */
    public List<TokenSpan> split(int pieces) {
        BigInteger width = width();
        int n = (int) Math.max(
                1,
                Math.min(
                        pieces, width.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue()));
        List<TokenSpan> parts = new ArrayList<>(n);
        long from = start;
        for (int i = 1; i <= n; i++) {
            long to = i == n
                    ? end
                    : BigInteger.valueOf(start)
                            .add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n)))
                            .longValueExact();
            parts.add(new TokenSpan(from, to));
            from = to;
        }
        return parts;
    }

    /** As Cassandra's repair option spells a range, and as status keeps it: {@code start:end}. */
    @Override
    public String toString() {
        return start + ":" + end;
    }

    /**
     * Reads what {@link #toString} wrote.
     *
     * @throws IllegalArgumentException when it is not two tokens with start below end
     */
    public static TokenSpan parse(String text) {
        int colon = text.indexOf(':', 1);
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not start:end");
        }
        try {
            return new TokenSpan(
                    Long.parseLong(text.substring(0, colon).trim()),
                    Long.parseLong(text.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not two tokens start:end", e);
        }
    }

    @Override
    public int compareTo(TokenSpan other) {
        int byStart = Long.compare(start, other.start);
        return byStart != 0 ? byStart : Long.compare(end, other.end);
    }
}
