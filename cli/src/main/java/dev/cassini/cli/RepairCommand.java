package dev.cassini.cli;

import static dev.cassini.cli.JobResource.REPAIRS;

import dev.cassini.api.v1alpha1.CassandraRepair;
import dev.cassini.api.v1alpha1.CassandraRepairSpec;
import dev.cassini.api.v1alpha1.Parallelism;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cassini repair}: CassandraRepair resources from the command line, on any Kubernetes
 * cluster. The operator runs the repair through the nodes' agents; these commands create, follow,
 * suspend, resume, show and delete the resources.
 */
@Command(
        name = "repair",
        mixinStandardHelpOptions = true,
        description = {
            "Repair tables (compare their replicas and fix what differs), and list, inspect,",
            "suspend, resume and delete repairs.",
            "",
            "A repair is a CassandraRepair resource (kubectl get crp) that the operator runs",
            "once: each table, smallest first, cut into token-range segments; sessions of",
            "segments whose replicas are disjoint run side by side, one per node at a time.",
            "What is done is kept in its status, so a suspended repair, or one whose operator",
            "restarted, goes on from the last completed segment.",
            "",
            "  cassini repair create after-outage --keyspace shop",
            "  cassini repair suspend after-outage       # running sessions finish first",
            "  cassini repair resume after-outage",
            "  cassini repair list",
            "  cassini repair describe after-outage",
            "  cassini repair delete after-outage",
            "",
            "Every command takes --kubeconfig FILE (default: $KUBECONFIG, else the devkube",
            "of ./cassini up if it runs, else ~/.kube/config) and -n NAMESPACE (default:",
            "the kubeconfig context's namespace, else default).",
        },
        subcommands = {
            RepairCommand.Create.class,
            RepairCommand.ListRepairs.class,
            RepairCommand.Describe.class,
            RepairCommand.Suspend.class,
            RepairCommand.Resume.class,
            RepairCommand.Delete.class
        })
