package dev.cassini.agent;

import dev.cassini.contract.DataDisk;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Measures the data volume for the node report's {@link DataDisk}. */
final class DataVolume {
    private DataVolume() {}

    /** The volume holding {@code root}; null if it cannot be read (the report is still served). */
    static DataDisk measure(Path root, Long loadBytes) {
        try {
            FileStore store = Files.getFileStore(root);
            return new DataDisk(loadBytes, store.getUsableSpace(), store.getTotalSpace());
        } catch (IOException e) {
            return null;
        }
    }
}
