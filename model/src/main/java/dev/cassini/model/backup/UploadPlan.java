package dev.cassini.model.backup;

import dev.cassini.contract.backup.BackupFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a node's files a backup must upload: only content the store does not have yet, and each
 * content once, however many files share it. Everything else is reused, which is what makes a
 * second backup of unchanged data cost only its manifests.
 *
 * @param uploads one file per digest the store lacks, in the order the files came
 * @param uploadBytes the bytes those uploads move
 * @param reusedBytes the bytes of every other file, which the store already has (or gets once here)
 */
public record UploadPlan(List<BackupFile> uploads, long uploadBytes, long reusedBytes) {
    public UploadPlan {
        uploads = List.copyOf(uploads);
    }

    /**
     * @param files every file of the node's backup
     * @param present the digests whose blobs the store has
     */
    public static UploadPlan of(List<BackupFile> files, Set<String> present) {
        Map<String, BackupFile> missing = new LinkedHashMap<>();
        long total = 0;
        for (BackupFile file : files) {
            total += file.size();
            if (!present.contains(file.sha256())) {
                missing.putIfAbsent(file.sha256(), file);
            }
        }
        List<BackupFile> uploads = new ArrayList<>(missing.values());
        long uploadBytes = uploads.stream().mapToLong(BackupFile::size).sum();
        return new UploadPlan(uploads, uploadBytes, total - uploadBytes);
    }
}