public final class RepairCommand {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                "Start a repair and follow it until it is done.",
                "",
                "Creates a CassandraRepair named NAME and, unless --no-wait, prints its progress",
                "(segments, bytes the replicas sent each other, time left) and a line per",
                "keyspace. Exit status 0 when it succeeded, 1 when it failed. Ctrl-C stops",
                "watching only: the repair goes on.",
                "",
                "  cassini repair create weekly                          # every non-system keyspace",
                "  cassini repair create orders --table shop.orders --intensity 0.5",
                "  cassini repair create east --datacenter east --no-wait",
            })
    static final class Create extends KubernetesSubcommand {
        @Parameters(
                index = "0",
                paramLabel = "NAME",
                description = "The repair's name: lowercase letters, digits and '-'.")
        String name;

        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "The CassandraCluster to repair. Default: the namespace's only one.")
        String cluster;

        @Option(
                names = "--keyspace",
                paramLabel = "KEYSPACE",
                description = "Only this keyspace (repeatable). Default, with no --table either: every keyspace but the"
                        + " system ones.")
        List<String> keyspaces = new ArrayList<>();

        @Option(names = "--table", paramLabel = "KEYSPACE.TABLE", description = "This table too (repeatable).")
        List<String> tables = new ArrayList<>();

        @Option(
                names = "--datacenter",
                paramLabel = "DC",
                description = "Only replicas in this datacenter take part (repeatable). Default: every datacenter.")
        List<String> datacenters = new ArrayList<>();

        @Option(
                names = "--intensity",
                paramLabel = "SHARE",
                description = "From 0.01 to 1: the share of time a node spends repairing (after a session it rests"
                        + " in proportion). Default: 1.")
        Double intensity;

        @Option(
                names = "--parallelism",
                paramLabel = "MODE",
                description = "Parallel (default), Sequential or DatacenterAware: how a session's replicas build their"
                        + " Merkle trees.")
        Parallelism parallelism;

        @Option(
                names = "--segments-per-node",
                paramLabel = "N",
                description = "About this many segments per node (default 16); fewer for a table smaller than"
                        + " this many times --min-segment-size.")
        Integer segmentsPerNode;

        @Option(
                names = "--min-segment-size",
                paramLabel = "SIZE",
                description = "The least of a table's data on a node one segment is cut to hold, e.g. 64Mi"
                        + " (default 128Mi); 0 cuts every table into --segments-per-node.")
        String minSegmentSize;

        @Option(
                names = "--incremental",
                description = "An incremental repair instead of a full one (see the README for its caveats).")
        boolean incremental;

        @Option(names = "--no-wait", description = "Return once the resource is created; do not follow the repair.")
        boolean noWait;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            String namespace = connection.namespace();
            CassandraRepair existing = REPAIRS.get(connection, name);
            if (existing != null) {
                throw new CommandFailure(REPAIRS.alreadyExists(existing));
            }
            TableNames.require(tables);
            String clusterName = ClusterChoice.only(connection, cluster);
            CassandraRepair repair = newRepair(namespace, clusterName);
            REPAIRS.create(connection, repair, REPAIRS::alreadyExists);
            out.println("Created repair " + name + " of cluster " + clusterName + " in namespace " + namespace + ": "
                    + RepairText.what(repair.getSpec()) + ".");
            if (noWait) {
                out.println("Follow it with: cassini repair describe " + name + " -n " + namespace);
                return 0;
            }
            out.println("Waiting until it is done; Ctrl-C stops waiting, not the repair.");
            out.flush();
            return REPAIRS.follow(connection, name, out, CassandraRepair::getStatus, new RepairText());
        }

        CassandraRepair newRepair(String namespace, String clusterName) {
            CassandraRepairSpec repairSpec = new CassandraRepairSpec();
            repairSpec.setCluster(clusterName);
            repairSpec.setKeyspaces(keyspaces.isEmpty() ? null : List.copyOf(keyspaces));
            repairSpec.setTables(tables.isEmpty() ? null : List.copyOf(tables));
            repairSpec.setDatacenters(datacenters.isEmpty() ? null : List.copyOf(datacenters));
            if (intensity != null) {
                repairSpec.setIntensity(intensity);
            }
            if (parallelism != null) {
                repairSpec.setParallelism(parallelism);
            }
            if (minSegmentSize != null) {
                repairSpec.setMinSegmentSize(minSegmentSize);
            }
            if (segmentsPerNode != null) {
                repairSpec.setSegmentsPerNode(segmentsPerNode);
            }
            repairSpec.setIncremental(incremental);
            CassandraRepair repair = new CassandraRepair();
            repair.setMetadata(new ObjectMetaBuilder()
                    .withName(name)
                    .withNamespace(namespace)
                    .build());
            repair.setSpec(repairSpec);
            return repair;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {"List the repairs in a namespace, oldest first.", "", "  cassini repair list --cluster prod"
            })
    static final class ListRepairs extends KubernetesSubcommand {
        @Option(
                names = {"-c", "--cluster"},
                paramLabel = "CLUSTER",
                description = "Only the repairs of this CassandraCluster.")
        String cluster;

        @Override
        int run(KubernetesOptions.Connection connection) {
            return REPAIRS.printList(
                    connection, cluster, spec.commandLine().getOut(), "cassini repair create NAME", RepairText::list);
        }
    }

    @Command(
            name = "describe",
            mixinStandardHelpOptions = true,
            description = {
                "Show one repair: what it covers, its settings, progress per table, and the",
                "sessions running or failed.",
                "",
                "  cassini repair describe after-outage",
            })
    static final class Describe extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The repair.")
        String name;

        @Override
        int run(KubernetesOptions.Connection connection) {
            spec.commandLine()
                    .getOut()
                    .print(RepairText.describe(
                            REPAIRS.require(connection, name), Instant.now(), ZoneId.systemDefault()));
            return 0;
        }
    }

    @Command(
            name = "suspend",
            mixinStandardHelpOptions = true,
            description = {
                "Suspend a repair: no new session starts, the running ones finish, then it is",
                "Suspended. Resume goes on from the last completed segment.",
                "",
                "  cassini repair suspend weekly",
            })
    static final class Suspend extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The repair.")
        String name;

        @Option(names = "--no-wait", description = "Return once asked; do not wait until it is Suspended.")
        boolean noWait;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            setSuspend(connection, name, true);
            out.println("Asked repair " + name + " to suspend; running sessions finish first.");
            if (noWait) {
                return 0;
            }
            out.flush();
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (System.nanoTime() < deadline) {
                CassandraRepair repair = REPAIRS.require(connection, name);
                String phase =
                        repair.getStatus() == null ? null : repair.getStatus().getPhase();
                if (RepairText.SUSPENDED.equals(phase) || JobPhase.finished(phase)) {
                    out.println(
                            "Repair " + name + " is " + phase + " at " + RepairText.segments(repair.getStatus()) + ".");
                    return 0;
                }
                Thread.sleep(2000);
            }
            throw new CommandFailure("repair " + name + " did not reach Suspended in 30 minutes; see cassini repair"
                    + " describe " + name);
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = {
                "Resume a suspended repair from its last completed segment.",
                "",
                "  cassini repair resume weekly"
            })
    static final class Resume extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The repair.")
        String name;

        @Override
        int run(KubernetesOptions.Connection connection) {
            setSuspend(connection, name, false);
            spec.commandLine()
                    .getOut()
                    .println("Repair " + name + " resumes; follow it with: cassini repair describe " + name);
            return 0;
        }
    }

    static void setSuspend(KubernetesOptions.Connection connection, String name, boolean suspend) {
        CassandraRepair repair = REPAIRS.require(connection, name);
        String phase = repair.getStatus() == null ? null : repair.getStatus().getPhase();
        if (JobPhase.finished(phase)) {
            throw new CommandFailure("repair " + name + " has " + phase + "; there is nothing to "
                    + (suspend ? "suspend" : "resume") + ". Start another with cassini repair create");
        }
        REPAIRS.in(connection)
                .inNamespace(connection.namespace())
                .withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspend + "}}");
    }

    @Command(
            name = "delete",
            mixinStandardHelpOptions = true,
            description = {
                "Delete a repair resource. Sessions running finish on their nodes; no new one",
                "starts. What was repaired stays repaired.",
                "",
                "  cassini repair delete weekly",
            })
    static final class Delete extends KubernetesSubcommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The repair.")
        String name;

        @Mixin
        DeletionWait deletion;

        @Override
        int run(KubernetesOptions.Connection connection) throws InterruptedException {
            REPAIRS.require(connection, name);
            return REPAIRS.delete(
                    connection,
                    name,
                    spec.commandLine().getOut(),
                    deletion,
                    "something holds it (kubectl describe crp " + name + " -n " + connection.namespace()
                            + ": its finalizers)");
        }
    }
}
