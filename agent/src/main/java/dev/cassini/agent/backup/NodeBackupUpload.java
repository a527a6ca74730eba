package dev.cassini.agent.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.store.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads one node's snapshot to the object store: every file's content under its digest, each
 * content once, skipping what the store has (from an earlier backup, another node, or an upload that
 * was interrupted after the file was complete), then the node's manifest, last, so a manifest never
 * names a missing object. Files stream from the snapshot, {@code concurrency} at a time.
 */
public final class NodeBackupUpload {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ObjectStore store;
    private final BackupLayout layout;
    private final FileDigests digests;
    private final int concurrency;
    private final Clock clock;

    public NodeBackupUpload(ObjectStore store, BackupLayout layout, FileDigests digests, int concurrency, Clock clock) {
        this.store = store;
        this.layout = layout;
        this.digests = digests;
        this.concurrency = Math.max(1, concurrency);
        this.clock = clock;
    }

    /** Who the node is, for its manifest. */
    public record Node(
            String clusterName,
            String datacenter,
            String rack,
            String hostId,
            String pod,
            String cassandraVersion,
            List<String> tokens) {
        public Node {
            // A manifest without them could never be restored to the right node.
            if (hostId == null || datacenter == null || rack == null || tokens == null || tokens.isEmpty()) {
                throw new IllegalArgumentException("a node's backup needs its host ID, datacenter, rack and tokens;"
                        + " got host ID " + hostId + ", " + datacenter + "/" + rack + ", tokens " + tokens);
            }
            tokens = List.copyOf(tokens);
        }
    }

    /** What an upload did. */
    public record Result(
            NodeManifest manifest, String manifestKey, long uploadedBytes, long reusedBytes, int uploadedFiles) {}

    public Result upload(String backupId, Node node, List<SnapshotFiles.SnapshotFile> snapshot, Instant startedAt)
            throws IOException, InterruptedException {
        List<BackupFile> files = new ArrayList<>();
        Map<String, SnapshotFiles.SnapshotFile> byDigest = new HashMap<>();
        for (SnapshotFiles.SnapshotFile file : snapshot) {
            String digest = digests.sha256(file.path());
            files.add(new BackupFile(
                    file.keyspace(),
                    file.table(),
                    file.tableId(),
                    file.path().getFileName().toString(),
                    Files.size(file.path()),
                    digest));
            byDigest.putIfAbsent(digest, file);
        }
        AtomicLong uploaded = new AtomicLong();
        AtomicInteger uploadedFiles = new AtomicInteger();
        AtomicLong reused = new AtomicLong();
        Set<String> sent = new HashSet<>();
        List<ParallelFiles.FileTask> work = new ArrayList<>();
        for (BackupFile file : files) {
            if (!sent.add(file.sha256())) {
                reused.addAndGet(file.size()); // the same content again in this backup
                continue;
            }
            work.add(() -> {
                String key = layout.blob(file.sha256());
                if (store.exists(key)) {
                    reused.addAndGet(file.size());
                } else {
                    store.put(key, byDigest.get(file.sha256()).path());
                    uploaded.addAndGet(file.size());
                    uploadedFiles.incrementAndGet();
                }
            });
        }
        ParallelFiles.run(concurrency, "backup-upload", work);
        NodeManifest manifest = new NodeManifest(
                NodeManifest.FORMAT,
                backupId,
                node.clusterName(),
                node.datacenter(),
                node.rack(),
                node.hostId(),
                node.pod(),
                node.cassandraVersion(),
                node.tokens(),
                startedAt,
                clock.instant(),
                files);
        byte[] json = JSON.writeValueAsBytes(manifest);
        String key = layout.manifest(backupId, node.datacenter(), node.rack(), node.hostId());
        store.put(key, json);
        return new Result(manifest, key, uploaded.get() + json.length, reused.get(), uploadedFiles.get());
    }
}
