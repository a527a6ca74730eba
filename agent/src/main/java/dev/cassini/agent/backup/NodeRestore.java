package dev.cassini.agent.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.agent.jobs.Job;
import dev.cassini.agent.node.CassandraNode;
import dev.cassini.contract.RestoreRequest;
import dev.cassini.contract.RestoreStep;
import dev.cassini.contract.RestoreStreams;
import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.contract.backup.TableSelection;
import dev.cassini.store.ObjectStore;
import dev.cassini.store.ObjectStoreSettings;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One step of restoring tables of a node manifest onto this node, in place, while the node keeps
 * serving every other table (see {@link RestoreStep}). Files are staged under {@code
 * <staging>/<restore id>/}, one restore at a time: staging left by an earlier restore that never
 * imported is removed when the next one starts downloading.
 */
public final class NodeRestore {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final CassandraNode node;
    private final Path stagingRoot;
    private final TableStreamer streamer;

    /**
     * @param streamer runs the loader for the stream step; absent where it cannot run (a node
     *     without its Cassandra distribution), and a stream step is then refused
     */
    public NodeRestore(CassandraNode node, Path stagingRoot, TableStreamer streamer) {
        this.node = node;
        this.stagingRoot = stagingRoot;
        this.streamer = streamer;
    }

    /**
     * What one restore asks of this node, the same for every step.
     *
     * @param streams where the stream step sends the files; null for the other steps
     */
    public record Order(
            String restoreId,
            String manifestKey,
            ObjectStoreSettings storage,
            BackupLayout layout,
            TableSelection selection,
            RestoreStreams streams) {}

    public String run(Job job, RestoreStep step, Order order) throws IOException, InterruptedException {
        try (ObjectStore store = new ObjectStore(order.storage())) {
            NodeManifest manifest = readManifest(store, order);
            // Single tables named explicitly are restored (emptied) even when this node holds no file of
            // theirs: the operator names every table of the restore, and another node may hold the data.
            java.util.Set<String> chosen =
                    new java.util.LinkedHashSet<>(order.selection().tablesOf(manifest));
            chosen.addAll(order.selection().tables());
            List<String> tables = List.copyOf(chosen);
            Path staging = stagingRoot.resolve(order.restoreId());
            return switch (step) {
                case DOWNLOAD -> download(job, store, order, manifest, tables, staging);
                case TRUNCATE -> truncate(job, tables);
                case IMPORT -> importStaged(job, tables, manifest, order.selection(), staging);
                case STREAM -> stream(job, store, order, manifest, staging);
            };
        }
    }

    private static NodeManifest readManifest(ObjectStore store, Order order) throws IOException {
        String key = order.manifestKey();
        if (!store.exists(key)) {
            throw new IllegalArgumentException("the backup has no manifest " + key + " in bucket "
                    + order.storage().bucket() + ": it is incomplete, deleted, or in another bucket or prefix");
        }
        return JSON.readValue(store.get(key), NodeManifest.class);
    }

    private String download(
            Job job, ObjectStore store, Order order, NodeManifest manifest, List<String> tables, Path staging)
            throws IOException, InterruptedException {
        for (String table : tables) {
            String[] parts = table.split("\\.", 2);
            if (!node.tableExists(parts[0], parts[1])) {
                throw new IllegalArgumentException("table " + table + " does not exist in the cluster; create it "
                        + "first (its schema is in the backup's schema.cql files) and restore again");
            }
        }
        removeOtherRestores(order.restoreId());
        List<BackupFile> files = order.selection().filesOf(manifest);
        long total = files.stream().mapToLong(BackupFile::size).sum();
        Files.createDirectories(staging);
        long needed = NodeRestoreDownload.missingBytes(files, staging);
        FileStore disk = Files.getFileStore(staging);
        long free = disk.getUsableSpace();
        if (needed > free) {
            deleteTree(staging);
            throw new IllegalStateException("not enough disk to restore: the files need " + needed
                    + " bytes, the data volume has " + free + " bytes free of " + disk.getTotalSpace()
                    + "; grow the datacenter's storage or restore fewer tables");
        }
        job.record(RestoreRequest.FILES, files.size());
        job.record(RestoreRequest.TOTAL_BYTES, total);
        AtomicLong downloaded = new AtomicLong();
        job.reportProgressWith(() -> {
            job.record(RestoreRequest.DOWNLOADED_BYTES, downloaded.get());
            return downloaded.get() + " of " + total + " bytes downloaded";
        });
        NodeRestoreDownload.Result result = new NodeRestoreDownload(
                        store, order.layout(), order.storage().concurrency())
                .download(files, staging, downloaded);
        job.record(RestoreRequest.DOWNLOADED_BYTES, result.downloadedBytes());
        job.record(RestoreRequest.STAGED_BYTES, result.stagedBytes());
        return "staged " + result.files() + " files of " + tables.size() + " tables (" + total + " bytes; "
                + result.downloadedBytes() + " downloaded, " + result.stagedBytes() + " already staged)";
    }

    private String truncate(Job job, List<String> tables) throws IOException {
        List<String> done = new ArrayList<>();
        job.reportProgressWith(() -> done.size() + "/" + tables.size() + " tables truncated");
        for (String table : tables) {
            String[] parts = table.split("\\.", 2);
            node.truncate(parts[0], parts[1]);
            done.add(table);
            job.record(RestoreRequest.TABLES, done.size());
        }
        return "truncated " + String.join(", ", done);
    }

