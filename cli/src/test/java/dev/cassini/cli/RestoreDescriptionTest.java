package dev.cassini.cli;

import static dev.cassini.cli.BackupFixtures.GIB;
import static dev.cassini.cli.BackupFixtures.MIB;
import static dev.cassini.cli.RestoreFixtures.node;
import static dev.cassini.cli.RestoreFixtures.restore;
import static dev.cassini.cli.RestoreFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreDescriptionTest {
    private static final Instant NOW = Instant.parse("2025-06-01T02:05:00Z");

    @Test
    void aFailedRestoreShowsSpecStepMessageNodesAndConditions() {
        CassandraRestore restore = restore("orders-1", "shop", "nightly-1");
        restore.getMetadata().setCreationTimestamp("2025-06-01T01:59:59Z");
        restore.getSpec().setTables(List.of("shop.orders"));
        CassandraRestoreStatus status = status("Failed", "Import", "2025-06-01T02:00:00Z", "2025-06-01T02:01:30Z");
        status.setMessage("Import failed on demo-dc1-r2-0: disk full; shop.orders was truncated: create another"
                + " restore of backup nightly-1 to finish");
        status.setTables(List.of("shop.orders"));
        status.setTotalBytes(3 * GIB);
        status.setDownloadedBytes(3 * GIB);
        status.setNodes(List.of(
                node("demo-dc1-r1-0", "r1", "Succeeded", 12, 2 * GIB, 2 * GIB),
                node("demo-dc1-r2-0", "r2", "Failed", 3, GIB, GIB)));
        status.getNodes().get(1).setMessage("disk full");
        status.setConditions(List.of(new ConditionBuilder()
                .withType("Failed")
                .withStatus("True")
                .withReason("ImportFailed")
                .withMessage("disk full")
                .withLastTransitionTime("2025-06-01T02:01:30Z")
                .build()));
        restore.setStatus(status);

        assertThat(RestoreDescription.render(restore, NOW, ZoneOffset.UTC)).isEqualTo("""
                        Name:            orders-1
                        Namespace:       shop
                        Cluster:         demo
                        Backup:          nightly-1
                        Keyspaces:       only the tables below
                        Tables:          shop.orders
                        Created:         2025-06-01 01:59:59 +0000

                        Status:          Failed
                        Step:            Import (step 3 of 3; the downloaded files go into the tables)
                        Message:         Import failed on demo-dc1-r2-0: disk full; shop.orders was truncated: create another restore of backup nightly-1 to finish
                        Restoring:       shop.orders
                        Started:         2025-06-01 02:00:00 +0000
                        Completed:       2025-06-01 02:01:30 +0000 (took 1m 30s)
                        Size:            3.0 GiB of data
                        Downloaded:      3.0 GiB

                        Nodes:
                          POD             STATE       FILES   DOWNLOADED           MESSAGE
                          demo-dc1-r1-0   Succeeded   12      2.0 GiB of 2.0 GiB   -
                          demo-dc1-r2-0   Failed      3       1.0 GiB of 1.0 GiB   disk full

                        Conditions:
                          TYPE     STATUS   REASON         SINCE                       MESSAGE
                          Failed   True     ImportFailed   2025-06-01 02:01:30 +0000   disk full
                        """);
    }

    @Test
    void aRestoreTheOperatorHasNotTakenUpSaysSoAndWhatItWillRestore() {
        CassandraRestore restore = restore("all-1", "shop", "nightly-1");

        assertThat(RestoreDescription.render(restore, NOW, ZoneOffset.UTC)).isEqualTo("""
                        Name:            all-1
                        Namespace:       shop
                        Cluster:         demo
                        Backup:          nightly-1
                        Keyspaces:       every user keyspace in the backup (system_auth and the like only when named)
                        Created:         -

                        Status:          not taken up by the operator yet
                        Step:            -
                        Restoring:       -
                        Started:         -
                        Completed:       -
                        Size:            - of data
                        Downloaded:      -
                        """);
    }

    @Test
    void aRunningRestoresDurationCountsOn() {
        CassandraRestore restore = restore("shop-1", "shop", "nightly-1");
        restore.getSpec().setKeyspaces(List.of("shop"));
        restore.setStatus(status("Running", "Download", "2025-06-01T02:00:00Z", null));
        restore.getStatus().setDownloadedBytes(300 * MIB);

        assertThat(RestoreDescription.render(restore, NOW, ZoneOffset.UTC))
                .contains("Keyspaces:       shop\n")
                .contains("Completed:       not yet (5m 00s so far)\n")
                .contains("Downloaded:      300 MiB\n");
    }

    @Test
    void aStreamedRestoreSaysSoWhatItStreamedAndThatARepairIsAdvised() {
        CassandraRestore restore = restore("small-1", "small", "nightly-1");
        restore.setStatus(status("Succeeded", "Done", "2025-06-01T02:00:00Z", "2025-06-01T02:03:00Z"));
        restore.getStatus().setMethod("Stream");
        restore.getStatus().setRepairAdvised(true);
        restore.getStatus().setStreamedBytes(900 * MIB);

        assertThat(RestoreDescription.render(restore, NOW, ZoneOffset.UTC))
                .contains("Method:          streamed (the cluster's shape differs from the backup's")
                .contains("a repair of the restored tables is advised once it is done\n")
                .contains("Streamed:        900 MiB\n");
    }
}
