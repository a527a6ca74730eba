package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupSpec;
import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.DeletionPolicy;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
            BackupCommand.Delete.class
        })
public final class BackupCommand {
    private static final Duration POLL = Duration.ofSeconds(2);

    /**
     * What every backup command has: the cluster options, and its failures turned into one line
     * on stderr that says what to do.
     */
    abstract static class BackupSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KubernetesOptions kube;

        @Override
        public Integer call() {
            return kube.run(spec, this::run);
        }

        abstract int run(KubernetesOptions.Connection connection) throws InterruptedException;
    }

    static MixedOperation<CassandraBackup, KubernetesResourceList<CassandraBackup>, Resource<CassandraBackup>> backups(
            KubernetesOptions.Connection connection) {
        return connection.client().resources(CassandraBackup.class);
    }

    /** The backup, or a failure that lists the ones there are: a typo is the usual cause. */
    static CassandraBackup require(KubernetesOptions.Connection connection, String name) {
        CassandraBackup backup = backups(connection)
                .inNamespace(connection.namespace())
                .withName(name)
                .get();
        if (backup != null) {
            return backup;
        }
        List<String> existing = backups(connection).inNamespace(connection.namespace()).list().getItems().stream()
                .sorted(BackupTable.BY_CREATION)
                .map(b -> b.getMetadata().getName())
                .toList();
        throw new CommandFailure(noSuchBackup(name, connection.namespace(), existing));
    }

    static String noSuchBackup(String name, String namespace, List<String> existing) {
        return "no backup " + name + " in namespace " + namespace + "; "
                + (existing.isEmpty()
                        ? "there is none (another namespace? -n NAMESPACE)"
                        : "there are: " + String.join(", ", existing));
    }

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
    static final class Create extends BackupSubcommand {
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
            CassandraBackup existing =
                    backups(connection).inNamespace(namespace).withName(name).get();
            if (existing != null) {
                throw new CommandFailure(alreadyExists(existing));
            }
            List<CassandraCluster> clusters = connection
                    .client()
                    .resources(CassandraCluster.class)
                    .inNamespace(namespace)
                    .list()
                    .getItems();
            String clusterName = BackupClusterChoice.choose(clusters, cluster, datacenters, namespace);
            CassandraBackup backup = newBackup(namespace, clusterName);
            try {
                connection.client().resource(backup).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    throw new CommandFailure(alreadyExists(backup));
                }
                if (e.getCode() == 422) {
                    throw new CommandFailure("the API server refused backup " + name + ": " + refusal(e));
                }
                throw e;
            }
            out.println("Created backup " + name + " of cluster " + clusterName + " in namespace " + namespace + " ("
                    + BackupDescription.deletionPolicy(backup.getSpec().getDeletionPolicy()) + ").");
            if (noWait) {
                out.println("Follow it with: cassini backup describe " + name + " -n " + namespace);
                return 0;
            }
            out.println("Waiting until it is done; Ctrl-C stops waiting, not the backup.");
            out.flush();
            return follow(connection, out);
        }

        /** Polls the status until the backup is done; a status read that fails is said and tried again. */
        private int follow(KubernetesOptions.Connection connection, PrintWriter out) throws InterruptedException {
            String namespace = connection.namespace();
            AtomicBoolean done = new AtomicBoolean();
            Thread onCtrlC = new Thread(() -> {
                if (!done.get()) {
                    out.print(BackupProgressLines.stoppedWatching(name, namespace));
                    out.flush();
                }
            });
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            try {
                BackupProgressLines progress = new BackupProgressLines();
                long t0 = System.nanoTime();
                String lastReadError = null;
                while (true) {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                    CassandraBackup backup;
                    try {
                        backup = backups(connection)
                                .inNamespace(namespace)
                                .withName(name)
                                .get();
                        lastReadError = null;
                    } catch (KubernetesClientException e) {
                        String error =
                                KubernetesOptions.explain(e, namespace, connection.kubeconfig(), connection.server());
                        if (!error.equals(lastReadError)) {
                            out.println("cannot read the backup's status (trying again): " + error);
                            out.flush();
                            lastReadError = error;
                        }
                        Thread.sleep(POLL.toMillis());
                        continue;
                    }
                    if (backup == null) {
                        done.set(true);
                        throw new CommandFailure("backup " + name + " was deleted while it ran");
                    }
                    CassandraBackupStatus status = backup.getStatus();
                    progress.next(status, elapsed).forEach(out::println);
                    out.flush();
                    if (BackupProgressLines.finished(status)) {
                        done.set(true);
                        out.print(BackupProgressLines.outcome(name, namespace, status, Instant.now()));
                        out.flush();
                        return BackupProgressLines.SUCCEEDED.equals(status.getPhase()) ? 0 : 1;
                    }
                    Thread.sleep(POLL.toMillis());
                }
            } finally {
                done.set(true);
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C came in: the hook runs (and, done now, says nothing more).
                }
            }
        }

        /** The resource the options ask for; refuses a --table that is not keyspace.table before the API server does. */
        CassandraBackup newBackup(String namespace, String clusterName) {
            for (String table : tables) {
                if (!table.matches("[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}")) {
                    throw new CommandFailure("--table takes KEYSPACE.TABLE, e.g. shop.orders; got '" + table + "'");
                }
            }
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

        /** A backup runs once and its name is its id in the bucket: a second one needs a new name. */
        static String alreadyExists(CassandraBackup existing) {
            String phase = existing.getStatus() == null || existing.getStatus().getPhase() == null
                    ? "not started"
                    : existing.getStatus().getPhase();
            String name = existing.getMetadata().getName();
            return "backup " + name + " already exists in namespace "
                    + existing.getMetadata().getNamespace()
                    + " (cluster "
                    + (existing.getSpec() == null
                            ? HumanUnits.UNKNOWN
                            : existing.getSpec().getCluster())
                    + ", " + phase + "). A backup runs once: choose another name, or delete it first with"
                    + " cassini backup delete " + name;
        }

        /** The API server's validation messages (the CRD's rules say what to change). */
        private static String refusal(KubernetesClientException e) {
            if (e.getStatus() == null) {
                return e.getMessage();
            }
            if (e.getStatus().getDetails() != null
                    && e.getStatus().getDetails().getCauses() != null
                    && !e.getStatus().getDetails().getCauses().isEmpty()) {
                return e.getStatus().getDetails().getCauses().stream()
                        .map(StatusCause::getMessage)
                        .collect(Collectors.joining("; "));
            }
            return e.getStatus().getMessage();
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
            })
    static final class ListBackups extends BackupSubcommand {
        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "Only the backups of this CassandraCluster.")
        String cluster;

        @Override
        int run(KubernetesOptions.Connection connection) {
            PrintWriter out = spec.commandLine().getOut();
            List<CassandraBackup> found =
                    backups(connection).inNamespace(connection.namespace()).list().getItems().stream()
                            .filter(b -> cluster == null
                                    || (b.getSpec() != null
                                            && cluster.equals(b.getSpec().getCluster())))
                            .toList();
            if (found.isEmpty()) {
                out.println("No backups" + (cluster == null ? "" : " of cluster " + cluster) + " in namespace "
                        + connection.namespace() + ". Make one with: cassini backup create NAME");
                return 0;
            }
            out.print(BackupTable.render(found, Instant.now(), ZoneId.systemDefault()));
            return 0;
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
    static final class Describe extends BackupSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The backup.")
        String name;

        @Override
        int run(KubernetesOptions.Connection connection) {
            spec.commandLine()
                    .getOut()
                    .print(BackupDescription.render(require(connection, name), Instant.now(), ZoneId.systemDefault()));
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
    static final class Delete extends BackupSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The backup.")
        String name;

        @Option(names = "--no-wait", description = "Return once the deletion is asked for.")
        boolean noWait;

        @Option(
                names = "--timeout",
                paramLabel = "SECONDS",
                description = "How long to wait for the resource to go. Default: ${DEFAULT-VALUE}.")
        long timeoutSeconds = 300;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            String namespace = connection.namespace();
            CassandraBackup backup = require(connection, name);
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
            backups(connection).inNamespace(namespace).withName(name).delete();
            if (noWait) {
                out.println(
                        "Deletion asked for; the resource goes once the operator is done. See: cassini backup list");
                return 0;
            }
            out.flush();
            long deadline =
                    System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (System.nanoTime() < deadline) {
                if (backups(connection).inNamespace(namespace).withName(name).get() == null) {
                    out.println("Backup " + name + " deleted.");
                    return 0;
                }
                Thread.sleep(POLL.toMillis());
            }
            throw new CommandFailure("backup " + name + " is still there after " + timeoutSeconds + " s: the operator"
                    + " could not delete its objects, or is not running (kubectl describe cbk " + name + " -n "
                    + namespace + ", and the operator's log). To leave the objects in the bucket and drop the resource:"
                    + " kubectl patch cbk " + name + " -n " + namespace
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
