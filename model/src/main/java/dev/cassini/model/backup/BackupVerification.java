package dev.cassini.model.backup;

import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.NodeManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a backup can be restored as its manifests say: every file's content in the store, of the
 * size the manifest gives (and, when the caller read them, of the digest it is named by). Content
 * shared by several files is checked once. Pure: the caller lists the store and reads the blobs.
 */
public final class BackupVerification {
    private BackupVerification() {}

    /**
     * The outcome.
     *
     * @param files the files the manifests list
     * @param blobs the distinct contents they refer to
     * @param bytes the size of those contents, each counted once
     * @param problems one line per content that is missing or wrong, naming a file that needs it
     */
    public record Result(int files, int blobs, long bytes, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /**
     * @param stored the size of every blob in the store, by digest
     * @param digestMismatches digests whose content was read and hashed to something else (empty
     *     when contents were not read)
     */
    public static Result check(List<NodeManifest> manifests, Map<String, Long> stored, List<String> digestMismatches) {
        Map<String, BackupFile> byDigest = new TreeMap<>();
        int files = 0;
        for (NodeManifest manifest : manifests) {
            for (BackupFile file : manifest.files()) {
                files++;
                byDigest.putIfAbsent(file.sha256(), file);
            }
        }
        List<String> problems = new ArrayList<>();
        long bytes = 0;
        for (Map.Entry<String, BackupFile> entry : byDigest.entrySet()) {
            BackupFile file = entry.getValue();
            bytes += file.size();
            Long size = stored.get(entry.getKey());
            String which = file.keyspace() + "." + file.table() + "/" + file.name();
            if (size == null) {
                problems.add("missing: " + entry.getKey() + " (" + which + ", " + file.size() + " bytes)");
            } else if (size != file.size()) {
                problems.add(
                        "wrong size: " + entry.getKey() + " (" + which + ") is " + size + " bytes, not " + file.size());
            } else if (digestMismatches.contains(entry.getKey())) {
                problems.add("damaged: " + entry.getKey() + " (" + which + ") does not hash to its name");
            }
        }
        return new Result(files, byDigest.size(), bytes, problems);
    }
}
