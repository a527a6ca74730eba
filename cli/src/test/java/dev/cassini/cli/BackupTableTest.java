package dev.cassini.cli;

import static dev.cassini.cli.BackupFixtures.GIB;
import static dev.cassini.cli.BackupFixtures.MIB;
import static dev.cassini.cli.BackupFixtures.backup;
import static dev.cassini.cli.BackupFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraBackup;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupTableTest {
    private static final Instant NOW = Instant.parse("2025-06-02T03:00:00Z");

    @Test
    void oneAlignedRowPerBackupOldestFirst() {
        CassandraBackup running = backup("nightly-2", "demo", "2025-06-02T02:00:00Z");
        running.setStatus(status("Running", "2025-06-02T02:00:05Z", null, 3 * GIB, 200 * MIB));
        CassandraBackup done = backup("nightly-1", "demo", "2025-06-01T02:00:00Z");
        done.setStatus(
                status("Succeeded", "2025-06-01T02:00:04Z", "2025-06-01T02:03:09Z", 3 * GIB + GIB / 2, 1288490189L));
        CassandraBackup fresh = backup("adhoc", "prod", "2025-06-02T02:59:59Z");

        String table = BackupTable.render(List.of(running, fresh, done), NOW, ZoneOffset.UTC);

        assertThat(table).isEqualTo("""
                        NAME        CLUSTER   STATUS      SIZE      UPLOADED   STARTED                     DURATION
                        nightly-1   demo      Succeeded   3.5 GiB   1.2 GiB    2025-06-01 02:00:04 +0000   3m 05s
                        nightly-2   demo      Running     3.0 GiB   200 MiB    2025-06-02 02:00:05 +0000   59m 55s
                        adhoc       prod      -           -         -          -                           -
                        """);
    }

    @Test
    void backupsCreatedInTheSameSecondListByName() {
        String table = BackupTable.render(
                List.of(backup("b", "demo", "2025-06-01T02:00:00Z"), backup("a", "demo", "2025-06-01T02:00:00Z")),
                NOW,
                ZoneOffset.UTC);

        assertThat(table.lines().skip(1).map(line -> line.split(" ")[0])).containsExactly("a", "b");
    }
}
