package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/** {@code cassini backup list}: one row a backup, oldest first, so the newest is next to the prompt. */
final class BackupTable {
    private BackupTable() {}

    static String render(List<CassandraBackup> backups, Instant now, ZoneId zone) {
        TextTable table = new TextTable("NAME", "CLUSTER", "STATUS", "SIZE", "UPLOADED", "STARTED", "DURATION");
        backups.stream().sorted(BY_CREATION).forEach(backup -> {
            CassandraBackupStatus status =
                    backup.getStatus() == null ? new CassandraBackupStatus() : backup.getStatus();
            table.row(
                    backup.getMetadata().getName(),
                    backup.getSpec() == null
                            ? HumanUnits.UNKNOWN
                            : backup.getSpec().getCluster(),
                    status.getPhase() == null ? HumanUnits.UNKNOWN : status.getPhase(),
                    HumanUnits.bytes(status.getTotalBytes()),
                    HumanUnits.bytes(status.getUploadedBytes()),
                    HumanUnits.time(status.getStartTime(), zone),
                    HumanUnits.elapsed(status.getStartTime(), status.getCompletionTime(), now));
        });
        return table.render();
    }

    /** Creation time, then name: backups created in the same second still list in a stable order. */
    static final Comparator<CassandraBackup> BY_CREATION = Comparator.comparing((CassandraBackup b) -> {
                Instant created = HumanUnits.instant(b.getMetadata().getCreationTimestamp());
                return created == null ? Instant.MAX : created;
            })
            .thenComparing(b -> b.getMetadata().getName());
}
