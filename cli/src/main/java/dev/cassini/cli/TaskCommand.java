package dev.cassini.cli;

import static dev.cassini.cli.JobResource.TASKS;

import dev.cassini.api.v1alpha1.CassandraTask;
import dev.cassini.api.v1alpha1.CassandraTaskSpec;
import dev.cassini.api.v1alpha1.TaskConcurrency;
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

/** {@code cassini task}: CassandraTask resources, maintenance commands run node by node by the operator. */
@Command(
        name = "task",
        mixinStandardHelpOptions = true,
        description = {
            "Run a maintenance command on a cluster's nodes, one node at a time (or rack by",
            "rack), and list, inspect and delete tasks.",
            "",
            "Commands: Cleanup, Compact, UpgradeSSTables, Scrub, GarbageCollect, Flush,",
            "ClearSnapshot, Rebuild (--source-datacenter) and Restart. A task is a",
            "CassandraTask resource (kubectl get ctk) the operator runs once through the",
            "nodes' agents; a node's failed part is tried again up to 3 times.",
            "",
            "  cassini task create compact-orders --command Compact --table shop.orders",
            "  cassini task create restart-r1 --command Restart --rack r1",
            "  cassini task list",
            "  cassini task describe compact-orders",
            "  cassini task delete compact-orders",
        },
        subcommands = {
            TaskCommand.Create.class,
            TaskCommand.ListTasks.class,
            TaskCommand.Describe.class,
            TaskCommand.Delete.class
        })
public final class TaskCommand {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {"Start a task and follow it until it is done (exit 0 when it succeeded, 1 when it failed)."})
    static final class Create extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The task's name.")
        String name;

        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "The CassandraCluster.")
        String cluster;

        @Option(
                names = "--command",
                required = true,
                paramLabel = "COMMAND",
                description =
                        "Cleanup, Compact, UpgradeSSTables, Scrub, GarbageCollect, Flush, ClearSnapshot, Rebuild or"
                                + " Restart.")
        dev.cassini.api.v1alpha1.MaintenanceCommand command;

        @Option(names = "--datacenter", paramLabel = "DC", description = "Only this datacenter's nodes (repeatable).")
        List<String> datacenters = new ArrayList<>();

        @Option(names = "--rack", paramLabel = "RACK", description = "Only this rack's nodes (repeatable).")
        List<String> racks = new ArrayList<>();

        @Option(names = "--pod", paramLabel = "POD", description = "Only this pod (repeatable).")
        List<String> pods = new ArrayList<>();

        @Option(names = "--keyspace", paramLabel = "KEYSPACE", description = "Only this keyspace.")
        String keyspace;

        @Option(names = "--table", paramLabel = "KEYSPACE.TABLE", description = "Only this table (repeatable).")
        List<String> tables = new ArrayList<>();

        @Option(names = "--per-rack", description = "Every node of one rack at once, rack after rack.")
        boolean perRack;

        @Option(names = "--source-datacenter", paramLabel = "DC", description = "For Rebuild: where to stream from.")
        String sourceDatacenter;

        @Option(names = "--snapshot", paramLabel = "TAG", description = "For ClearSnapshot: only this snapshot.")
        String snapshotTag;

        @Option(names = "--no-wait", description = "Return once the resource is created.")
        boolean noWait;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            CassandraTask existing = TASKS.get(connection, name);
            if (existing != null) {
                throw new CommandFailure(TASKS.alreadyExists(existing));
            }
            TableNames.require(tables);
            String clusterName = ClusterChoice.only(connection, cluster);
            CassandraTaskSpec taskSpec = new CassandraTaskSpec();
            taskSpec.setCluster(clusterName);
            taskSpec.setCommand(command);
            taskSpec.setDatacenters(datacenters.isEmpty() ? null : List.copyOf(datacenters));
            taskSpec.setRacks(racks.isEmpty() ? null : List.copyOf(racks));
            taskSpec.setPods(pods.isEmpty() ? null : List.copyOf(pods));
            taskSpec.setKeyspaces(keyspace == null ? null : List.of(keyspace));
            taskSpec.setTables(tables.isEmpty() ? null : List.copyOf(tables));
            taskSpec.setConcurrency(perRack ? TaskConcurrency.PerRack : TaskConcurrency.OneAtATime);
            taskSpec.setSourceDatacenter(sourceDatacenter);
            taskSpec.setSnapshotTag(snapshotTag);
            CassandraTask task = new CassandraTask();
            task.setMetadata(new ObjectMetaBuilder()
                    .withName(name)
                    .withNamespace(connection.namespace())
                    .build());
            task.setSpec(taskSpec);
            TASKS.create(connection, task, TASKS::alreadyExists);
            out.println("Created task " + name + ": " + command + " on cluster " + clusterName + ".");
            if (noWait) {
                out.println("Follow it with: cassini task describe " + name + " -n " + connection.namespace());
                return 0;
            }
            out.flush();
            return TASKS.follow(connection, name, out, CassandraTask::getStatus, new TaskText());
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the tasks in a namespace, oldest first.")
    static final class ListTasks extends KubernetesSubcommand {
        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "Only this cluster's tasks.")
        String cluster;

        @Override
        int run(KubernetesOptions.Connection connection) {
            return TASKS.printList(
                    connection,
                    cluster,
                    spec.commandLine().getOut(),
                    "cassini task create NAME --command COMMAND",
                    TaskText::list);
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show one task and each node's part.")
    static final class Describe extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The task.")
        String name;

        @Override
        int run(KubernetesOptions.Connection connection) {
            spec.commandLine()
                    .getOut()
                    .print(TaskText.describe(TASKS.require(connection, name), Instant.now(), ZoneId.systemDefault()));
            return 0;
        }
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = "Delete a task resource; a node's job running finishes, no other starts.")
    static final class Delete extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The task.")
        String name;

        @Mixin
        DeletionWait deletion;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            TASKS.require(connection, name);
            return TASKS.delete(
                    connection,
                    name,
                    spec.commandLine().getOut(),
                    deletion,
                    "something holds it (kubectl describe ctk " + name + ": its finalizers)");
        }
    }
}
