package dev.cassini.cli;

import static dev.cassini.cli.JobResource.BACKUPS;
import static dev.cassini.cli.JobResource.RESTORES;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreSpec;
import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cassini restore}: CassandraRestore resources from the command line, on any Kubernetes
 * cluster. The operator does the restoring; these commands create, watch, show and delete the
 * resources, and say what state the tables are in.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restore tables from a backup and list, inspect and delete restores.",
            "",
            "A restore puts the chosen tables back to exactly the rows of a backup, in the",
            "cluster the backup was taken of, while every other table keeps serving. Each one",
            "is a CassandraRestore resource (kubectl get crs) that the operator carries out",
            "once: Download on every node, then Truncate, then Import. Tables the cluster",
            "lacks (dropped since) are created from the backup's schema first. To start a",
            "new cluster from a backup, create it with spec.restoreFrom (see the README).",
            "",
            "  cassini restore create orders-1 --backup nightly-1 --table shop.orders",
            "  cassini restore list",
            "  cassini restore describe orders-1",
            "  cassini restore delete orders-1",
            "",
            "Every command takes --kubeconfig FILE (default: $KUBECONFIG, else the devkube",
            "of ./cassini up if it runs, else ~/.kube/config) and -n NAMESPACE (default:",
            "the kubeconfig context's namespace, else default).",
        },
        subcommands = {
            RestoreCommand.Create.class,
            RestoreCommand.ListRestores.class,
            RestoreCommand.Describe.class,
            RestoreCommand.Delete.class
        })
