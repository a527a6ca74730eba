package dev.cassini.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TransferRateTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void theAverageSinceTheStartGivesTheTimeLeftRoundedUp() {
        assertThat(TransferRate.of(300_000_000, OptionalLong.of(700_000_001), T0, null, T0.plusSeconds(30)))
                .contains(new TransferRate(10_000_000, Optional.of(71L)));
    }

    @Test
    void nothingMovedYetHasARateOfZeroAndNoEstimate() {
        assertThat(TransferRate.of(0, OptionalLong.of(5_000), T0, null, T0.plusSeconds(12)))
                .contains(new TransferRate(0, Optional.empty()));
    }

    @Test
    void aFinishedTransferHasNothingLeft() {
        assertThat(TransferRate.of(4_000, OptionalLong.of(0), T0, null, T0.plusSeconds(2)))
                .contains(new TransferRate(2_000, Optional.of(0L)));
    }

    @Test
    void aTransferDoneInUnderASecondStillHasItsAverage() {
        assertThat(TransferRate.of(4_000, OptionalLong.of(0), T0, T0.plusMillis(250), T0.plusSeconds(60)))
                .contains(new TransferRate(16_000, Optional.of(0L)));
        assertThat(TransferRate.of(4_000, OptionalLong.empty(), T0, T0, T0.plusSeconds(60)))
                .contains(new TransferRate(4_000_000, Optional.of(0L)));
    }

    @Test
    void withoutKnowingWhatIsLeftARunningTransferHasARateButNoEstimate() {
        assertThat(TransferRate.of(40_000, OptionalLong.empty(), T0, null, T0.plusSeconds(4)))
                .contains(new TransferRate(10_000, Optional.empty()));
    }

    @Test
    void underASecondIsTooEarlyToTellWhileBytesRemain() {
        assertThat(TransferRate.of(4_000, OptionalLong.of(10), T0, null, T0.plusMillis(999)))
                .isEmpty();
        assertThat(TransferRate.of(4_000, OptionalLong.of(10), T0, null, T0.minusSeconds(5)))
                .as("a clock that went back")
                .isEmpty();
    }
}
