package dev.cassini.cli;

import static dev.cassini.cli.JobResource.BACKUPS;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupSpec;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.DeletionPolicy;
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
 * {@code cassini backup}: CassandraBackup resources from the command line, on any Kubernetes
 * cluster. The operator does the backing up; these commands create, watch, show and delete the
 * resources, and print what the status says in a form an operator on call can act on.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Back up a Cassandra cluster, and list, inspect and delete its backups.",
            "",
            "A backup goes to the bucket named by the cluster's spec.backup.storage. Each",
            "one is a CassandraBackup resource (kubectl get cbk) that the operator carries",
            "out once; these commands create, follow, show and delete those resources.",
            "",
            "  cassini backup create nightly-1      # all of the namespace's only cluster",
            "  cassini backup create pre-upgrade --keyspace shop --retain",
            "  cassini backup list",
            "  cassini backup describe nightly-1",
            "  cassini backup verify nightly-1      # every file's content in the bucket?",
            "  cassini backup list --in-bucket      # what the bucket holds, resources or not",
            "  cassini backup delete nightly-1",
            "",
            "Every command takes --kubeconfig FILE (default: $KUBECONFIG, else the devkube",
            "of ./cassini up if it runs, else ~/.kube/config) and -n NAMESPACE (default:",
            "the kubeconfig context's namespace, else default).",
        },
        subcommands = {
            BackupCommand.Create.class,
            BackupCommand.ListBackups.class,
            BackupCommand.Describe.class,
            BackupCommand.Verify.class,
            BackupCommand.Delete.class
        })
