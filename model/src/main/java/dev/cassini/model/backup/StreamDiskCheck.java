package dev.cassini.model.backup;

import dev.cassini.contract.backup.BackupFile;
import dev.cassini.contract.backup.NodeManifest;
import dev.cassini.model.plan.DiskUsage;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether a restore that streams fits on the cluster's disks, checked before its tables are
 * truncated: each node receives its share of the backup and, while it streams a backed-up node's
 * files, holds one table of them in staging. A node short of disk fails the restore up front, with
 * the figures, instead of half way with its tables emptied.
 */
public final class StreamDiskCheck {
    private StreamDiskCheck() {}

    /**
     * One node of the cluster.
     *
     * @param pod its pod
     * @param freeBytes what its data volume can still take
     * @param receivedBytes what the restore streams to it
     * @param stagedBytes the most it stages at once: the largest table of a backed-up node it streams
     */
    public record Node(String pod, long freeBytes, long receivedBytes, long stagedBytes) {
        long neededBytes() {
            return receivedBytes + stagedBytes;
        }
    }

    /** Why the restore does not fit, naming every node short of disk; empty when it fits. */
    public static Optional<String> refusal(List<Node> nodes) {
        List<Node> shortOfDisk =
                nodes.stream().filter(n -> n.neededBytes() > n.freeBytes()).toList();
        if (shortOfDisk.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("not enough disk: "
                + shortOfDisk.stream()
                        .map(n -> n.pod() + " would receive " + DiskUsage.format(n.receivedBytes())
                                + " and stage up to "
                                + DiskUsage.format(n.stagedBytes()) + " but has " + DiskUsage.format(n.freeBytes())
                                + " free")
                        .collect(Collectors.joining("; "))
                + ". Grow the datacenter's storage (spec.datacenters[].storage.size) or restore fewer tables; nothing"
                + " was truncated");
    }

    /** The largest of the chosen tables in one backed-up node's files: what streaming it stages at once. */
    public static long largestTable(NodeManifest manifest, Collection<String> tables) {
        Map<String, Long> bytes = new TreeMap<>();
        for (BackupFile file : manifest.files()) {
            String table = file.keyspace() + "." + file.table();
            if (tables.contains(table)) {
                bytes.merge(table, file.size(), Long::sum);
            }
        }
        return bytes.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
