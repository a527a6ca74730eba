package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupSpec;
import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import dev.cassini.api.v1alpha1.NodeBackupStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** {@code cassini backup describe}: what was asked, how it went, where it is, and each node's part. */
final class BackupDescription {
    /** The keyspaces a backup without keyspaces or tables leaves out, as the operator does: they are per node. */
    static final String NODE_LOCAL_KEYSPACES = "system, system_views, system_virtual_schema";

    private BackupDescription() {}

    static String render(CassandraBackup backup, Instant now, ZoneId zone) {
        CassandraBackupSpec spec = backup.getSpec() == null ? new CassandraBackupSpec() : backup.getSpec();
        CassandraBackupStatus status = backup.getStatus() == null ? new CassandraBackupStatus() : backup.getStatus();
        StringBuilder out = new StringBuilder();
        field(out, "Name", backup.getMetadata().getName());
        field(out, "Namespace", backup.getMetadata().getNamespace());
        field(out, "Cluster", spec.getCluster());
        field(out, "Datacenters", isEmpty(spec.getDatacenters()) ? "all" : String.join(", ", spec.getDatacenters()));
        field(out, "Keyspaces", keyspaces(spec));
        if (!isEmpty(spec.getTables())) {
            field(out, "Tables", String.join(", ", spec.getTables()));
        }
        field(out, "Deletion policy", deletionPolicy(spec.getDeletionPolicy()));
        field(out, "Created", HumanUnits.time(backup.getMetadata().getCreationTimestamp(), zone));
        out.append('\n');
        field(out, "Status", status.getPhase() == null ? "not taken up by the operator yet" : status.getPhase());
        if (status.getMessage() != null) {
            field(out, "Message", status.getMessage());
        }
        field(out, "Location", status.getLocation());
        field(out, "Started", HumanUnits.time(status.getStartTime(), zone));
        String duration = HumanUnits.elapsed(status.getStartTime(), status.getCompletionTime(), now);
        field(
                out,
                "Completed",
                status.getCompletionTime() == null
                        ? (status.getStartTime() == null ? HumanUnits.UNKNOWN : "not yet (" + duration + " so far)")
                        : HumanUnits.time(status.getCompletionTime(), zone) + " (took " + duration + ")");
        field(out, "Size", HumanUnits.bytes(status.getTotalBytes()) + " of data");
        field(out, "Uploaded", HumanUnits.bytes(status.getUploadedBytes()) + " (new content, manifests, index)");
        field(out, "Reused", HumanUnits.bytes(status.getReusedBytes()) + " (content the bucket already held)");
        if (!isEmpty(status.getNodes())) {
            out.append("\nNodes:\n");
            TextTable nodes = new TextTable(
                    "POD", "DATACENTER", "RACK", "STATE", "FILES", "SIZE", "UPLOADED", "REUSED", "MESSAGE");
            for (NodeBackupStatus node : status.getNodes()) {
                nodes.row(
                        node.getPod(),
                        orUnknown(node.getDatacenter()),
                        orUnknown(node.getRack()),
                        orUnknown(node.getState()),
                        node.getFiles() == null ? HumanUnits.UNKNOWN : String.valueOf(node.getFiles()),
                        HumanUnits.bytes(node.getTotalBytes()),
                        HumanUnits.bytes(node.getUploadedBytes()),
                        HumanUnits.bytes(node.getReusedBytes()),
                        orUnknown(node.getMessage()));
            }
            indent(out, nodes.render());
        }
        if (!isEmpty(status.getConditions())) {
            out.append("\nConditions:\n");
            TextTable conditions = new TextTable("TYPE", "STATUS", "REASON", "SINCE", "MESSAGE");
            for (Condition condition : status.getConditions()) {
                conditions.row(
                        condition.getType(),
                        orUnknown(condition.getStatus()),
                        orUnknown(condition.getReason()),
                        HumanUnits.time(condition.getLastTransitionTime(), zone),
                        orUnknown(condition.getMessage()));
            }
            indent(out, conditions.render());
        }
        return out.toString();
    }

    /** What deleting the resource does to the bucket: an SRE deciding whether to delete needs exactly this. */
    static String deletionPolicy(DeletionPolicy policy) {
        return policy == DeletionPolicy.Retain
                ? "Retain (deleting the resource leaves the backup in the bucket)"
                : "Delete (deleting the resource deletes the backup's index entry and manifests from the bucket)";
    }

    private static String keyspaces(CassandraBackupSpec spec) {
        if (!isEmpty(spec.getKeyspaces())) {
            return String.join(", ", spec.getKeyspaces());
        }
        return isEmpty(spec.getTables()) ? "all but " + NODE_LOCAL_KEYSPACES : "only the tables below";
    }

    private static void field(StringBuilder out, String label, String value) {
        out.append(String.format("%-17s%s", label + ":", value == null ? HumanUnits.UNKNOWN : value))
                .append('\n');
    }

    private static void indent(StringBuilder out, String text) {
        text.lines().forEach(line -> out.append("  ").append(line).append('\n'));
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? HumanUnits.UNKNOWN : value;
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
