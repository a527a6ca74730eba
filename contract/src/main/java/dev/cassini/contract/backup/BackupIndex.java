package dev.cassini.contract.backup;

import java.time.Instant;
import java.util.List;

/**
 * A whole backup, written once every node's manifest is in the store: its presence is what makes
 * a backup complete, and listing backups reads these small documents only, never the blobs.
 *
 * @param format the document's format version ({@link NodeManifest#FORMAT})
 * @param backupId the backup's id
 * @param clusterName Cassandra's cluster name
 * @param startedAt when the first snapshot was taken
 * @param finishedAt when the last manifest was written
 * @param nodes one entry per node, in datacenter and rack order
 * @param totalBytes the data the backup holds, every node's files counted
 * @param uploadedBytes what this backup wrote to the store: new blobs, manifests and schema
 * @param reusedBytes data it did not write because the store already had the content
 */
public record BackupIndex(
        int format,
        String backupId,
        String clusterName,
        Instant startedAt,
        Instant finishedAt,
        List<Node> nodes,
        long totalBytes,
        long uploadedBytes,
        long reusedBytes) {
    public BackupIndex {
        BackupLayout.requireBackupId(backupId);
        nodes = List.copyOf(nodes);
    }

    /**
     * One node of the backup and where its manifest is.
     *
     * @param datacenter the node's datacenter
     * @param rack its rack
     * @param hostId its host ID
     * @param manifest the key of its {@link NodeManifest}
     * @param files how many files it backed up
     * @param bytes their total size
     */
    public record Node(String datacenter, String rack, String hostId, String manifest, int files, long bytes) {}
}
