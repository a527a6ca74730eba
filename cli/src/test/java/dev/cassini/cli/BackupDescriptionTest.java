package dev.cassini.cli;

import static dev.cassini.cli.BackupFixtures.GIB;
import static dev.cassini.cli.BackupFixtures.MIB;
import static dev.cassini.cli.BackupFixtures.backup;
import static dev.cassini.cli.BackupFixtures.node;
import static dev.cassini.cli.BackupFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupDescriptionTest {
    private static final Instant NOW = Instant.parse("2025-06-01T03:00:00Z");

    @Test
    void aFinishedBackupShowsSpecStatusNodesAndConditions() {
        CassandraBackup backup = backup("nightly-1", "demo", "2025-06-01T01:59:58Z");
        backup.getSpec().setKeyspaces(List.of("shop"));
        backup.getSpec().setTables(List.of("audit.events"));
        backup.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
        CassandraBackupStatus status =
                status("Succeeded", "2025-06-01T02:00:00Z", "2025-06-01T02:02:03Z", 4 * GIB, 600 * MIB);
        status.setReusedBytes(3 * GIB);
        status.setMessage("complete: 2 nodes");
        status.setLocation("s3://backups/demo/backups/nightly-1/");
        status.setNodes(List.of(
                node("demo-dc1-r1-0", "r1", 12, 2 * GIB, 300 * MIB, 1536 * MIB),
                node("demo-dc1-r2-0", "r2", 9, 2 * GIB, 300 * MIB, 1536 * MIB)));
        status.setConditions(List.of(new ConditionBuilder()
                .withType("Complete")
                .withStatus("True")
                .withReason("BackupComplete")
                .withMessage("complete: 2 nodes")
                .withLastTransitionTime("2025-06-01T02:02:03Z")
                .build()));
        backup.setStatus(status);

        String described = BackupDescription.render(backup, NOW, ZoneOffset.UTC);

        assertThat(described).startsWith("""
                        Name:            nightly-1
                        Namespace:       default
                        Cluster:         demo
                        Datacenters:     all
                        Keyspaces:       shop
                        Tables:          audit.events
                        Deletion policy: Retain (deleting the resource leaves the backup in the bucket)
                        Created:         2025-06-01 01:59:58 +0000

                        Status:          Succeeded
                        Message:         complete: 2 nodes
                        Location:        s3://backups/demo/backups/nightly-1/
                        Started:         2025-06-01 02:00:00 +0000
                        Completed:       2025-06-01 02:02:03 +0000 (took 2m 03s)
                        Size:            4.0 GiB of data
                        Uploaded:        600 MiB (new content, manifests, index)
                        Reused:          3.0 GiB (content the bucket already held)

                        Nodes:
                          POD             DATACENTER   RACK   STATE       FILES   SIZE      UPLOADED   REUSED    MESSAGE
                          demo-dc1-r1-0   dc1          r1     Succeeded   12      2.0 GiB   300 MiB    1.5 GiB   manifest dc1/r1/x.json; 12 files
                          demo-dc1-r2-0   dc1          r2     Succeeded   9       2.0 GiB   300 MiB    1.5 GiB   manifest dc1/r2/x.json; 9 files
                        """).endsWith("""
                        Conditions:
                          TYPE       STATUS   REASON           SINCE                       MESSAGE
                          Complete   True     BackupComplete   2025-06-01 02:02:03 +0000   complete: 2 nodes
                        """);
    }

    @Test
    void aBackupTheOperatorHasNotSeenSaysSoAndDefaultsAreSpelledOut() {
        String described =
                BackupDescription.render(backup("adhoc", "demo", "2025-06-01T02:59:00Z"), NOW, ZoneOffset.UTC);

        assertThat(described)
                .contains("Keyspaces:       all but system, system_views, system_virtual_schema\n")
                .contains("Deletion policy: Delete (deleting the resource deletes the backup's index entry and"
                        + " manifests from the bucket)\n")
                .contains("Status:          not taken up by the operator yet\n")
                .contains("Completed:       -\n")
                .doesNotContain("Tables:")
                .doesNotContain("Nodes:")
                .doesNotContain("Conditions:");
    }

    @Test
    void aRunningBackupSaysHowLongItHasRunSoFar() {
        CassandraBackup backup = backup("nightly-1", "demo", "2025-06-01T02:00:00Z");
        backup.setStatus(status("Running", "2025-06-01T02:30:00Z", null, null, null));

        assertThat(BackupDescription.render(backup, NOW, ZoneOffset.UTC))
                .contains("Completed:       not yet (30m 00s so far)\n");
    }

    @Test
    void tablesWithoutKeyspacesAreAllThatIsBackedUp() {
        CassandraBackup backup = backup("t", "demo", "2025-06-01T02:00:00Z");
        backup.getSpec().setTables(List.of("shop.orders"));

        assertThat(BackupDescription.render(backup, NOW, ZoneOffset.UTC))
                .contains("Keyspaces:       only the tables below\n")
                .contains("Tables:          shop.orders\n");
    }
}
