package dev.cassini.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.contract.backup.BackupIndex;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.model.backup.BackupVerification;
import dev.cassini.operator.BackupStorage;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.StoredObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the bucket itself says about a cluster's backups, read by the CLI with the cluster's own
 * storage settings and credentials: the index entries (one small object per complete backup, so a
 * listing never walks the content) and whether a backup's content is all there.
 */
final class BackupBucket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final BackupStorage storage;
    private final ObjectStore store;

    private BackupBucket(BackupStorage storage) {
        this.storage = storage;
        this.store = new ObjectStore(storage.settings());
    }

    /** The bucket of the cluster's spec.backup.storage; the endpoint must be reachable from here. */
    static BackupBucket of(KubernetesClient client, CassandraCluster cluster) {
        try {
            return new BackupBucket(BackupStorage.of(client, cluster));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /** A bucket that could not be read, as the command's failure: the store's own words say what to fix. */
    static CommandFailure unreadable(Exception e) {
        return new CommandFailure("could not read the bucket: " + e.getMessage());
    }

    /** Where the cluster's backups are, for people. */
    String location() {
        return "s3://" + storage.settings().bucket() + "/"
                + storage.layout().index().replaceAll("index/$", "");
    }

    /** Every complete backup under the cluster's prefix, oldest first. */
    List<BackupIndex> complete() throws IOException {
        List<BackupIndex> found = new ArrayList<>();
        for (StoredObject object : store.list(storage.layout().index())) {
            if (storage.layout().backupIdOfIndex(object.key()) != null) {
                found.add(JSON.readValue(store.get(object.key()), BackupIndex.class));
            }
        }
        found.sort(Comparator.comparing(BackupIndex::startedAt));
        return found;
    }

    /**
     * Checks every content the backup's manifests list: present, of the right size, and with
     * {@code digests} read back and hashed.
     *
     * @throws CommandFailure when the backup has no index entry (it is not complete, or not here)
     */
    BackupVerification.Result verify(String backupId, boolean digests) throws IOException {
        String indexKey = storage.layout().index(backupId);
        if (!store.exists(indexKey)) {
            throw new CommandFailure("backup " + backupId + " has no index entry in " + location()
                    + ": it is not complete, or not in this cluster's storage (cassini backup list --in-bucket shows"
                    + " what is)");
        }
        BackupIndex index = JSON.readValue(store.get(indexKey), BackupIndex.class);
        List<NodeManifest> manifests = new ArrayList<>();
        for (BackupIndex.Node node : index.nodes()) {
            manifests.add(JSON.readValue(store.get(node.manifest()), NodeManifest.class));
        }
        Map<String, Long> stored = new TreeMap<>();
        for (StoredObject object : store.list(storage.layout().blobs())) {
            String digest = storage.layout().digestOfBlob(object.key());
            if (digest != null) {
                stored.put(digest, object.size());
            }
        }
        List<String> mismatches = new ArrayList<>();
        if (digests) {
            Path scratch = Files.createTempDirectory("cassini-verify");
            try {
                for (NodeManifest manifest : manifests) {
                    for (var file : manifest.files()) {
                        String digest = file.sha256();
                        if (stored.containsKey(digest) && !mismatches.contains(digest) && !hashed(digest, scratch)) {
                            mismatches.add(digest);
                        }
                    }
                }
            } finally {
                try (var files = Files.list(scratch)) {
                    for (Path leftover : files.toList()) {
                        Files.deleteIfExists(leftover);
                    }
                }
                Files.deleteIfExists(scratch);
            }
        }
        return BackupVerification.check(manifests, stored, mismatches);
    }

    /** Downloads one blob (to disk: memory stays bounded whatever its size) and compares its SHA-256 with its name. */
    private boolean hashed(String digest, Path scratch) throws IOException {
        Path copy = scratch.resolve(digest);
        if (Files.exists(copy)) {
            return true; // the same content, read already for another file
        }
        store.get(storage.layout().blob(digest), copy);
        try (InputStream in = Files.newInputStream(copy)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            boolean same = HexFormat.of().formatHex(sha.digest()).equals(digest);
            Files.write(copy, new byte[0]); // remembered as read, without keeping its bytes
            return same;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
