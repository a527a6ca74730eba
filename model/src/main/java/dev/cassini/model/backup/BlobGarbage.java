package dev.cassini.model.backup;

import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.NodeManifest;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which blobs no kept backup needs any more: those no remaining manifest lists. Nothing is
 * collected while a backup runs: it may have uploaded blobs it has not listed yet, and it counts on
 * every blob it found present staying there. So collection and backups of one store never overlap;
 * the operator runs one only while the other does not.
 */
public final class BlobGarbage {
    private BlobGarbage() {}

    /**
     * @param blobs the digest of every blob in the store
     * @param kept the manifests of every backup that stays
     * @param backupRunning whether a backup to this store runs now
     * @return the digests to delete
     */
    public static List<String> unreferenced(
            Collection<String> blobs, Collection<NodeManifest> kept, boolean backupRunning) {
        if (backupRunning) {
            return List.of();
        }
        Set<String> referenced = new HashSet<>();
        for (NodeManifest manifest : kept) {
            manifest.files().stream().map(BackupFile::sha256).forEach(referenced::add);
        }
        return blobs.stream().filter(b -> !referenced.contains(b)).distinct().toList();
    }
}
