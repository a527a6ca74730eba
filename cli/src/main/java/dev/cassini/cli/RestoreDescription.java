package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreSpec;
import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import dev.cassini.api.v1alpha1.NodeRestoreStatus;
import java.time.Instant;
import java.time.ZoneId;

/** {@code cassini restore describe}: what was asked, which step it is at, what the tables are like, each node's part. */
final class RestoreDescription {
    private RestoreDescription() {}

    static String render(CassandraRestore restore, Instant now, ZoneId zone) {
        CassandraRestoreSpec spec = restore.getSpec() == null ? new CassandraRestoreSpec() : restore.getSpec();
        CassandraRestoreStatus status =
                restore.getStatus() == null ? new CassandraRestoreStatus() : restore.getStatus();
        DescriptionText out = new DescriptionText()
                .field("Name", restore.getMetadata().getName())
                .field("Namespace", restore.getMetadata().getNamespace())
                .field("Cluster", spec.getCluster())
                .field("Backup", backupOf(spec))
                .field("Keyspaces", keyspaces(spec));
        if (!DescriptionText.isEmpty(spec.getTables())) {
            out.field("Tables", String.join(", ", spec.getTables()));
        }
        out.field("Created", HumanUnits.time(restore.getMetadata().getCreationTimestamp(), zone))
                .blankLine()
                .field("Status", status.getPhase() == null ? "not taken up by the operator yet" : status.getPhase())
                .field("Step", status.getStep() == null ? null : RestoreProgressLines.step(status.getStep()));
        if (status.getMethod() != null) {
            out.field("Method", method(status));
        }
        if (status.getMessage() != null) {
            out.field("Message", status.getMessage());
        }
        out.field(
                        "Restoring",
                        DescriptionText.isEmpty(status.getTables()) ? null : String.join(", ", status.getTables()))
                .field("Started", HumanUnits.time(status.getStartTime(), zone))
                .field(
                        "Completed",
                        DescriptionText.completed(status.getStartTime(), status.getCompletionTime(), now, zone))
                .field("Size", HumanUnits.bytes(status.getTotalBytes()) + " of data")
                .field("Downloaded", HumanUnits.bytes(status.getDownloadedBytes()));
        if (status.getStreamedBytes() != null) {
            out.field("Streamed", HumanUnits.bytes(status.getStreamedBytes()));
        }
        TextTable nodes = new TextTable("POD", "STATE", "FILES", "DOWNLOADED", "MESSAGE");
        if (status.getNodes() != null) {
            for (NodeRestoreStatus node : status.getNodes()) {
                nodes.row(
                        node.getPod(),
                        DescriptionText.orUnknown(node.getState()),
                        DescriptionText.count(node.getFiles()),
                        node.getTotalBytes() == null
                                ? HumanUnits.UNKNOWN
                                : HumanUnits.bytes(node.getDownloadedBytes() == null ? 0L : node.getDownloadedBytes())
                                        + " of " + HumanUnits.bytes(node.getTotalBytes()),
                        DescriptionText.orUnknown(node.getMessage()));
            }
        }
        return out.table("Nodes", nodes)
                .table("Conditions", DescriptionText.conditions(status.getConditions(), zone))
                .toString();
    }

    /** How the files go in, and whether a repair should follow. */
    static String method(dev.cassini.api.v1alpha1.CassandraRestoreStatus status) {
        if (status.getMethod() == null) {
            return null;
        }
        if (!"Stream".equals(status.getMethod())) {
            return "in place (each node imports the files of the backed-up node whose tokens it owns)";
        }
        return "streamed (the cluster's shape differs from the backup's: each backed-up node's files go to the nodes"
                + " that replicate them now)"
                + (Boolean.TRUE.equals(status.getRepairAdvised())
                        ? "; a repair of the restored tables is advised once it is done"
                        : "");
    }

    /** What a spec without keyspaces restores, as the operator reads it. */
    static String keyspaces(CassandraRestoreSpec spec) {
        if (!DescriptionText.isEmpty(spec.getKeyspaces())) {
            return String.join(", ", spec.getKeyspaces());
        }
        return DescriptionText.isEmpty(spec.getTables())
                ? "every user keyspace in the backup (system_auth and the like only when named)"
                : "only the tables below";
    }

    /** The backup a restore reads: its CassandraBackup's name, or where in a bucket its source is. */
    static String backupOf(CassandraRestoreSpec spec) {
        if (spec == null) {
            return HumanUnits.UNKNOWN;
        }
        if (spec.getBackup() != null) {
            return spec.getBackup();
        }
        if (spec.getSource() == null) {
            return HumanUnits.UNKNOWN;
        }
        var source = spec.getSource();
        return source.getBackupId() + " (in "
                + (source.getBucket() == null ? "the cluster's bucket" : source.getBucket())
                + (source.getPrefix() == null ? "" : ", under " + source.getPrefix()) + ")";
    }
}
