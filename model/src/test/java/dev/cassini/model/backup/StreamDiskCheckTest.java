package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.NodeManifest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamDiskCheckTest {
    private static final long GIB = 1L << 30;

    @Test
    void aRestoreFitsWhenEveryNodeHasRoomForWhatItReceivesAndStages() {
        assertThat(StreamDiskCheck.refusal(List.of(
                        new StreamDiskCheck.Node("a", 10 * GIB, 6 * GIB, 4 * GIB),
                        new StreamDiskCheck.Node("b", 10 * GIB, 1 * GIB, 0))))
                .isEmpty();
    }

    @Test
    void everyNodeShortOfDiskIsNamedWithItsFigures() {
        assertThat(StreamDiskCheck.refusal(List.of(
                        new StreamDiskCheck.Node("a", 10 * GIB, 9 * GIB, 2 * GIB),
                        new StreamDiskCheck.Node("b", 10 * GIB, 1 * GIB, 0),
                        new StreamDiskCheck.Node("c", 1 * GIB, 2 * GIB, 0))))
                .hasValue("not enough disk: a would receive 9.0 GiB and stage up to 2.0 GiB but has 10.0 GiB free; c"
                        + " would receive 2.0 GiB and stage up to 0 bytes but has 1.0 GiB free. Grow the datacenter's"
                        + " storage (spec.datacenters[].storage.size) or restore fewer tables; nothing was truncated");
    }

    @Test
    void theLargestChosenTableIsWhatStreamingANodesFilesStagesAtOnce() {
        NodeManifest manifest = new NodeManifest(
                NodeManifest.FORMAT,
                "nightly",
                "demo",
                "dc1",
                "r1",
                "h1",
                "demo-dc1-r1-0",
                "5.0.6",
                List.of("0"),
                Instant.EPOCH,
                Instant.EPOCH,
                List.of(
                        file("shop", "orders", "nb-1-big-Data.db", 100),
                        file("shop", "orders", "nb-2-big-Data.db", 150),
                        file("shop", "carts", "nb-1-big-Data.db", 200),
                        file("audit", "log", "nb-1-big-Data.db", 900)));

        assertThat(StreamDiskCheck.largestTable(manifest, List.of("shop.orders", "shop.carts")))
                .isEqualTo(250);
        assertThat(StreamDiskCheck.largestTable(manifest, List.of("other.t"))).isZero();
    }

    private static BackupFile file(String keyspace, String table, String name, long size) {
        return new BackupFile(keyspace, table, "id", name, size, "b".repeat(64));
    }
}
