package dev.cassini.model.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.NodeManifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupVerificationTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    private static NodeManifest manifest(String hostId, BackupFile... files) {
        return new NodeManifest(
                1,
                "nightly",
                "demo",
                "dc1",
                "r1",
                hostId,
                "pod",
                "5.0.6",
                List.of("1"),
                Instant.EPOCH,
                Instant.EPOCH,
                List.of(files));
    }

    private static final List<NodeManifest> MANIFESTS = List.of(
            manifest("h1", new BackupFile("shop", "orders", "1", "nb-1-big-Data.db", 100, A)),
            manifest(
                    "h2",
                    new BackupFile("shop", "orders", "1", "nb-1-big-Data.db", 100, A),
                    new BackupFile("shop", "orders", "1", "nb-2-big-Data.db", 20, B),
                    new BackupFile("shop", "orders", "1", "nb-2-big-Index.db", 5, C)));

    @Test
    void sharedContentIsCheckedOnceAndAnIntactBackupHasNoProblem() {
        BackupVerification.Result result =
                BackupVerification.check(MANIFESTS, Map.of(A, 100L, B, 20L, C, 5L, "d".repeat(64), 1L), List.of());

        assertThat(result.intact()).isTrue();
        assertThat(result.files()).isEqualTo(4);
        assertThat(result.blobs()).isEqualTo(3);
        assertThat(result.bytes()).isEqualTo(125);
    }

    @Test
    void missingWrongSizedAndDamagedContentIsEachNamedWithAFileThatNeedsIt() {
        BackupVerification.Result result =
                BackupVerification.check(MANIFESTS, Map.of(A, 100L, B, 19L, C, 5L), List.of(C));

        assertThat(result.intact()).isFalse();
        assertThat(result.problems())
                .containsExactly(
                        "wrong size: " + B + " (shop.orders/nb-2-big-Data.db) is 19 bytes, not 20",
                        "damaged: " + C + " (shop.orders/nb-2-big-Index.db) does not hash to its name");
        assertThat(BackupVerification.check(MANIFESTS, Map.of(B, 20L, C, 5L), List.of())
                        .problems())
                .containsExactly("missing: " + A + " (shop.orders/nb-1-big-Data.db, 100 bytes)");
    }
}