public final class BackupCommand {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Back up a cluster and follow the backup until it is done.",
                "",
                "Creates a CassandraBackup named NAME (the backup's id in the bucket) and, unless",
                "--no-wait, prints the backup's and each node's progress. Exit status 0 when it",
                "succeeded, 1 when it failed. Ctrl-C stops watching only: the backup goes on.",
                "",
                "  cassini backup create nightly-1     # every keyspace but the node-local ones",
                "  cassini backup create shop-1 -c prod --keyspace shop --table audit.events",
                "  cassini backup create pre-upgrade --datacenter dc1 --retain --no-wait",
            })
    static final class Create extends KubernetesSubcommand {
        @Parameters(
                index = "0",
                paramLabel = "NAME",
                description = "The backup's name and id in the bucket: lowercase letters, digits and '-', at most 63.")
        String name;

        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "The CassandraCluster to back up. Default: the only one in the namespace.")
        String cluster;

        @Option(
                names = "--datacenter",
                paramLabel = "DC",
                description = "Only the nodes of this datacenter (repeatable). Default: every datacenter.")
        List<String> datacenters = new ArrayList<>();

        @Option(
                names = "--keyspace",
                paramLabel = "KEYSPACE",
                description = "Only this keyspace (repeatable). Default, with no --table either: every keyspace but"
                        + " system, system_views and system_virtual_schema.")
        List<String> keyspaces = new ArrayList<>();

        @Option(
                names = "--table",
                paramLabel = "KEYSPACE.TABLE",
                description = "This table too (repeatable), e.g. shop.orders.")
        List<String> tables = new ArrayList<>();

        @Option(
                names = "--retain",
                description = "Keep the backup in the bucket when the resource is deleted (deletionPolicy Retain)."
                        + " Default: deleting the resource deletes the backup from the bucket.")
        boolean retain;

        @Option(names = "--no-wait", description = "Return once the resource is created; do not follow the backup.")
        boolean noWait;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            String namespace = connection.namespace();
            CassandraBackup existing = BACKUPS.get(connection, name);
            if (existing != null) {
                throw new CommandFailure(BACKUPS.alreadyExists(existing));
            }
            String clusterName =
                    clusterNamed(connection, cluster, datacenters).getMetadata().getName();
            CassandraBackup backup = newBackup(namespace, clusterName);
            BACKUPS.create(connection, backup, BACKUPS::alreadyExists);
            out.println("Created backup " + name + " of cluster " + clusterName + " in namespace " + namespace + " ("
                    + BackupDescription.deletionPolicy(backup.getSpec().getDeletionPolicy()) + ").");
            if (noWait) {
                out.println("Follow it with: cassini backup describe " + name + " -n " + namespace);
                return 0;
            }
            out.println("Waiting until it is done; Ctrl-C stops waiting, not the backup.");
            out.flush();
            return BACKUPS.follow(connection, name, out, CassandraBackup::getStatus, new BackupProgressLines());
        }

        /** The resource the options ask for; refuses a --table that is not keyspace.table before the API server does. */
        CassandraBackup newBackup(String namespace, String clusterName) {
            TableNames.require(tables);
            CassandraBackupSpec backupSpec = new CassandraBackupSpec();
            backupSpec.setCluster(clusterName);
            backupSpec.setDatacenters(datacenters.isEmpty() ? null : List.copyOf(datacenters));
            backupSpec.setKeyspaces(keyspaces.isEmpty() ? null : List.copyOf(keyspaces));
            backupSpec.setTables(tables.isEmpty() ? null : List.copyOf(tables));
            backupSpec.setDeletionPolicy(retain ? DeletionPolicy.Retain : DeletionPolicy.Delete);
            CassandraBackup backup = new CassandraBackup();
            backup.setMetadata(new ObjectMetaBuilder()
                    .withName(name)
                    .withNamespace(namespace)
                    .build());
            backup.setSpec(backupSpec);
            return backup;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "List the backups in a namespace, oldest first.",
                "",
                "SIZE is the data a backup holds, UPLOADED what it wrote (new content, manifests,",
                "index); DURATION counts on while a backup runs.",
                "",
                "  cassini backup list",
                "  cassini backup list --cluster prod -n cassandra",
                "  cassini backup list --in-bucket  # complete backups in the cluster's bucket",
            })
    static final class ListBackups extends KubernetesSubcommand {
        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "Only the backups of this CassandraCluster.")
        String cluster;

        @Option(
                names = "--in-bucket",
                description = "List the complete backups in the cluster's bucket (from their index entries, one small"
                        + " object each), whether a CassandraBackup resource for them exists here or not. The"
                        + " bucket's endpoint must be reachable from this machine.")
        boolean inBucket;

        @Override
        int run(KubernetesOptions.Connection connection) {
            if (inBucket) {
                CassandraCluster chosen = clusterNamed(connection, cluster);
                try (BackupBucket bucket = BackupBucket.of(connection.client(), chosen)) {
                    List<dev.cassini.contract.backup.BackupIndex> found = bucket.complete();
                    PrintWriter out = spec.commandLine().getOut();
                    if (found.isEmpty()) {
                        out.println("no complete backup in " + bucket.location());
                        return 0;
                    }
                    out.print(BackupTable.renderIndex(found, ZoneId.systemDefault()));
                    return 0;
                } catch (java.io.IOException | dev.cassini.store.ObjectStoreException e) {
                    throw BackupBucket.unreadable(e);
                }
            }
            return BACKUPS.printList(
                    connection,
                    cluster,
                    spec.commandLine().getOut(),
                    "cassini backup create NAME",
                    (found, now) -> BackupTable.render(found, now, ZoneId.systemDefault()));
        }
    }

    /** The cluster named, else the namespace's only one; refused as {@link BackupClusterChoice} says. */
    static CassandraCluster clusterNamed(KubernetesOptions.Connection connection, String asked) {
        return clusterNamed(connection, asked, List.of());
    }

    static CassandraCluster clusterNamed(
            KubernetesOptions.Connection connection, String asked, List<String> datacenters) {
        List<CassandraCluster> clusters = connection
                .client()
                .resources(CassandraCluster.class)
                .inNamespace(connection.namespace())
                .list()
                .getItems();
        String name = BackupClusterChoice.choose(clusters, asked, datacenters, connection.namespace());
        return clusters.stream()
                .filter(c -> c.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Check that a backup can be restored: every file its manifests list has its",
                "content in the bucket, of the right size; with --digests each content is also",
                "read back and hashed (as long as reading the whole backup takes). With",
                "--restore-table the table is also restored, by streaming, into a keyspace of",
                "its own on the cluster (the table itself is not touched), every restored row is",
                "read back at consistency ALL, and that keyspace is dropped: proof that the",
                "files load into Cassandra, not only that they are there. Exit status 0 when it",
                "is intact, 1 with each missing or damaged content named (or the test restore's",
                "failure) when not. The bucket's endpoint must be reachable from this machine,",
                "and with --restore-table the nodes' CQL port too.",
                "",
                "  cassini backup verify nightly-1",
                "  cassini backup verify nightly-1 --digests",
                "  cassini backup verify nightly-1 --restore-table shop.orders",
            })
    static final class Verify extends KubernetesSubcommand {
        private static final int SHOWN = 20;

        @Parameters(index = "0", paramLabel = "NAME", description = "The backup (its id in the bucket).")
        String name;

        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "The cluster whose storage holds it. Default: the backup resource's cluster, else the"
                        + " only one in the namespace.")
        String cluster;

        @Option(names = "--digests", description = "Also read every content back and check its SHA-256.")
        boolean digests;

        @Option(
                names = "--restore-table",
                paramLabel = "KEYSPACE.TABLE",
                description = "Also restore this table into a keyspace of its own on the cluster, read its rows"
                        + " back at consistency ALL, and drop that keyspace.")
        String restoreTable;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (restoreTable != null) {
                TableNames.require("--restore-table", List.of(restoreTable));
            }
            String asked = cluster;
            if (asked == null) {
                CassandraBackup resource = BACKUPS.get(connection, name);
                asked = resource == null ? null : resource.getSpec().getCluster();
            }
            CassandraCluster chosen = clusterNamed(connection, asked);
            try (BackupBucket bucket = BackupBucket.of(connection.client(), chosen)) {
                out.println("Verifying backup " + name + " in " + bucket.location()
                        + (digests ? ", reading every content back" : "") + " ...");
                out.flush();
                dev.cassini.model.backup.BackupVerification.Result result = bucket.verify(name, digests);
                String what = result.files() + " files, " + result.blobs() + " distinct contents, "
                        + HumanUnits.bytes(result.bytes());
                if (result.intact()) {
                    out.println("intact: " + what + ", every content present with the right size"
                            + (digests ? " and digest" : " (--digests also reads and hashes them)"));
                    out.flush();
                    return restoreTable == null
                            ? 0
                            : new BackupTestRestore(connection, out).run(name, chosen, restoreTable);
                }
                out.println("NOT restorable as is: " + result.problems().size() + " of " + result.blobs()
                        + " contents missing or damaged (" + what + "):");
                result.problems().stream().limit(SHOWN).forEach(p -> out.println("  " + p));
                if (result.problems().size() > SHOWN) {
                    out.println("  ... and " + (result.problems().size() - SHOWN) + " more");
                }
                out.println("A restore of this backup would fail for the tables these files belong to; take a new"
                        + " backup (cassini backup create) and keep this one only if its other tables matter.");
                return 1;
            } catch (java.io.IOException | dev.cassini.store.ObjectStoreException e) {
                throw BackupBucket.unreadable(e);
            }
        }
    }

    @Command(
            name = "describe",
            mixinStandardHelpOptions = true,
            description = {
                "Show one backup: what it covers, how it went, where it is, each node's part.",
                "",
                "  cassini backup describe nightly-1",
            })
    static final class Describe extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The backup.")
        String name;

        @Override
        int run(KubernetesOptions.Connection connection) {
            spec.commandLine()
                    .getOut()
                    .print(BackupDescription.render(
                            BACKUPS.require(connection, name), Instant.now(), ZoneId.systemDefault()));
            return 0;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = {
                "Delete a backup, from the bucket too unless its deletionPolicy is Retain.",
                "",
                "With deletionPolicy Delete (the default) the operator first deletes the",
                "backup's index entry and manifests from the bucket; content that other backups",
                "share stays. With Retain the bucket keeps the backup and only the resource",
                "goes. The command says which applies, then waits until the resource is gone.",
                "",
                "  cassini backup delete nightly-1",
                "  cassini backup delete nightly-1 --no-wait",
            })
    static final class Delete extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The backup.")
        String name;

        @Mixin
        DeletionWait deletion;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            String namespace = connection.namespace();
            CassandraBackup backup = BACKUPS.require(connection, name);
            String clusterName =
                    backup.getSpec() == null ? null : backup.getSpec().getCluster();
            boolean clusterExists = clusterName != null
                    && connection
                                    .client()
                                    .resources(CassandraCluster.class)
                                    .inNamespace(namespace)
                                    .withName(clusterName)
                                    .get()
                            != null;
            out.println(deletionNotice(backup, clusterExists));
            return BACKUPS.delete(
                    connection,
                    name,
                    out,
                    deletion,
                    "the operator could not delete its objects, or is not running (kubectl describe cbk " + name
                            + " -n " + namespace + ", and the operator's log). To leave the objects in the bucket and"
                            + " drop the resource: kubectl patch cbk " + name + " -n " + namespace
                            + " --type=merge -p '{\"metadata\":{\"finalizers\":null}}'");
        }

        /** What deleting does to the bucket, said before it happens. */
        static String deletionNotice(CassandraBackup backup, boolean clusterExists) {
            String name = backup.getMetadata().getName();
            String location = backup.getStatus() == null || backup.getStatus().getLocation() == null
                    ? "the bucket"
                    : backup.getStatus().getLocation();
            if (backup.getSpec() != null && backup.getSpec().getDeletionPolicy() == DeletionPolicy.Retain) {
                return "Deleting backup " + name + ". Its deletionPolicy is Retain: it stays in " + location
                        + "; only the resource goes.";
            }
            if (!clusterExists) {
                return "Deleting backup " + name + ". Its deletionPolicy is Delete, but cluster "
                        + backup.getSpec().getCluster() + " no longer exists, so the operator does not know its"
                        + " bucket: the backup's objects stay in " + location + ".";
            }
            return "Deleting backup " + name + ". Its deletionPolicy is Delete: the operator deletes its index entry"
                    + " and manifests from " + location + " (content other backups share stays).";
        }
    }
}
