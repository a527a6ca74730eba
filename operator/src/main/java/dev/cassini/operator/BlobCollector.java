package dev.cassini.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.contract.backup.BackupIndex;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.model.backup.BlobGarbage;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.StoredObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The store side of backup garbage: which blobs under a cluster's prefix no complete backup
 * references (every backup with an index entry counts, also those whose resource is gone with
 * deletionPolicy Retain), deleting them, and checking that a backup's blobs are all there before
 * its index makes it complete. The decision is {@link BlobGarbage}'s.
 */
final class BlobCollector {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final ObjectStore store;
    private final BackupLayout layout;

    BlobCollector(ObjectStore store, BackupLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /** What a collection deleted. */
    record Collected(int blobs, long bytes) {}

    /** Deletes every blob no complete backup references; nothing while {@code backupRunning}. */
    Collected collect(boolean backupRunning) throws IOException {
        if (backupRunning) {
            return new Collected(0, 0);
        }
        List<NodeManifest> kept = new ArrayList<>();
        for (StoredObject entry : store.list(layout.index())) {
            if (layout.backupIdOfIndex(entry.key()) == null) {
                continue;
            }
            BackupIndex index = JSON.readValue(store.get(entry.key()), BackupIndex.class);
            for (BackupIndex.Node node : index.nodes()) {
                kept.add(JSON.readValue(store.get(node.manifest()), NodeManifest.class));
            }
        }
        Map<String, Long> sizes = new HashMap<>();
        for (StoredObject blob : store.list(layout.blobs())) {
            String digest = layout.digestOfBlob(blob.key());
            if (digest != null) {
                sizes.put(digest, blob.size());
            }
        }
        List<String> garbage = BlobGarbage.unreferenced(sizes.keySet(), kept, false);
        long bytes = 0;
        for (String digest : garbage) {
            store.delete(layout.blob(digest));
            bytes += sizes.get(digest);
        }
        return new Collected(garbage.size(), bytes);
    }

    /**
     * The digests the manifests list that the store does not hold: a collection that ran while the
     * backup uploaded may have deleted content the backup found present and did not upload again.
     */
    Set<String> missingBlobs(List<NodeManifest> manifests) {
        Set<String> present = store.list(layout.blobs()).stream()
                .map(blob -> layout.digestOfBlob(blob.key()))
                .collect(Collectors.toSet());
        return manifests.stream()
                .flatMap(m -> m.files().stream())
                .map(f -> f.sha256())
                .filter(d -> !present.contains(d))
                .collect(Collectors.toSet());
    }
}
