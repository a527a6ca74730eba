package dev.cassini.model.repair;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of tokens kept as the fewest spans that hold them, in ring order: what a repair has done
 * of a table. Adjacent and overlapping spans are merged, so a table repaired in hundreds of
 * segments is a handful of spans in status, and once complete exactly one. Immutable.
 */
public final class TokenSpans {
    public static final TokenSpans NONE = new TokenSpans(List.of());

    private final List<TokenSpan> spans;

    private TokenSpans(List<TokenSpan> merged) {
        this.spans = List.copyOf(merged);
    }

    public static TokenSpans of(Collection<TokenSpan> spans) {
        TreeSet<TokenSpan> sorted = new TreeSet<>(spans);
        List<TokenSpan> merged = new ArrayList<>();
        for (TokenSpan span : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1).end() >= span.start()) {
                TokenSpan last = merged.remove(merged.size() - 1);
                merged.add(new TokenSpan(last.start(), Math.max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return new TokenSpans(merged);
    }

    /**
     * Reads the {@code start:end} strings status keeps.
     *
     * @throws IllegalArgumentException when one is not a span
     */
    public static TokenSpans parse(Collection<String> texts) {
        return of(texts.stream().map(TokenSpan::parse).toList());
    }

    public List<TokenSpan> spans() {
        return spans;
    }

    public List<String> format() {
        return spans.stream().map(TokenSpan::toString).toList();
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }

    public TokenSpans plus(Collection<TokenSpan> more) {
        List<TokenSpan> all = new ArrayList<>(spans);
        all.addAll(more);
        return of(all);
    }

    /** What of {@code wanted} this set does not hold, as spans in ring order. */
    public List<TokenSpan> missingFrom(TokenSpan wanted) {
        List<TokenSpan> missing = new ArrayList<>();
        long from = wanted.start();
        for (TokenSpan held : spans) {
            if (held.end() <= from) {
                continue;
            }
            if (held.start() >= wanted.end()) {
                break;
            }
            if (held.start() > from) {
                missing.add(new TokenSpan(from, held.start()));
            }
            from = Math.max(from, held.end());
            if (from >= wanted.end()) {
                return missing;
            }
        }
        if (from < wanted.end()) {
            missing.add(new TokenSpan(from, wanted.end()));
        }
        return missing;
    }

    public boolean covers(TokenSpan span) {
        return missingFrom(span).isEmpty();
    }

    /** The share of the whole ring the set holds, from 0 to 1. */
    public double share() {
        BigInteger total = BigInteger.ZERO;
        for (TokenSpan span : spans) {
            total = total.add(span.width());
        }
        return total.doubleValue() / TokenSpan.WHOLE_RING.width().doubleValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenSpans that && spans.equals(that.spans);
    }

    @Override
    public int hashCode() {
        return spans.hashCode();
    }

    @Override
    public String toString() {
        return spans.toString();
    }
}
