package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupSpec;
import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import dev.cassini.api.v1alpha1.NodeBackupStatus;
import java.time.Instant;
import java.time.ZoneId;

/** {@code cassini backup describe}: what was asked, how it went, where it is, and each node's part. */
final class BackupDescription {
    /** The keyspaces a backup without keyspaces or tables leaves out, as the operator does: they are per node. */
    static final String NODE_LOCAL_KEYSPACES = "system, system_views, system_virtual_schema";

    private BackupDescription() {}

    static String render(CassandraBackup backup, Instant now, ZoneId zone) {
        CassandraBackupSpec spec = backup.getSpec() == null ? new CassandraBackupSpec() : backup.getSpec();
        CassandraBackupStatus status = backup.getStatus() == null ? new CassandraBackupStatus() : backup.getStatus();
        DescriptionText out = new DescriptionText()
                .field("Name", backup.getMetadata().getName())
                .field("Namespace", backup.getMetadata().getNamespace())
                .field("Cluster", spec.getCluster())
                .field(
                        "Datacenters",
                        DescriptionText.isEmpty(spec.getDatacenters())
                                ? "all"
                                : String.join(", ", spec.getDatacenters()))
                .field("Keyspaces", keyspaces(spec));
        if (!DescriptionText.isEmpty(spec.getTables())) {
            out.field("Tables", String.join(", ", spec.getTables()));
        }
        out.field("Deletion policy", deletionPolicy(spec.getDeletionPolicy()))
                .field("Created", HumanUnits.time(backup.getMetadata().getCreationTimestamp(), zone))
                .blankLine()
                .field("Status", status.getPhase() == null ? "not taken up by the operator yet" : status.getPhase());
        if (status.getMessage() != null) {
            out.field("Message", status.getMessage());
        }
        out.field("Location", status.getLocation())
                .field("Started", HumanUnits.time(status.getStartTime(), zone))
                .field(
                        "Completed",
                        DescriptionText.completed(status.getStartTime(), status.getCompletionTime(), now, zone))
                .field("Size", HumanUnits.bytes(status.getTotalBytes()) + " of data")
                .field("Uploaded", HumanUnits.bytes(status.getUploadedBytes()) + " (new content, manifests, index)")
                .field("Reused", HumanUnits.bytes(status.getReusedBytes()) + " (content the bucket already held)");
        TextTable nodes =
                new TextTable("POD", "DATACENTER", "RACK", "STATE", "FILES", "SIZE", "UPLOADED", "REUSED", "MESSAGE");
        if (status.getNodes() != null) {
            for (NodeBackupStatus node : status.getNodes()) {
                nodes.row(
                        node.getPod(),
                        DescriptionText.orUnknown(node.getDatacenter()),
                        DescriptionText.orUnknown(node.getRack()),
                        DescriptionText.orUnknown(node.getState()),
                        DescriptionText.count(node.getFiles()),
                        HumanUnits.bytes(node.getTotalBytes()),
                        HumanUnits.bytes(node.getUploadedBytes()),
                        HumanUnits.bytes(node.getReusedBytes()),
                        DescriptionText.orUnknown(node.getMessage()));
            }
        }
        return out.table("Nodes", nodes)
                .table("Conditions", DescriptionText.conditions(status.getConditions(), zone))
                .toString();
    }

    /** What deleting the resource does to the bucket: an SRE deciding whether to delete needs exactly this. */
    static String deletionPolicy(DeletionPolicy policy) {
        return policy == DeletionPolicy.Retain
                ? "Retain (deleting the resource leaves the backup in the bucket)"
                : "Delete (deleting the resource deletes the backup's index entry and manifests from the bucket)";
    }

    private static String keyspaces(CassandraBackupSpec spec) {
        if (!DescriptionText.isEmpty(spec.getKeyspaces())) {
            return String.join(", ", spec.getKeyspaces());
        }
        return DescriptionText.isEmpty(spec.getTables()) ? "all but " + NODE_LOCAL_KEYSPACES : "only the tables below";
    }
}
