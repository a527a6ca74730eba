package dev.cassini.agent.backup;

import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.store.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads a node's backed-up files into its staging directory, laid out as Cassandra's data
 * directory is ({@code <keyspace>/<table>-<table id>/<file>}), on the same volume as the data, so
 * the import that follows moves the files into the tables instead of copying them: the restore
 * needs the restored data's size in free disk once, not twice.
 *
 * <p>Every file is checked against the digest its manifest gives before it counts as staged. A
 * download that was interrupted resumes: a staged file of the right size and digest is kept.
 */
public final class NodeRestoreDownload {
    private final ObjectStore store;
    private final BackupLayout layout;
    private final int concurrency;

    public NodeRestoreDownload(ObjectStore store, BackupLayout layout, int concurrency) {
        this.store = store;
        this.layout = layout;
        this.concurrency = Math.max(1, concurrency);
    }

    /** What a download did: bytes fetched now, and bytes an earlier attempt had staged already. */
    public record Result(int files, long totalBytes, long downloadedBytes, long stagedBytes) {}

    /** Bytes still to download into {@code staging}: what the disk must have free. */
    public static long missingBytes(List<BackupFile> files, Path staging) throws IOException {
        long missing = 0;
        for (BackupFile file : files) {
            Path target = staging.resolve(file.relativePath());
            if (!Files.isRegularFile(target) || Files.size(target) != file.size()) {
                missing += file.size();
            }
        }
        return missing;
    }

    public Result download(List<BackupFile> files, Path staging, AtomicLong downloaded)
            throws IOException, InterruptedException {
        AtomicLong staged = new AtomicLong();
        List<ParallelFiles.FileTask> work = new ArrayList<>();
        for (BackupFile file : files) {
            work.add(() -> {
                Path target = staging.resolve(file.relativePath());
                if (isStaged(file, target)) {
                    staged.addAndGet(file.size());
                    return;
                }
                Files.createDirectories(target.getParent());
                store.get(layout.blob(file.sha256()), target);
                String digest = FileDigests.compute(target);
                if (!digest.equals(file.sha256())) {
                    Files.deleteIfExists(target);
                    throw new IOException("object " + layout.blob(file.sha256()) + " for " + file.relativePath()
                            + " has other content (SHA-256 " + digest + "): the backup is damaged; "
                            + "restore another backup");
                }
                downloaded.addAndGet(file.size());
            });
        }
        ParallelFiles.run(concurrency, "restore-download", work);
        long total = files.stream().mapToLong(BackupFile::size).sum();
        return new Result(files.size(), total, downloaded.get(), staged.get());
    }

    private static boolean isStaged(BackupFile file, Path target) throws IOException {
        return Files.isRegularFile(target)
                && Files.size(target) == file.size()
                && FileDigests.compute(target).equals(file.sha256());
    }
}
