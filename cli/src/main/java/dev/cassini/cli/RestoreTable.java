package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** {@code cassini restore list}: one row a restore, oldest first, so the newest is next to the prompt. */
final class RestoreTable {
    private RestoreTable() {}

    static String render(List<CassandraRestore> restores, Instant now, ZoneId zone) {
        TextTable table = new TextTable("NAME", "CLUSTER", "BACKUP", "STATUS", "STEP", "SIZE", "STARTED", "DURATION");
        restores.stream().sorted(JobResource.byCreation()).forEach(restore -> {
            CassandraRestoreStatus status =
                    restore.getStatus() == null ? new CassandraRestoreStatus() : restore.getStatus();
            table.row(
                    restore.getMetadata().getName(),
                    restore.getSpec() == null
                            ? HumanUnits.UNKNOWN
                            : restore.getSpec().getCluster(),
                    RestoreDescription.backupOf(restore.getSpec()),
                    DescriptionText.orUnknown(status.getPhase()),
                    DescriptionText.orUnknown(status.getStep()),
                    HumanUnits.bytes(status.getTotalBytes()),
                    HumanUnits.time(status.getStartTime(), zone),
                    HumanUnits.elapsed(status.getStartTime(), status.getCompletionTime(), now));
        });
        return table.render();
    }
}
