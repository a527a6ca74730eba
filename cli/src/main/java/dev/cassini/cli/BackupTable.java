package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** {@code cassini backup list}: one row a backup, oldest first, so the newest is next to the prompt. */
final class BackupTable {
    private BackupTable() {}

    static String render(List<CassandraBackup> backups, Instant now, ZoneId zone) {
        TextTable table = new TextTable("NAME", "CLUSTER", "STATUS", "SIZE", "UPLOADED", "STARTED", "DURATION");
        backups.stream().sorted(JobResource.byCreation()).forEach(backup -> {
            CassandraBackupStatus status =
                    backup.getStatus() == null ? new CassandraBackupStatus() : backup.getStatus();
            table.row(
                    backup.getMetadata().getName(),
                    backup.getSpec() == null
                            ? HumanUnits.UNKNOWN
                            : backup.getSpec().getCluster(),
                    DescriptionText.orUnknown(status.getPhase()),
                    HumanUnits.bytes(status.getTotalBytes()),
                    HumanUnits.bytes(status.getUploadedBytes()),
                    HumanUnits.time(status.getStartTime(), zone),
                    HumanUnits.elapsed(status.getStartTime(), status.getCompletionTime(), now));
        });
        return table.render();
    }

    /** {@code cassini backup list --in-bucket}: one row a complete backup in the bucket, oldest first. */
    static String renderIndex(List<dev.cassini.contract.backup.BackupIndex> backups, ZoneId zone) {
        TextTable table =
                new TextTable("NAME", "CASSANDRA CLUSTER", "NODES", "SIZE", "UPLOADED", "STARTED", "DURATION");
        for (var backup : backups) {
            table.row(
                    backup.backupId(),
                    backup.clusterName(),
                    String.valueOf(backup.nodes().size()),
                    HumanUnits.bytes(backup.totalBytes()),
                    HumanUnits.bytes(backup.uploadedBytes()),
                    HumanUnits.time(backup.startedAt().toString(), zone),
                    HumanUnits.duration(java.time.Duration.between(backup.startedAt(), backup.finishedAt())));
        }
        return table.render();
    }
}
