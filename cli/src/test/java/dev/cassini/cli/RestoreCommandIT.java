package dev.cassini.cli;

import static dev.cassini.cli.ApiServerFixture.CLUSTER;
import static dev.cassini.cli.BackupFixtures.GIB;
import static dev.cassini.cli.BackupFixtures.MIB;
import static dev.cassini.cli.RestoreFixtures.node;
import static dev.cassini.cli.RestoreFixtures.restore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupSpec;
import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreSpec;
import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cassini restore} against a real kube-apiserver with the CRDs installed. No operator runs:
 * the tests write the status the operator would, step by step, and check what the commands ask
 * the API server for and what they print.
 */
class RestoreCommandIT {
    private static final Duration PRINTED_WITHIN = Duration.ofSeconds(30);

    private static ApiServerFixture api;

    private String namespace;

    @BeforeAll
    static void startApiServer() {
        api = ApiServerFixture.start("cli-restore");
    }

    @AfterAll
    static void stopApiServer() {
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void newNamespaceWithABackup() {
        namespace = api.namespaceWithCluster("restore");
        backup("nightly-1", "Succeeded");
    }

    @Test
    void createRestoresIntoTheBackupsClusterAndWritesTheSpecTheOptionsSay() {
        CassiniRun run = api.cassini(
                namespace,
                "restore",
                "create",
                "orders-1",
                "--backup",
                "nightly-1",
                "--table",
                "shop.orders",
                "--no-wait");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo("Created restore orders-1 of backup nightly-1 into cluster demo in namespace " + namespace
                        + ": table shop.orders.\n"
                        + "Follow it with: cassini restore describe orders-1 -n " + namespace + "\n");
        CassandraRestoreSpec spec = stored("orders-1").getSpec();
        assertThat(spec.getCluster()).isEqualTo(CLUSTER);
        assertThat(spec.getBackup()).isEqualTo("nightly-1");
        assertThat(spec.getKeyspaces()).isNull();
        assertThat(spec.getTables()).containsExactly("shop.orders");
    }

    @Test
    void aKeyspaceMappingRestoresBesideTheLiveKeyspaceAndTheSummarySaysWhere() {
        CassiniRun run = api.cassini(
                namespace,
                "restore",
                "create",
                "old-orders",
                "--backup",
                "nightly-1",
                "--table",
                "shop.orders",
                "--keyspace-mapping",
                "shop=shop_yesterday",
                "--no-wait");

        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .startsWith("Created restore old-orders of backup nightly-1 into cluster demo in namespace " + namespace
                        + ": table shop.orders, shop into keyspace shop_yesterday.\n");
        assertThat(stored("old-orders").getSpec().getKeyspaceMapping())
                .containsExactly(entry("shop", "shop_yesterday"));

        CassiniRun refused = api.cassini(
                namespace,
                "restore",
                "create",
                "into-system",
                "--backup",
                "nightly-1",
                "--keyspace-mapping",
                "shop=system_auth",
                "--no-wait");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err())
                .contains("keyspaceMapping cannot restore into one of Cassandra's own keyspaces; name a new keyspace");
    }

    @Test
    void createFollowsTheStepsUntilTheRestoreSucceeded() throws Exception {
        Following following =
                follow("restore", "create", "orders-1", "--backup", "nightly-1", "--table", "shop.orders");
        following.awaitPrinted("waiting for the operator to take the restore\n");

        writeStatus("orders-1", status -> {
            status.setPhase("Running");
            status.setStep("Download");
            status.setTotalBytes(2 * GIB);
            status.setDownloadedBytes(512 * MIB);
            status.setNodes(List.of(node("demo-dc1-r1-0", "r1", "Running", 7, 2 * GIB, 512 * MIB)));
        });
        following.awaitPrinted("512 MiB of 2.0 GiB downloaded\n");
        writeStatus("orders-1", status -> {
            status.setStep("Truncate");
            status.setDownloadedBytes(2 * GIB);
            status.setNodes(List.of(node("demo-dc1-r1-0", "r1", "Succeeded", 7, 2 * GIB, 2 * GIB)));
        });
        following.awaitPrinted("Truncate");
        writeStatus("orders-1", status -> {
            status.setPhase("Succeeded");
            status.setStep("Done");
            status.setBackupId("nightly-1");
            status.setTables(List.of("shop.orders"));
            status.setStartTime("2025-06-03T10:00:00Z");
            status.setCompletionTime("2025-06-03T10:01:40Z");
        });

        assertThat(following.exit()).isZero();
        assertThat(following.err()).isEmpty();
        assertThat(following.outWithoutTimes())
                .isEqualTo("Created restore orders-1 of backup nightly-1 into cluster demo in namespace " + namespace
                        + ": table shop.orders.\n"
                        + """
                        Waiting until it is done; Ctrl-C stops waiting, not the restore.
                        waiting for the operator to take the restore
                        Running: Download (step 1 of 3; the tables still serve as they are), 0 of 1 nodes done, 512 MiB of 2.0 GiB downloaded
                          demo-dc1-r1-0 (dc1/r1): Running, 7 files, 512 MiB of 2.0 GiB downloaded
                        Running: Truncate (step 2 of 3; the tables are emptied), 1 of 1 nodes done, 2.0 GiB of 2.0 GiB downloaded
                          demo-dc1-r1-0 (dc1/r1): Succeeded, 7 files, 2.0 GiB of 2.0 GiB downloaded
                        Succeeded: 1 table (shop.orders) restored on 1 nodes, 2.0 GiB downloaded
                        Restore orders-1 succeeded in 1m 40s: 1 table (shop.orders) holds the rows of backup nightly-1 again.
                        """);
    }

