package dev.cassini.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrainRecordTest {
    private static final Instant DRAINED = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;

    private NodeDirectories dirs() {
        return TestNodeConfigs.config(dir).directories();
    }

    @Test
    void aStartSoonAfterADrainRejoinsAndUsesTheRecordUp() throws IOException {
        NodeDirectories dirs = dirs();
        DrainRecord.record(dirs, DRAINED);
        assertThat(Files.readString(dirs.drainedMarker())).isEqualTo("2026-12-05T10:00:00Z\n");

        assertThat(DrainRecord.takeRecent(dirs, DRAINED.plusSeconds(40))).isTrue();
        assertThat(dirs.drainedMarker()).doesNotExist();
        assertThat(DrainRecord.takeRecent(dirs, DRAINED.plusSeconds(41)))
                .as("the start after that one (a crash, say) waits for gossip again")
                .isFalse();
    }

    @Test
    void aDrainLongerAgoThanTheWindowDoesNotCount() throws IOException {
        NodeDirectories dirs = dirs();
        DrainRecord.record(dirs, DRAINED);
        assertThat(DrainRecord.takeRecent(dirs, DRAINED.plus(DrainRecord.REJOIN_WINDOW)))
                .isTrue();
        DrainRecord.record(dirs, DRAINED);
        assertThat(DrainRecord.takeRecent(
                        dirs, DRAINED.plus(DrainRecord.REJOIN_WINDOW).plusSeconds(1)))
                .isFalse();
        assertThat(dirs.drainedMarker()).doesNotExist();
    }

    @Test
    void noRecordAClockGoneBackOrAnUnreadableRecordMeansNoRejoin() throws IOException {
        NodeDirectories dirs = dirs();
        assertThat(DrainRecord.takeRecent(dirs, DRAINED)).isFalse();

        DrainRecord.record(dirs, DRAINED);
        assertThat(DrainRecord.takeRecent(dirs, DRAINED.minusSeconds(5))).isFalse();

        Files.writeString(dirs.drainedMarker(), "yesterday\n");
        assertThat(DrainRecord.takeRecent(dirs, DRAINED)).isFalse();
        assertThat(dirs.drainedMarker()).doesNotExist();
    }
}