    private String importStaged(
            Job job, List<String> tables, NodeManifest manifest, TableSelection selection, Path staging)
            throws IOException {
        if (!Files.isDirectory(staging)) {
            throw new IllegalStateException(
                    "nothing is staged for this restore at " + staging + "; run its download step first");
        }
        // Each table's staged directories, from one pass over the manifest's files.
        java.util.Map<String, java.util.Set<Path>> directoriesByTable = new java.util.HashMap<>();
        for (BackupFile file : selection.filesOf(manifest)) {
            directoriesByTable
                    .computeIfAbsent(file.keyspace() + "." + file.table(), t -> new java.util.LinkedHashSet<>())
                    .add(staging.resolve(file.relativePath()).getParent());
        }
        List<String> done = new ArrayList<>();
        job.reportProgressWith(() -> done.size() + "/" + tables.size() + " tables imported");
        for (String table : tables) {
            String[] parts = table.split("\\.", 2);
            for (Path directory : directoriesByTable.getOrDefault(table, java.util.Set.of())) {
                if (!Files.isDirectory(directory)) {
                    continue; // imported by an earlier attempt of this step, which then removed it
                }
                List<String> failed = node.importSSTables(parts[0], parts[1], directory.toString());
                if (failed != null && !failed.isEmpty()) {
                    throw new IllegalStateException("Cassandra could not import the staged files of " + table + " from "
                            + failed + "; its system.log says why (the files stay staged)");
                }
                deleteTree(directory);
            }
            done.add(table);
            job.record(RestoreRequest.TABLES, done.size());
        }
        deleteTree(staging);
        return "imported " + String.join(", ", done);
    }

    /**
     * Downloads the manifest's files a table at a time and streams each table's to the nodes the
     * order names, so the staging never holds more than one table of one backed-up node. Tables
     * already streamed by an earlier attempt of this step (listed in a marker file) are skipped.
     */
    private String stream(Job job, ObjectStore store, Order order, NodeManifest manifest, Path staging)
            throws IOException, InterruptedException {
        RestoreStreams streams = order.streams();
        if (streams == null) {
            throw new IllegalArgumentException("a stream step needs streams: the nodes and ranges to send to");
        }
        if (streamer == null) {
            throw new IllegalStateException("this agent cannot run the loader: it has no Cassandra distribution");
        }
        Path own = staging.resolve(
                "stream-" + Integer.toHexString(order.manifestKey().hashCode()));
        Path marker = own.resolveSibling(own.getFileName() + ".streamed");
        java.util.Set<String> streamed =
                new java.util.LinkedHashSet<>(Files.exists(marker) ? Files.readAllLines(marker) : List.of());
        List<BackupFile> files = order.selection().filesOf(manifest);
        long total = files.stream().mapToLong(BackupFile::size).sum();
        job.record(RestoreRequest.FILES, files.size());
        job.record(RestoreRequest.TOTAL_BYTES, total);
        AtomicLong downloaded = new AtomicLong();
        AtomicLong sentBefore = new AtomicLong();
        AtomicLong sentNow = new AtomicLong();
        job.reportProgressWith(() -> {
            job.record(RestoreRequest.DOWNLOADED_BYTES, downloaded.get());
            job.record(RestoreRequest.STREAMED_BYTES, sentBefore.get() + sentNow.get());
            return streamed.size() + "/" + streams.tables().size() + " tables streamed; "
                    + (sentBefore.get() + sentNow.get()) + " bytes sent";
        });
        for (RestoreStreams.Table table : streams.tables()) {
            if (streamed.contains(table.qualified())) {
                continue;
            }
            List<BackupFile> ofTable = files.stream()
                    .filter(f ->
                            f.keyspace().equals(table.keyspace()) && f.table().equals(table.name()))
                    .toList();
            List<RestoreStreams.Target> targets = streams.targets().getOrDefault(table.keyspace(), List.of());
            if (!ofTable.isEmpty() && !targets.isEmpty()) {
                deleteTree(own);
                Files.createDirectories(own);
                long needed = ofTable.stream().mapToLong(BackupFile::size).sum();
                FileStore disk = Files.getFileStore(own);
                if (needed > disk.getUsableSpace()) {
                    throw new IllegalStateException("not enough disk to stage " + table.qualified() + " for streaming: "
                            + "its files need " + needed + " bytes, the data volume has " + disk.getUsableSpace()
                            + " bytes free; grow the datacenter's storage or restore fewer tables");
                }
                new NodeRestoreDownload(store, order.layout(), order.storage().concurrency())
                        .download(ofTable, own, downloaded);
                // One directory per table ID the backed-up node had (a table dropped and created again has two).
                java.util.Set<Path> directories = new java.util.LinkedHashSet<>();
                ofTable.forEach(
                        f -> directories.add(own.resolve(f.relativePath()).getParent()));
                for (Path directory : directories) {
                    sentNow.set(0);
                    long sent = streamer.stream(directory, table, targets, sentNow::set);
                    sentNow.set(0);
                    sentBefore.addAndGet(sent);
                }
                deleteTree(own);
            }
            streamed.add(table.qualified());
            Files.write(marker, streamed);
            job.record(RestoreRequest.TABLES, streamed.size());
        }
        job.record(RestoreRequest.DOWNLOADED_BYTES, downloaded.get());
        job.record(RestoreRequest.STREAMED_BYTES, sentBefore.get());
        return "streamed " + streamed.size() + (streamed.size() == 1 ? " table of " : " tables of ")
                + order.manifestKey() + " (" + total + " bytes of files, " + sentBefore.get() + " bytes sent)";
    }

    private void removeOtherRestores(String restoreId) throws IOException {
        if (!Files.isDirectory(stagingRoot)) {
            return;
        }
        try (Stream<Path> restores = Files.list(stagingRoot)) {
            for (Path other : restores.toList()) {
                if (!other.getFileName().toString().equals(restoreId)) {
                    deleteTree(other);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