    @Test
    void createEndsWithExitStatusOneAndTheOperatorsMessageWhenTheRestoreFailed() throws Exception {
        Following following = follow("restore", "create", "orders-1", "--backup", "nightly-1");
        following.awaitPrinted("waiting for the operator to take the restore\n");

        writeStatus("orders-1", status -> {
            status.setPhase("Failed");
            status.setStep("Download");
            status.setMessage(
                    "table shop.orders is not in backup nightly-1 (it holds shop.users); nothing was" + " truncated");
        });

        assertThat(following.exit()).isEqualTo(1);
        assertThat(following.outWithoutTimes())
                .endsWith("Failed: table shop.orders is not in backup nightly-1 (it holds shop.users); nothing was"
                        + " truncated\n"
                        + "Restore orders-1 failed: table shop.orders is not in backup nightly-1 (it holds shop.users);"
                        + " nothing was truncated\n"
                        + "Per node: cassini restore describe orders-1 -n " + namespace + "\n"
                        + "Events:   kubectl describe crs orders-1 -n " + namespace + "\n");
    }

    @Test
    void createRefusesBeforeCreatingAnything() {
        backup("nightly-2", "Running");
        existing("orders-1", "nightly-1", null);

        assertThat(api.cassini(namespace, "restore", "create", "orders-1", "--backup", "nightly-1")
                        .err())
                .isEqualTo("cassini restore create: restore orders-1 already exists in namespace " + namespace
                        + " (cluster demo, not started). A restore runs once: choose another name, or delete it"
                        + " first with cassini restore delete orders-1\n");
        assertThat(api.cassini(namespace, "restore", "create", "orders-2", "--backup", "nightly-9")
                        .err())
                .isEqualTo("cassini restore create: no backup nightly-9 in namespace " + namespace
                        + "; there are: nightly-1, nightly-2\n");
        assertThat(api.cassini(namespace, "restore", "create", "orders-2", "--backup", "nightly-2")
                        .err())
                .isEqualTo("cassini restore create: backup nightly-2 is Running, and only a backup that Succeeded can"
                        + " be restored; wait until it has (cassini backup describe nightly-2)\n");
        assertThat(api.cassini(namespace, "restore", "create", "orders-2", "--backup", "nightly-1", "--table", "orders")
                        .err())
                .isEqualTo("cassini restore create: --table takes KEYSPACE.TABLE, e.g. shop.orders; got 'orders'\n");
        assertThat(api.cassini(namespace, "restore", "create", "orders-2", "--backup", "nightly-1", "-c", "prod")
                        .exitCode())
                .isEqualTo(1);
        assertThat(restores()).containsExactly("orders-1");
    }

