package dev.cassini.cli;

import static dev.cassini.cli.BackupFixtures.backup;
import static dev.cassini.cli.BackupFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupSpec;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BackupCommandTest {
    private static CassandraBackup created(String... args) {
        BackupCommand.Create create = new BackupCommand.Create();
        new CommandLine(create).parseArgs(args);
        return create.newBackup("cassandra", "demo");
    }

    @Test
    void createOptionsBecomeTheBackupsSpec() {
        CassandraBackup backup = created(
                "nightly-1",
                "--datacenter",
                "dc1",
                "--datacenter",
                "dc2",
                "--keyspace",
                "shop",
                "--table",
                "audit.events",
                "--retain");

        assertThat(backup.getMetadata().getName()).isEqualTo("nightly-1");
        assertThat(backup.getMetadata().getNamespace()).isEqualTo("cassandra");
        CassandraBackupSpec spec = backup.getSpec();
        assertThat(spec.getCluster()).isEqualTo("demo");
        assertThat(spec.getDatacenters()).containsExactly("dc1", "dc2");
        assertThat(spec.getKeyspaces()).containsExactly("shop");
        assertThat(spec.getTables()).containsExactly("audit.events");
        assertThat(spec.getDeletionPolicy()).isEqualTo(DeletionPolicy.Retain);
    }

    @Test
    void withoutOptionsTheBackupTakesEverythingAndIsDeletedFromTheBucketWithTheResource() {
        CassandraBackupSpec spec = created("nightly-1").getSpec();

        // Unset, not empty: an empty list would be a different spec to the operator and to kubectl.
        assertThat(spec.getDatacenters()).isNull();
        assertThat(spec.getKeyspaces()).isNull();
        assertThat(spec.getTables()).isNull();
        assertThat(spec.getDeletionPolicy()).isEqualTo(DeletionPolicy.Delete);
    }

    @Test
    void aTableThatIsNotKeyspaceDotTableIsRefused() {
        assertThatThrownBy(() -> created("nightly-1", "--table", "events"))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("--table takes KEYSPACE.TABLE, e.g. shop.orders; got 'events'");
    }

    @Test
    void anExistingNameSaysWhatTheExistingBackupIsAndWhatToDo() {
        CassandraBackup existing = backup("nightly-1", "demo", "2025-06-01T02:00:00Z");
        existing.setStatus(status("Succeeded", null, null, null, null));

        assertThat(JobResource.BACKUPS.alreadyExists(existing))
                .isEqualTo("backup nightly-1 already exists in namespace default (cluster demo, Succeeded). A backup"
                        + " runs once: choose another name, or delete it first with cassini backup delete nightly-1");
    }

    @Test
    void anUnknownBackupListsTheOnesThereAre() {
        assertThat(JobResource.BACKUPS.noSuch("nightly-3", "default", List.of("nightly-1", "nightly-2")))
                .isEqualTo("no backup nightly-3 in namespace default; there are: nightly-1, nightly-2");
        assertThat(JobResource.BACKUPS.noSuch("nightly-3", "shop", List.of()))
                .isEqualTo("no backup nightly-3 in namespace shop; there is none (another namespace? -n NAMESPACE)");
    }

    @Test
    void deletingSaysWhetherTheBucketKeepsTheBackup() {
        CassandraBackup backup = backup("nightly-1", "demo", "2025-06-01T02:00:00Z");
        backup.setStatus(status("Succeeded", null, null, null, null));
        backup.getStatus().setLocation("s3://backups/demo/backups/nightly-1/");

        assertThat(BackupCommand.Delete.deletionNotice(backup, true))
                .isEqualTo("Deleting backup nightly-1. Its deletionPolicy is Delete: the operator deletes its index"
                        + " entry and manifests from s3://backups/demo/backups/nightly-1/ (content other backups"
                        + " share stays).");
        assertThat(BackupCommand.Delete.deletionNotice(backup, false))
                .contains("but cluster demo no longer exists")
                .endsWith("the backup's objects stay in s3://backups/demo/backups/nightly-1/.");
        backup.getSpec().setDeletionPolicy(DeletionPolicy.Retain);
        assertThat(BackupCommand.Delete.deletionNotice(backup, true))
                .isEqualTo("Deleting backup nightly-1. Its deletionPolicy is Retain: it stays in"
                        + " s3://backups/demo/backups/nightly-1/; only the resource goes.");
    }

    @Test
    void everyBackupCommandsHelpHasItsExamplesUnbrokenAndTheClusterOptions() {
        CommandLine backup =
                new CommandLine(new CassiniCommand()).getSubcommands().get("backup");
        Map<String, List<String>> examples = Map.of(
                "create",
                List.of(
                        "  cassini backup create shop-1 -c prod --keyspace shop --table audit.events\n",
                        "  cassini backup create pre-upgrade --datacenter dc1 --retain --no-wait\n"),
                "list",
                List.of("  cassini backup list --cluster prod -n cassandra\n"),
                "describe",
                List.of("  cassini backup describe nightly-1\n"),
                "delete",
                List.of("  cassini backup delete nightly-1 --no-wait\n"));

        assertThat(backup.getUsageMessage())
                .contains("  cassini backup create nightly-1      # all of the namespace's only cluster\n");
        examples.forEach((command, lines) -> {
            String help = backup.getSubcommands().get(command).getUsageMessage();
            assertThat(help)
                    .as(command)
                    .contains(lines)
                    .contains("else ~/.kube/config.")
                    .contains("--namespace=");
        });
    }
}
