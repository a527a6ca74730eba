package dev.cassini.agent.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's snapshot uploaded to a real S3 server (s3proxy): snapshots laid out as Cassandra makes
 * them (hard links under {@code <table dir>/snapshots/<tag>/}), each content stored once under its
 * digest, the manifest last, and a second backup of unchanged data uploading only its manifest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeBackupUploadIT {
    private static final String TABLE_ID = "5a1c0d9e7f6b11efa1b2c3d4e5f60718";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final NodeBackupUpload.Node NODE = new NodeBackupUpload.Node(
            "demo", "dc1", "r1", "6f1c0000-0000-0000-0000-000000000001", "demo-dc1-r1-0", "5.0.6", List.of("0"));

    @TempDir
    Path data;

    /** Static, so it exists when the server starts in {@code @BeforeAll}. */
    @TempDir
    static Path storeData;

    @TempDir
    Path downloads;

    private S3ProxyServer server;
    private ObjectStore store;
    private final BackupLayout layout = new BackupLayout("ns/demo");

    @BeforeAll
    void start() throws Exception {
        server = S3ProxyServer.start("127.0.77.3", 19_091, storeData);
        store = new ObjectStore(server.settings("backups"));
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

    private Path write(String keyspace, String table, String name, byte[] content) throws Exception {
        Path dir = data.resolve(keyspace).resolve(table + "-" + TABLE_ID);
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), content);
    }

    /** Hard-links every live file of every table into snapshots/{@code tag}, as Cassandra's snapshot does. */
    private void snapshot(String tag) throws Exception {
        try (var keyspaces = Files.list(data)) {
            for (Path keyspace : keyspaces.toList()) {
                try (var tables = Files.list(keyspace)) {
                    for (Path table : tables.toList()) {
                        Path target = Files.createDirectories(
                                table.resolve("snapshots").resolve(tag));
                        try (var files = Files.list(table)) {
                            for (Path file : files.filter(Files::isRegularFile).toList()) {
                                Files.createLink(target.resolve(file.getFileName()), file);
                            }
                        }
                    }
                }
            }
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void eachContentIsStoredOnceUnderItsDigestAndAnUnchangedSecondBackupUploadsOnlyItsManifest() throws Exception {
        byte[] shared = random(200_000, 3);
        write("shop", "orders", "nb-1-big-Data.db", random(3_000_000, 1));
        write("shop", "orders", "nb-1-big-Index.db", random(50_000, 2));
        write("shop", "orders", "nb-1-big-Filter.db", shared);
        write("shop", "carts", "nb-1-big-Filter.db", shared); // the same bytes in another table
        snapshot("first");
        FileDigests digests = new FileDigests();
        NodeBackupUpload upload = new NodeBackupUpload(store, layout, digests, 3, Clock.systemUTC());

        NodeBackupUpload.Result first =
                upload.upload("first", NODE, SnapshotFiles.list(data, "first"), Instant.parse("2026-12-01T02:00:00Z"));

        assertThat(first.manifest().files()).hasSize(4);
        assertThat(first.uploadedFiles()).as("the shared content once").isEqualTo(3);
        assertThat(first.reusedBytes()).isEqualTo(200_000);
        assertThat(first.uploadedBytes()).isGreaterThan(3_250_000);
        NodeManifest stored = JSON.readValue(store.get(first.manifestKey()), NodeManifest.class);
        assertThat(stored).isEqualTo(first.manifest());
        assertThat(first.manifestKey()).isEqualTo("ns/demo/backups/first/nodes/dc1/r1/" + NODE.hostId() + ".json");
        for (BackupFile file : stored.files()) {
            Path back = downloads.resolve(file.name());
            store.get(layout.blob(file.sha256()), back);
            assertThat(Files.size(back)).isEqualTo(file.size());
            assertThat(new FileDigests().sha256(back)).isEqualTo(file.sha256());
        }

        // A second backup: the same files (new hard links in a new snapshot) and one new SSTable.
        write("shop", "orders", "nb-2-big-Data.db", random(100_000, 4));
        snapshot("second");
        int digestsBefore = digests.size();
        NodeBackupUpload.Result second = upload.upload(
                "second", NODE, SnapshotFiles.list(data, "second"), Instant.parse("2026-12-02T02:00:00Z"));

        assertThat(second.manifest().files()).hasSize(5);
        assertThat(second.uploadedFiles()).as("only the new SSTable").isEqualTo(1);
        assertThat(second.reusedBytes()).isEqualTo(3_000_000 + 50_000 + 200_000 + 200_000);
        assertThat(second.uploadedBytes() - 100_000)
                .as("the manifest, a few KB")
                .isBetween(1L, 10_000L);
        assertThat(digests.size()).as("unchanged files are not read again").isEqualTo(digestsBefore + 1);
        assertThat(store.list(layout.blobs())).hasSize(4);
    }
}