    @Test
    void listPrintsTheNamespacesRestoresOldestFirst() {
        existing("orders-1", "nightly-1", status -> {
            status.setPhase("Succeeded");
            status.setStep("Done");
            status.setTotalBytes(3 * GIB + GIB / 2);
            status.setStartTime("2025-06-01T02:00:01Z");
            status.setCompletionTime("2025-06-01T02:03:06Z");
        });
        existing("users-1", "nightly-1", null);

        CassiniRun run = api.cassini(namespace, "restore", "list");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                        NAME       CLUSTER   BACKUP      STATUS      STEP   SIZE      STARTED                     DURATION
                        orders-1   demo      nightly-1   Succeeded   Done   3.5 GiB   2025-06-01 02:00:01 +0000   3m 05s
                        users-1    demo      nightly-1   -           -      -         -                           -
                        """);
        assertThat(api.cassini(namespace, "restore", "list", "-c", "prod").out())
                .isEqualTo("No restores of cluster prod in namespace " + namespace
                        + ". Make one with: cassini restore create NAME --backup BACKUP\n");
    }

    @Test
    void describeShowsSpecStepNodesAndMessage() {
        CassandraRestore restore = existing("orders-1", "nightly-1", status -> {
            status.setPhase("Running");
            status.setStep("Download");
            status.setMessage("downloading on 1 node");
            status.setTables(List.of("shop.orders"));
            status.setTotalBytes(2 * GIB);
            status.setDownloadedBytes(GIB);
            status.setStartTime("2025-06-01T02:00:00Z");
            status.setNodes(List.of(node("demo-dc1-r1-0", "r1", "Running", 7, 2 * GIB, GIB)));
        });

        CassiniRun run = api.cassini(namespace, "restore", "describe", "orders-1");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Name:            orders-1\n"
                        + "Namespace:       " + namespace + "\n"
                        + """
                        Cluster:         demo
                        Backup:          nightly-1
                        Keyspaces:       every user keyspace in the backup (system_auth and the like only when named)
                        """
                        + "Created:         "
                        + ApiServerFixture.shown(restore.getMetadata().getCreationTimestamp())
                        + "\n"
                        + """

                        Status:          Running
                        Step:            Download (step 1 of 3; the tables still serve as they are)
                        Message:         downloading on 1 node
                        Restoring:       shop.orders
                        Started:         2025-06-01 02:00:00 +0000
                        """)
                .endsWith("""
                        Size:            2.0 GiB of data
                        Downloaded:      1.0 GiB

                        Nodes:
                          POD             STATE     FILES   DOWNLOADED           MESSAGE
                          demo-dc1-r1-0   Running   7       1.0 GiB of 2.0 GiB   -
                        """)
                .contains("Completed:       not yet (");
    }

    @Test
    void deleteSaysItDoesNotUndoTheRestoreAndWaitsUntilTheResourceIsGone() {
        existing("orders-1", "nightly-1", status -> status.setPhase("Succeeded"));

        CassiniRun run = api.cassini(namespace, "restore", "delete", "orders-1");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo("Deleting restore orders-1. This does not undo it: tables it already imported keep the"
                        + " backup's rows, and the backup stays as it is.\n"
                        + "Restore orders-1 deleted.\n");
        assertThat(stored("orders-1")).isNull();
    }

    @Test
    void anUnknownRestoreIsAnsweredWithTheOnesThereAre() {
        existing("orders-1", "nightly-1", null);
        existing("users-1", "nightly-1", null);

        CassiniRun run = api.cassini(namespace, "restore", "describe", "orders-9");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("cassini restore describe: no restore orders-9 in namespace " + namespace
                        + "; there are: orders-1, users-1\n");
    }

    /** {@code cassini ARGS} running in the background, its output readable while it runs. */
    private record Following(CompletableFuture<Integer> exitCode, StringWriter out, StringWriter errors) {
        int exit() throws Exception {
            return exitCode.get(PRINTED_WITHIN.toSeconds(), TimeUnit.SECONDS);
        }

        String err() {
            return errors.toString();
        }

        String outWithoutTimes() {
            return out.toString().replaceAll("(?m)^\\[ *\\d+s\\] ", "");
        }

        void awaitPrinted(String text) throws InterruptedException {
            Instant deadline = Instant.now().plus(PRINTED_WITHIN);
            while (!out.toString().contains(text)) {
                assertThat(Instant.now())
                        .as("printed within " + PRINTED_WITHIN + ": " + text)
                        .isBefore(deadline);
                Thread.sleep(100);
            }
        }
    }

    private Following follow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CassiniCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = api.withServer(namespace, args);
        return new Following(CompletableFuture.supplyAsync(() -> cli.execute(all)), out, err);
    }

    /** Changes the status as the operator would. */
    private void writeStatus(String name, Consumer<CassandraRestoreStatus> change) {
        CassandraRestore restore = stored(name);
        if (restore.getStatus() == null) {
            restore.setStatus(new CassandraRestoreStatus());
        }
        change.accept(restore.getStatus());
        api.client().resource(restore).updateStatus();
    }

    private CassandraRestore stored(String name) {
        return api.client()
                .resources(CassandraRestore.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    private List<String> restores() {
        return api.client().resources(CassandraRestore.class).inNamespace(namespace).list().getItems().stream()
                .map(r -> r.getMetadata().getName())
                .sorted()
                .toList();
    }

    /** A restore of the backup into cluster demo, with the status the operator would have written (none when null). */
    private CassandraRestore existing(String name, String backup, Consumer<CassandraRestoreStatus> status) {
        CassandraRestore restore = restore(name, namespace, backup);
        if (status == null) {
            return api.client().resource(restore).create();
        }
        return api.create(restore, created -> {
            created.setStatus(new CassandraRestoreStatus());
            status.accept(created.getStatus());
        });
    }

    private void backup(String name, String phase) {
        CassandraBackup backup = new CassandraBackup();
        backup.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        CassandraBackupSpec spec = new CassandraBackupSpec();
        spec.setCluster(CLUSTER);
        backup.setSpec(spec);
        api.create(backup, created -> created.setStatus(BackupFixtures.status(phase, null, null, null, null)));
    }
}
