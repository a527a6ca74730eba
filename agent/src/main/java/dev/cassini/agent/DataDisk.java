package dev.cassini.agent;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data volume's space as the operator needs it to decide whether the other nodes can take a
 * leaving node's data: Cassandra's live data on this node and the volume's free and total bytes.
 *
 * @param loadBytes live SSTable bytes (nodetool's Load); null while Cassandra does not run
 * @param freeBytes bytes Cassandra can still write on the data volume
 * @param totalBytes the data volume's size
 */
public record DataDisk(Long loadBytes, long freeBytes, long totalBytes) {

    /** The volume holding {@code root}; null if it cannot be read (the status is still served). */
    static DataDisk of(Path root, Long loadBytes) {
        try {
            FileStore store = Files.getFileStore(root);
            return new DataDisk(loadBytes, store.getUsableSpace(), store.getTotalSpace());
        } catch (IOException e) {
            return null;
        }
    }
}
