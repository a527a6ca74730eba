package dev.cassini.contract.backup;

import java.time.Instant;
import java.util.List;

/**
 * What one node contributed to a backup: who it was in the ring, and every file with its digest.
 * The agent writes it after every file it lists is in the store, so a manifest that exists never
 * points at a missing object; a node without one has not finished.
 *
 * @param format the document's format version ({@link #FORMAT})
 * @param backupId the backup this belongs to
 * @param clusterName Cassandra's cluster name
 * @param datacenter the node's datacenter
 * @param rack the node's rack
 * @param hostId the node's host ID
 * @param pod the pod the node ran in (for people; restores go by datacenter, rack and tokens)
 * @param cassandraVersion the Cassandra version that wrote the files
 * @param tokens the node's tokens as decimal strings: a restore into the same shape starts each node with them
 * @param startedAt when the snapshot was taken
 * @param finishedAt when the last file was in the store
 * @param files every file, each once
 */
public record NodeManifest(
        int format,
        String backupId,
        String clusterName,
        String datacenter,
        String rack,
        String hostId,
        String pod,
        String cassandraVersion,
        List<String> tokens,
        Instant startedAt,
        Instant finishedAt,
        List<BackupFile> files) {
    /** The format this build writes; readers accept it and every earlier one. */
    public static final int FORMAT = 1;

    public NodeManifest {
        BackupLayout.requireBackupId(backupId);
        tokens = List.copyOf(tokens);
        files = List.copyOf(files);
    }

    /** The bytes of data this node's backup holds (each file counted, shared or not). */
    public long totalBytes() {
        return files.stream().mapToLong(BackupFile::size).sum();
    }
}