public final class RestoreCommand {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Restore tables from a backup and follow the restore until it is done.",
                "",
                "Creates a CassandraRestore named NAME and, unless --no-wait, prints its step and",
                "each node's progress. In place the tables serve as they are while files",
                "download; they are emptied at step 2 (Truncate) and refilled at step 3",
                "(Import). Into another topology, or with --keyspace-mapping, they are emptied",
                "first and fill as the files stream in. Exit status 0 when it succeeded, 1 when",
                "it failed (the message says what state the tables are in). Ctrl-C stops",
                "watching only: the restore goes on.",
                "",
                "  cassini restore create orders-1 --backup nightly-1 --table shop.orders",
                "  cassini restore create shop-1 --backup nightly-1 --keyspace shop --no-wait",
                "  cassini restore create all-1 --backup pre-upgrade    # every user keyspace",
                "  cassini restore create old-orders --backup nightly-1 --table shop.orders \\",
                "      --keyspace-mapping shop=shop_yesterday             # beside the live table",
            })
    static final class Create extends KubernetesSubcommand {
        @Parameters(
                index = "0",
                paramLabel = "NAME",
                description = "The restore's name: lowercase letters, digits and '-', at most 63.")
        String name;

        @Option(
                names = {"-b", "--backup"},
                required = true,
                paramLabel = "BACKUP",
                description = "The CassandraBackup to restore from, in this namespace; it must have succeeded.")
        String backup;

        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "The CassandraCluster to restore into. Default: the cluster the backup was taken of."
                        + " Into another cluster, each node imports its backed-up node's files when it owns that"
                        + " node's tokens (a cluster created with spec.restoreFrom of this backup); otherwise the"
                        + " files are streamed to the nodes that replicate them.")
        String cluster;

        @Option(
                names = "--keyspace",
                paramLabel = "KEYSPACE",
                description = "Only this keyspace (repeatable). Default, with no --table either: every user keyspace"
                        + " in the backup; system_auth and the like only when named.")
        List<String> keyspaces = new ArrayList<>();

        @Option(
                names = "--table",
                paramLabel = "KEYSPACE.TABLE",
                description = "This table too (repeatable), e.g. shop.orders.")
        List<String> tables = new ArrayList<>();

        @Option(
                names = "--keyspace-mapping",
                paramLabel = "BACKEDUP=NEW",
                description = "Restore a backed-up keyspace under another name, e.g. shop=shop_copy (repeatable):"
                        + " its tables are created there and streamed into, and the keyspace itself is not touched.")
        java.util.Map<String, String> keyspaceMapping = new java.util.LinkedHashMap<>();

        @Option(names = "--no-wait", description = "Return once the resource is created; do not follow the restore.")
        boolean noWait;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            String namespace = connection.namespace();
            CassandraRestore existing = RESTORES.get(connection, name);
            if (existing != null) {
                throw new CommandFailure(RESTORES.alreadyExists(existing));
            }
            TableNames.require(tables);
            String clusterName = clusterOf(BACKUPS.require(connection, backup), cluster);
            if (connection
                            .client()
                            .resources(CassandraCluster.class)
                            .inNamespace(namespace)
                            .withName(clusterName)
                            .get()
                    == null) {
                throw new CommandFailure("there is no cluster " + clusterName + " in namespace " + namespace
                        + " to restore backup " + backup + " into"
                        + (clusterName.equals(cluster) ? "" : " (the cluster it was taken of, by default)")
                        + "; name one with --cluster");
            }
            CassandraRestore restore = newRestore(namespace, clusterName);
            RESTORES.create(connection, restore, RESTORES::alreadyExists);
            out.println("Created restore " + name + " of backup " + backup + " into cluster " + clusterName
                    + " in namespace " + namespace + ": " + what(restore.getSpec()) + ".");
            if (noWait) {
                out.println("Follow it with: cassini restore describe " + name + " -n " + namespace);
                return 0;
            }
            out.println("Waiting until it is done; Ctrl-C stops waiting, not the restore.");
            out.flush();
            return RESTORES.follow(
                    connection, name, out, CassandraRestore::getStatus, new RestoreProgressLines(keyspaceMapping));
        }

        /**
         * The cluster to restore into: the one asked for, else the backup's. Refuses a backup that
         * has not succeeded.
         */
        static String clusterOf(CassandraBackup backup, String asked) {
            String name = backup.getMetadata().getName();
            String phase =
                    backup.getStatus() == null ? null : backup.getStatus().getPhase();
            if (!JobPhase.SUCCEEDED.equals(phase)) {
                throw new CommandFailure("backup " + name + " is "
                        + (phase == null ? "not started yet" : phase)
                        + ", and only a backup that Succeeded can be restored; "
                        + (JobPhase.FAILED.equals(phase)
                                ? "choose another (cassini backup list)"
                                : "wait until it has (cassini backup describe " + name + ")"));
            }
            return asked != null ? asked : backup.getSpec().getCluster();
        }

        CassandraRestore newRestore(String namespace, String clusterName) {
            CassandraRestoreSpec restoreSpec = new CassandraRestoreSpec();
            restoreSpec.setCluster(clusterName);
            restoreSpec.setBackup(backup);
            restoreSpec.setKeyspaces(keyspaces.isEmpty() ? null : List.copyOf(keyspaces));
            restoreSpec.setTables(tables.isEmpty() ? null : List.copyOf(tables));
            restoreSpec.setKeyspaceMapping(keyspaceMapping.isEmpty() ? null : java.util.Map.copyOf(keyspaceMapping));
            CassandraRestore restore = new CassandraRestore();
            restore.setMetadata(new ObjectMetaBuilder()
                    .withName(name)
                    .withNamespace(namespace)
                    .build());
            restore.setSpec(restoreSpec);
            return restore;
        }

        /** What the restore puts back, in words. */
        static String what(CassandraRestoreSpec spec) {
            List<String> parts = new ArrayList<>();
            if (spec.getKeyspaces() != null) {
                parts.add((spec.getKeyspaces().size() == 1 ? "keyspace " : "keyspaces ")
                        + String.join(", ", spec.getKeyspaces()));
            }
            if (spec.getTables() != null) {
                parts.add((spec.getTables().size() == 1 ? "table " : "tables ") + String.join(", ", spec.getTables()));
            }
            String what = parts.isEmpty() ? "every user keyspace in the backup" : String.join(" and ", parts);
            if (spec.getKeyspaceMapping() != null && !spec.getKeyspaceMapping().isEmpty()) {
                what += ", "
                        + spec.getKeyspaceMapping().entrySet().stream()
                                .sorted(java.util.Map.Entry.comparingByKey())
                                .map(e -> e.getKey() + " into keyspace " + e.getValue())
                                .collect(java.util.stream.Collectors.joining(", "));
            }
            return what;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "List the restores in a namespace, oldest first.",
                "",
                "STEP is Download, Truncate, Import, then Done; SIZE is the data the restore",
                "puts back; DURATION counts on while a restore runs.",
                "",
                "  cassini restore list",
                "  cassini restore list --cluster prod -n cassandra",
            })
    static final class ListRestores extends KubernetesSubcommand {
        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "Only the restores into this CassandraCluster.")
        String cluster;

        @Override
        int run(KubernetesOptions.Connection connection) {
            return RESTORES.printList(
                    connection,
                    cluster,
                    spec.commandLine().getOut(),
                    "cassini restore create NAME --backup BACKUP",
                    (found, now) -> RestoreTable.render(found, now, ZoneId.systemDefault()));
        }
    }

    @Command(
            name = "describe",
            mixinStandardHelpOptions = true,
            description = {
                "Show one restore: what it puts back, its step, what the tables are like, and",
                "each node's part.",
                "",
                "  cassini restore describe orders-1",
            })
    static final class Describe extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The restore.")
        String name;

        @Override
        int run(KubernetesOptions.Connection connection) {
            spec.commandLine()
                    .getOut()
                    .print(RestoreDescription.render(
                            RESTORES.require(connection, name), Instant.now(), ZoneId.systemDefault()));
            return 0;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = {
                "Delete a restore resource. This does not undo the restore.",
                "",
                "Tables already imported keep the backup's rows; the backup and the bucket are",
                "not touched. The command says what deleting a running restore leaves behind,",
                "then waits until the resource is gone.",
                "",
                "  cassini restore delete orders-1",
                "  cassini restore delete orders-1 --no-wait",
            })
    static final class Delete extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The restore.")
        String name;

        @Mixin
        DeletionWait deletion;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            String namespace = connection.namespace();
            out.println(deletionNotice(RESTORES.require(connection, name)));
            return RESTORES.delete(
                    connection,
                    name,
                    out,
                    deletion,
                    "something holds it (kubectl describe crs " + name + " -n " + namespace + ": its finalizers)");
        }

        /** Deleting does not undo anything; what a restore stopped half-way leaves is said before it happens. */
        static String deletionNotice(CassandraRestore restore) {
            String name = restore.getMetadata().getName();
            String notice = "Deleting restore " + name + ". This does not undo it: tables it already imported keep"
                    + " the backup's rows, and the backup stays as it is.";
            CassandraRestoreStatus status = restore.getStatus();
            if (status == null || !JobPhase.RUNNING.equals(status.getPhase())) {
                return notice;
            }
            String backup = RestoreDescription.backupOf(restore.getSpec());
            if (status.getStep() == null || "Download".equals(status.getStep())) {
                return notice + " It is still downloading, so nothing was truncated: the tables stay as they are;"
                        + " each node removes the staged files when its next restore starts.";
            }
            return notice + " It is at step " + status.getStep() + ", so the chosen tables may be empty or partly"
                    + " imported: to finish, create another restore of backup " + backup + ".";
        }
    }
}
