package dev.cassini.cli;

import static dev.cassini.cli.BackupFixtures.GIB;
import static dev.cassini.cli.RestoreFixtures.restore;
import static dev.cassini.cli.RestoreFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreTableTest {
    private static final Instant NOW = Instant.parse("2025-06-02T02:10:00Z");

    @Test
    void oneRowARestoreOldestFirstWithItsStepAndSize() {
        CassandraRestore done = restore("orders-1", "shop", "nightly-1");
        done.getMetadata().setCreationTimestamp("2025-06-01T02:00:00Z");
        CassandraRestoreStatus doneStatus = status("Succeeded", "Done", "2025-06-01T02:00:01Z", "2025-06-01T02:03:06Z");
        doneStatus.setTotalBytes(3 * GIB + GIB / 2);
        done.setStatus(doneStatus);
        CassandraRestore running = restore("users-1", "shop", "nightly-2");
        running.getMetadata().setCreationTimestamp("2025-06-02T02:00:00Z");
        running.setStatus(status("Running", "Download", "2025-06-02T02:00:00Z", null));
        CassandraRestore fresh = restore("all-1", "shop", "nightly-2");
        fresh.getMetadata().setCreationTimestamp("2025-06-02T02:09:59Z");

        assertThat(RestoreTable.render(List.of(fresh, running, done), NOW, ZoneOffset.UTC))
                .isEqualTo("""
                        NAME       CLUSTER   BACKUP      STATUS      STEP       SIZE      STARTED                     DURATION
                        orders-1   demo      nightly-1   Succeeded   Done       3.5 GiB   2025-06-01 02:00:01 +0000   3m 05s
                        users-1    demo      nightly-2   Running     Download   -         2025-06-02 02:00:00 +0000   10m 00s
                        all-1      demo      nightly-2   -           -          -         -                           -
                        """);
    }
}
