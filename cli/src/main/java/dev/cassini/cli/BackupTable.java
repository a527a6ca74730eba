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
}
