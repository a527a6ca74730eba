package dev.cassini.model.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenSpansTest {
    @Test
    void aWrappingRangeIsTwoSpansAndAOneTokenRingIsTheWholeRing() {
        assertThat(TokenSpan.ofRange(100, -100))
                .containsExactly(new TokenSpan(100, Long.MAX_VALUE), new TokenSpan(Long.MIN_VALUE, -100));
        assertThat(TokenSpan.ofRange(5, 5))
                .containsExactly(new TokenSpan(5, Long.MAX_VALUE), new TokenSpan(Long.MIN_VALUE, 5));
        assertThat(TokenSpan.ofRange(Long.MAX_VALUE, 7)).containsExactly(new TokenSpan(Long.MIN_VALUE, 7));
        assertThat(TokenSpan.ofRange(-3, 9)).containsExactly(new TokenSpan(-3, 9));
    }

    @Test
    void splitPiecesAreContiguousAndOfNearlyEqualWidth() {
        TokenSpan whole = TokenSpan.WHOLE_RING;
        List<TokenSpan> parts = whole.split(7);
        assertThat(parts).hasSize(7);
        assertThat(parts.get(0).start()).isEqualTo(Long.MIN_VALUE);
        assertThat(parts.get(6).end()).isEqualTo(Long.MAX_VALUE);
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i).start()).isEqualTo(parts.get(i - 1).end());
            assertThat(parts.get(i).width().subtract(parts.get(0).width()).abs())
                    .isLessThanOrEqualTo(BigInteger.ONE);
        }
        assertThat(new TokenSpan(0, 3).split(10)).hasSize(3); // never a piece without a token
    }

    @Test
    void spansMergeAndTellWhatIsMissing() {
        TokenSpans set = TokenSpans.of(List.of(new TokenSpan(10, 20), new TokenSpan(20, 30), new TokenSpan(50, 60)));
        assertThat(set.spans()).containsExactly(new TokenSpan(10, 30), new TokenSpan(50, 60));
        assertThat(set.missingFrom(new TokenSpan(0, 100)))
                .containsExactly(new TokenSpan(0, 10), new TokenSpan(30, 50), new TokenSpan(60, 100));
        assertThat(set.missingFrom(new TokenSpan(12, 28))).isEmpty();
        assertThat(set.covers(new TokenSpan(10, 30))).isTrue();
        assertThat(set.covers(new TokenSpan(10, 31))).isFalse();
        assertThat(set.missingFrom(new TokenSpan(25, 55))).containsExactly(new TokenSpan(30, 50));
    }

    @Test
    void aTableRepairedPieceByPieceEndsAsOneSpanWhateverTheOrder() {
        List<TokenSpan> pieces = new ArrayList<>(TokenSpan.WHOLE_RING.split(500));
        java.util.Collections.shuffle(pieces, new Random(7));
        TokenSpans set = TokenSpans.NONE;
        for (TokenSpan piece : pieces) {
            set = set.plus(List.of(piece));
        }
        assertThat(set.spans()).containsExactly(TokenSpan.WHOLE_RING);
        assertThat(set.share()).isEqualTo(1.0);
        assertThat(TokenSpans.parse(set.format())).isEqualTo(set);
    }

    @Test
    void parseSaysWhatIsWrong() {
        assertThatThrownBy(() -> TokenSpan.parse("12")).hasMessageContaining("start:end");
        assertThatThrownBy(() -> TokenSpan.parse("a:b")).hasMessageContaining("two tokens");
        assertThatThrownBy(() -> TokenSpan.parse("5:5")).hasMessageContaining("start < end");
        assertThat(TokenSpan.parse("-9223372036854775808:-5")).isEqualTo(new TokenSpan(Long.MIN_VALUE, -5));
    }
}
