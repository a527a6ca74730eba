package dev.cassini.cli;

import static dev.cassini.cli.BackupFixtures.GIB;
import static dev.cassini.cli.BackupFixtures.MIB;
import static dev.cassini.cli.RestoreFixtures.node;
import static dev.cassini.cli.RestoreFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import dev.cassini.api.v1alpha1.NodeRestoreStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreProgressLinesTest {
    private static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");

    private static CassandraRestoreStatus downloading(long r1Downloaded, long r2Downloaded) {
        CassandraRestoreStatus status = status("Running", "Download", "2025-06-01T02:00:00Z", null);
        status.setTables(List.of("shop.orders"));
        status.setTotalBytes(4 * GIB);
        status.setDownloadedBytes(r1Downloaded + r2Downloaded);
        status.setNodes(List.of(
                node("demo-dc1-r1-0", "r1", "Running", 12, 2 * GIB, r1Downloaded),
                node("demo-dc1-r2-0", "r2", "Running", 9, 2 * GIB, r2Downloaded)));
        return status;
    }

    @Test
    void theStepAndTheDownloadArePrintedWhenTheyChange() {
        RestoreProgressLines progress = new RestoreProgressLines();

        assertThat(progress.next(null, Duration.ofSeconds(1)))
                .containsExactly("[   1s] waiting for the operator to take the restore");
        assertThat(progress.next(downloading(512 * MIB, 0), Duration.ofSeconds(3)))
                .containsExactly(
                        "[   3s] Running: Download (step 1 of 3; the tables still serve as they are), 0 of 2 nodes"
                                + " done, 512 MiB of 4.0 GiB downloaded",
                        "[   3s]   demo-dc1-r1-0 (dc1/r1): Running, 12 files, 512 MiB of 2.0 GiB downloaded",
                        "[   3s]   demo-dc1-r2-0 (dc1/r2): Running, 9 files, 0 B of 2.0 GiB downloaded");
        assertThat(progress.next(downloading(512 * MIB, 0), Duration.ofSeconds(5)))
                .isEmpty();
        assertThat(progress.next(downloading(512 * MIB, GIB), Duration.ofSeconds(7)))
                .containsExactly(
                        "[   7s] Running: Download (step 1 of 3; the tables still serve as they are), 0 of 2 nodes"
                                + " done, 1.5 GiB of 4.0 GiB downloaded",
                        "[   7s]   demo-dc1-r2-0 (dc1/r2): Running, 9 files, 1.0 GiB of 2.0 GiB downloaded");
    }

    @Test
    void aNodeSaysItsRateAndWhileItRunsTheTimeLeft() {
        NodeRestoreStatus node = node("demo-dc1-r1-0", "r1", "Running", 12, 2 * GIB, 512 * MIB);
        node.setBytesPerSecond(32 * MIB);
        node.setEtaSeconds(48L);
        assertThat(RestoreProgressLines.node(node))
                .isEqualTo("demo-dc1-r1-0 (dc1/r1): Running, 12 files, 512 MiB of 2.0 GiB downloaded, 32.0 MiB/s,"
                        + " about 48s left");
        node.setState("Succeeded");
        node.setEtaSeconds(0L);
        assertThat(RestoreProgressLines.node(node))
                .isEqualTo("demo-dc1-r1-0 (dc1/r1): Succeeded, 12 files, 512 MiB of 2.0 GiB downloaded, 32.0 MiB/s");
    }

    @Test
    void eachStepSaysWhatItMeansForTheTables() {
        CassandraRestoreStatus status = status("Running", "Truncate", "2025-06-01T02:00:00Z", null);
        status.setNodes(List.of(node("demo-dc1-r1-0", "r1", "Succeeded", "downloaded 12 files")));

        assertThat(RestoreProgressLines.headline(status, Duration.ZERO))
                .isEqualTo("Running: Truncate (step 2 of 3; the tables are emptied), 1 of 1 nodes done");
        status.setStep("Import");
        status.getNodes().get(0).setState("Running");
        status.getNodes().get(0).setMessage("importing");
        assertThat(RestoreProgressLines.headline(status, Duration.ZERO))
                .isEqualTo("Running: Import (step 3 of 3; the downloaded files go into the tables), 0 of 1 nodes"
                        + " done");
        assertThat(RestoreProgressLines.node(status.getNodes().get(0)))
                .isEqualTo("demo-dc1-r1-0 (dc1/r1): Running - importing");
        assertThat(RestoreProgressLines.step(null)).isEqualTo("starting");
        assertThat(RestoreProgressLines.step("Done")).isEqualTo("Done");
    }

    @Test
    void pendingAndFailedShowTheOperatorsMessage() {
        CassandraRestoreStatus pending = status("Pending", null, null, null);
        pending.setMessage("waiting for backup nightly-1 to succeed");

        assertThat(RestoreProgressLines.headline(pending, Duration.ZERO))
                .isEqualTo("Pending: waiting for backup nightly-1 to succeed");
        assertThat(RestoreProgressLines.headline(new CassandraRestoreStatus(), Duration.ofSeconds(31)))
                .startsWith("no word from the operator after 30 s: is it running?");
    }

    @Test
    void aSucceededRestoreEndsWithTheTablesAndTheBackupTheyHoldAgain() {
        CassandraRestoreStatus status = status("Succeeded", "Done", "2025-06-01T02:00:00Z", "2025-06-01T02:03:05Z");
        status.setBackupId("nightly-1");
        status.setTables(List.of("shop.orders", "shop.users"));
        status.setTotalBytes(4 * GIB);
        status.setDownloadedBytes(4 * GIB);
        status.setNodes(List.of(node("demo-dc1-r1-0", "r1", "Succeeded", 12, 2 * GIB, 2 * GIB)));
        RestoreProgressLines progress = new RestoreProgressLines();

        assertThat(progress.next(status, Duration.ofSeconds(185)))
                .containsExactly(
                        "[ 185s] Succeeded: 2 tables (shop.orders, shop.users) restored on 1 nodes, 4.0 GiB"
                                + " downloaded",
                        "[ 185s]   demo-dc1-r1-0 (dc1/r1): Succeeded, 12 files, 2.0 GiB of 2.0 GiB downloaded");
        assertThat(progress.outcome("orders-1", "shop", status, NOW))
                .isEqualTo("Restore orders-1 succeeded in 3m 05s: 2 tables (shop.orders, shop.users) hold the rows"
                        + " of backup nightly-1 again.\n");
    }

    @Test
    void aRestoreIntoAnotherKeyspaceEndsWithWhereTheRowsAreNow() {
        CassandraRestoreStatus status = status("Succeeded", "Done", "2025-06-01T02:00:00Z", "2025-06-01T02:00:30Z");
        status.setTables(List.of("shop.orders"));
        status.setBackupId("nightly-1");

        assertThat(new RestoreProgressLines(Map.of("shop", "shop_yesterday")).outcome("old", "shop", status, NOW))
                .isEqualTo("Restore old succeeded in 30s: 1 table (shop_yesterday.orders) holds the rows 1 table"
                        + " (shop.orders) had in backup nightly-1.\n");
    }

    @Test
    void aFailedRestoreEndsWithTheOperatorsWordOnTheTablesAndWhereToLook() {
        CassandraRestoreStatus status = status("Failed", "Import", "2025-06-01T02:00:00Z", "2025-06-01T02:01:00Z");
        status.setMessage("Import failed: demo-dc1-r2-0: disk full; shop.orders is truncated: create another restore"
                + " of backup nightly-1 to finish");

        assertThat(new RestoreProgressLines().outcome("orders-1", "shop", status, NOW))
                .isEqualTo("""
                        Restore orders-1 failed: Import failed: demo-dc1-r2-0: disk full; shop.orders is truncated:\
                         create another restore of backup nightly-1 to finish
                        Per node: cassini restore describe orders-1 -n shop
                        Events:   kubectl describe crs orders-1 -n shop
                        """);
    }

    @Test
    void ctrlCSaysTheRestoreGoesOnAndHowToFollowIt() {
        assertThat(JobResource.RESTORES.stoppedWatching("orders-1", "shop"))
                .isEqualTo("\nStopped watching. Restore orders-1 keeps running in the cluster; follow it with:\n"
                        + "  cassini restore describe orders-1 -n shop\n");
    }
}
