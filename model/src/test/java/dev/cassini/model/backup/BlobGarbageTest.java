package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.backup.NodeManifest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlobGarbageTest {
    private static NodeManifest manifest(String backup, char... digests) {
        List<dev.cassini.contract.backup.BackupFile> files = new java.util.ArrayList<>();
        for (char d : digests) {
            files.add(new dev.cassini.contract.backup.BackupFile(
                    "ks",
                    "t",
                    "0123",
                    "nb-" + d + "-big-Data.db",
                    1,
                    String.valueOf(d).repeat(64)));
        }
        return new NodeManifest(
                NodeManifest.FORMAT,
                backup,
                "demo",
                "dc1",
                "r1",
                "h",
                "p",
                "5.0.6",
                List.of(),
                Instant.EPOCH,
                Instant.EPOCH,
                files);
    }

    private static String d(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    void blobsNoKeptManifestListsAreCollected() {
        assertThat(BlobGarbage.unreferenced(
                        List.of(d('a'), d('b'), d('c'), d('d')),
                        List.of(manifest("kept-1", 'a', 'b'), manifest("kept-2", 'b')),
                        false))
                .containsExactly(d('c'), d('d'));
    }

    @Test
    void nothingIsCollectedWhileABackupRuns() {
        assertThat(BlobGarbage.unreferenced(List.of(d('a'), d('c')), List.of(manifest("kept", 'a')), true))
                .isEmpty();
    }
}
