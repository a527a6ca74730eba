package dev.cassini.cli;

import static dev.cassini.cli.BackupFixtures.backup;
import static dev.cassini.cli.BackupFixtures.status;
import static dev.cassini.cli.RestoreFixtures.restore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RestoreCommandTest {
    private static CassandraRestore created(String... args) {
        RestoreCommand.Create create = new RestoreCommand.Create();
        new CommandLine(create).parseArgs(args);
        return create.newRestore("shop", "demo");
    }

    private static CassandraBackup backupIn(String phase) {
        CassandraBackup backup = backup("nightly-1", "demo", "2025-06-01T02:00:00Z");
        backup.setStatus(phase == null ? null : status(phase, null, null, null, null));
        return backup;
    }

    @Test
    void createOptionsBecomeTheRestoresSpec() {
        CassandraRestore restore =
                created("orders-1", "--backup", "nightly-1", "--keyspace", "shop", "--table", "audit.events");

        assertThat(restore.getMetadata().getName()).isEqualTo("orders-1");
        assertThat(restore.getMetadata().getNamespace()).isEqualTo("shop");
        CassandraRestoreSpec spec = restore.getSpec();
        assertThat(spec.getCluster()).isEqualTo("demo");
        assertThat(spec.getBackup()).isEqualTo("nightly-1");
        assertThat(spec.getKeyspaces()).containsExactly("shop");
        assertThat(spec.getTables()).containsExactly("audit.events");
        assertThat(RestoreCommand.Create.what(spec)).isEqualTo("keyspace shop and table audit.events");
    }

    @Test
    void withoutKeyspacesOrTablesEveryUserKeyspaceOfTheBackupIsRestored() {
        CassandraRestoreSpec spec = created("all-1", "-b", "nightly-1").getSpec();

        assertThat(spec.getKeyspaces()).isNull();
        assertThat(spec.getTables()).isNull();
        assertThat(RestoreCommand.Create.what(spec)).isEqualTo("every user keyspace in the backup");
        spec.setTables(List.of("shop.orders", "shop.users"));
        assertThat(RestoreCommand.Create.what(spec)).isEqualTo("tables shop.orders, shop.users");
    }

    @Test
    void theClusterIsTheOneTheBackupWasTakenOfUnlessAnotherIsNamed() {
        assertThat(RestoreCommand.Create.clusterOf(backupIn("Succeeded"), null)).isEqualTo("demo");
        assertThat(RestoreCommand.Create.clusterOf(backupIn("Succeeded"), "demo"))
                .isEqualTo("demo");
        assertThat(RestoreCommand.Create.clusterOf(backupIn("Succeeded"), "demo-copy"))
                .isEqualTo("demo-copy");
    }

    @Test
    void aBackupThatHasNotSucceededIsRefusedWithItsPhase() {
        assertThatThrownBy(() -> RestoreCommand.Create.clusterOf(backupIn("Running"), null))
                .hasMessage("backup nightly-1 is Running, and only a backup that Succeeded can be restored; wait"
                        + " until it has (cassini backup describe nightly-1)");
        assertThatThrownBy(() -> RestoreCommand.Create.clusterOf(backupIn("Failed"), null))
                .hasMessage("backup nightly-1 is Failed, and only a backup that Succeeded can be restored; choose"
                        + " another (cassini backup list)");
        assertThatThrownBy(() -> RestoreCommand.Create.clusterOf(backupIn(null), null))
                .hasMessage("backup nightly-1 is not started yet, and only a backup that Succeeded can be"
                        + " restored; wait until it has (cassini backup describe nightly-1)");
    }

    @Test
    void anExistingNameSaysWhatTheExistingRestoreIsAndWhatToDo() {
        CassandraRestore existing = restore("orders-1", "shop", "nightly-1");

        assertThat(JobResource.RESTORES.alreadyExists(existing))
                .isEqualTo("restore orders-1 already exists in namespace shop (cluster demo, not started). A restore"
                        + " runs once: choose another name, or delete it first with cassini restore delete orders-1");
        assertThat(JobResource.RESTORES.noSuch("orders-9", "shop", List.of("orders-1")))
                .isEqualTo("no restore orders-9 in namespace shop; there are: orders-1");
    }

    @Test
    void deletingSaysItDoesNotUndoTheRestoreAndWhatAStopHalfWayLeaves() {
        CassandraRestore restore = restore("orders-1", "shop", "nightly-1");
        String undo = "Deleting restore orders-1. This does not undo it: tables it already imported keep the"
                + " backup's rows, and the backup stays as it is.";

        assertThat(RestoreCommand.Delete.deletionNotice(restore)).isEqualTo(undo);
        restore.setStatus(RestoreFixtures.status("Running", "Download", null, null));
        assertThat(RestoreCommand.Delete.deletionNotice(restore))
                .isEqualTo(undo + " It is still downloading, so nothing was truncated: the tables stay as they are;"
                        + " each node removes the staged files when its next restore starts.");
        restore.getStatus().setStep("Import");
        assertThat(RestoreCommand.Delete.deletionNotice(restore))
                .isEqualTo(undo + " It is at step Import, so the chosen tables may be empty or partly imported: to"
                        + " finish, create another restore of backup nightly-1.");
    }

    @Test
    void everyRestoreCommandsHelpHasItsExamplesUnbrokenAndTheClusterOptions() {
        CommandLine restore =
                new CommandLine(new CassiniCommand()).getSubcommands().get("restore");
        Map<String, List<String>> examples = Map.of(
                "create",
                List.of(
                        "  cassini restore create orders-1 --backup nightly-1 --table shop.orders\n",
                        "  cassini restore create shop-1 --backup nightly-1 --keyspace shop --no-wait\n"),
                "list",
                List.of("  cassini restore list --cluster prod -n cassandra\n"),
                "describe",
                List.of("  cassini restore describe orders-1\n"),
                "delete",
                List.of("  cassini restore delete orders-1 --no-wait\n"));

        assertThat(restore.getUsageMessage())
                .contains("  cassini restore create orders-1 --backup nightly-1 --table shop.orders\n");
        examples.forEach((command, lines) -> {
            String help = restore.getSubcommands().get(command).getUsageMessage();
            assertThat(help)
                    .as(command)
                    .contains(lines)
                    .contains("else ~/.kube/config.")
                    .contains("--namespace=");
        });
        assertThat(restore.getSubcommands().get("delete").getUsageMessage()).contains("does not undo the restore");
    }

    @Test
    void aRestoreNamesItsBackupByResourceOrByItsPlaceInABucket() {
        CassandraRestoreSpec spec = new CassandraRestoreSpec();
        spec.setBackup("nightly-1");
        assertThat(RestoreDescription.backupOf(spec)).isEqualTo("nightly-1");
        spec.setBackup(null);
        var source = new dev.cassini.api.v1alpha1.BackupSourceSpec();
        source.setBackupId("nightly-1");
        spec.setSource(source);
        assertThat(RestoreDescription.backupOf(spec)).isEqualTo("nightly-1 (in the cluster's bucket)");
        source.setBucket("old");
        source.setPrefix("shop/prod");
        assertThat(RestoreDescription.backupOf(spec)).isEqualTo("nightly-1 (in old, under shop/prod)");
        assertThat(RestoreDescription.backupOf(null)).isEqualTo("-");
    }
}
