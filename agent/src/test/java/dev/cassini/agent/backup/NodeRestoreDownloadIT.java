package dev.cassini.agent.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's files downloaded from a real S3 server (s3proxy) into staging laid out as a data
 * directory: every file checked against its digest, an interrupted download resumed without
 * fetching a finished file again, and an object with other content refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeRestoreDownloadIT {
    private static final String TABLE_ID = "5a1c0d9e7f6b11efa1b2c3d4e5f60718";

    /** Static, so it exists when the server starts in {@code @BeforeAll}. */
    @TempDir
    static Path storeData;

    @TempDir
    Path source;

    @TempDir
    Path staging;

    private S3ProxyServer server;
    private ObjectStore store;
    private final BackupLayout layout = new BackupLayout("ns/demo");

    @BeforeAll
    void start() throws Exception {
        server = S3ProxyServer.start("127.0.77.4", 19_092, storeData);
        store = new ObjectStore(server.settings("restores"));
        store.createBucket();
    }

    @AfterAll
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Stores random content under its digest, as a backup does, and returns the manifest's entry for it. */
    private BackupFile stored(String table, String name, int size, long seed) throws Exception {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        Path file = Files.write(source.resolve(table + "-" + name), content);
        String digest = FileDigests.compute(file);
        store.put(layout.blob(digest), file);
        return new BackupFile("shop", table, TABLE_ID, name, size, digest);
    }

    @Test
    void filesLandInTheTablesLayoutAndAResumedDownloadFetchesOnlyWhatIsMissing() throws Exception {
        List<BackupFile> files = List.of(
                stored("orders", "nb-1-big-Data.db", 3_000_000, 1),
                stored("orders", "nb-1-big-Index.db", 40_000, 2),
                stored("carts", "nb-7-big-Data.db", 500_000, 3));
        long total = 3_000_000 + 40_000 + 500_000;
        assertThat(NodeRestoreDownload.missingBytes(files, staging)).isEqualTo(total);

        var first = new NodeRestoreDownload(store, layout, 2).download(files.subList(0, 2), staging, new AtomicLong());
        assertThat(first.downloadedBytes()).isEqualTo(3_040_000);
        Path data = staging.resolve("shop/orders-" + TABLE_ID + "/nb-1-big-Data.db");
        assertThat(FileDigests.compute(data)).isEqualTo(files.get(0).sha256());
        assertThat(NodeRestoreDownload.missingBytes(files, staging)).isEqualTo(500_000);

        var resumed = new NodeRestoreDownload(store, layout, 2).download(files, staging, new AtomicLong());

        assertThat(resumed.files()).isEqualTo(3);
        assertThat(resumed.totalBytes()).isEqualTo(total);
        assertThat(resumed.stagedBytes()).isEqualTo(3_040_000);
        assertThat(resumed.downloadedBytes()).isEqualTo(500_000);
        assertThat(staging.resolve("shop/carts-" + TABLE_ID + "/nb-7-big-Data.db"))
                .hasSize(500_000);
    }

    @Test
    void aStagedFileWithOtherContentIsDownloadedAgain() throws Exception {
        BackupFile file = stored("items", "nb-2-big-Data.db", 100_000, 4);
        Path target = staging.resolve(file.relativePath());
        Files.createDirectories(target.getParent());
        byte[] wrong = new byte[100_000];
        Files.write(target, wrong); // the right size, other bytes: a torn earlier attempt

        var result = new NodeRestoreDownload(store, layout, 1).download(List.of(file), staging, new AtomicLong());

        assertThat(result.downloadedBytes()).isEqualTo(100_000);
        assertThat(FileDigests.compute(target)).isEqualTo(file.sha256());
    }

    @Test
    void anObjectWhoseContentIsNotItsDigestIsRefusedAndNotStaged() throws Exception {
        BackupFile honest = stored("bills", "nb-3-big-Data.db", 10_000, 5);
        // Another content under the honest digest's key: a damaged or tampered store.
        Path other = Files.write(source.resolve("other"), new byte[10_000]);
        store.put(layout.blob(honest.sha256()), other);

        assertThatThrownBy(() ->
                        new NodeRestoreDownload(store, layout, 1).download(List.of(honest), staging, new AtomicLong()))
                .hasMessageContaining("has other content")
                .hasMessageContaining("damaged");
        assertThat(staging.resolve(honest.relativePath())).doesNotExist();
    }
}
