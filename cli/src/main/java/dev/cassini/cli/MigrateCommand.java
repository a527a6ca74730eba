package dev.cassini.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.DatacenterSpec;
import dev.cassini.contract.NodeDefaults;
import dev.cassini.model.ClusterShape;
import dev.cassini.model.migration.MigrationPlan;
import dev.cassini.model.migration.RowCountCheck;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Move a Cassandra cluster into Kubernetes, or between Kubernetes clusters, as a new datacenter:",
            "  plan    what the move takes and what stands in its way, read from the ring (changes nothing)",
            "  apply   plan, then write the CassandraCluster when nothing stands in the way",
            "  status  where a move stands: phase, step, each datacenter's conditions, each node's rebuild",
            "  verify  before clients switch: every table's rows per token range, counted in both datacenters",
        },
        subcommands = {
            MigrateCommand.Plan.class,
            MigrateCommand.Apply.class,
            MigrateCommand.Status.class,
            MigrateCommand.Verify.class
        })
public final class MigrateCommand {
    private MigrateCommand() {}

    @Command(
            name = "plan",
            mixinStandardHelpOptions = true,
            description = {
                "Read the ring through a seed and say what joining it with the CassandraCluster in FILE takes:",
                "its cluster name, versions, snitch, datacenters and tokens; the bytes each keyspace streams into",
                "the new datacenter and whether each new node's volume holds them; how long the streams take at",
                "the ring's configured cap; which applications are connected where. Changes nothing.",
                "Exits 0 when nothing stands in the way, 1 with each blocker and what to change, 3 when no",
                "seed answers.",
                "  ./cassini migrate plan -f moved.yaml -u legacy_admin -p change-me",
            })
    static final class Plan implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RingOptions ring;

        @Option(names = "--datacenter", description = "The datacenter of FILE that joins. Default: its first.")
        String datacenter;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                CassandraCluster cluster = read(ring.file);
                MigrationPlan.Target target = target(cluster, joining(cluster, datacenter));
                List<String> seeds = ring.seeds(cluster);
                String password = ring.password();
                MigrationPlan.Survey survey;
                try (CqlSession session = RingSurvey.connect(seeds, ring.user, password)) {
                    survey = RingSurvey.read(session);
                } catch (CommandFailure e) {
                    err.println("cassini migrate plan: " + e.getMessage());
                    return 3;
                }
                MigrationPlan.Result result = MigrationPlan.of(survey, target);
                out.print(MigrationPlanText.render(survey, target, result));
                if (result.blockers().isEmpty()) {
                    out.println("Apply it: ./cassini migrate apply -f " + ring.file + " (or kubectl apply -f "
                            + ring.file + ")");
                    return 0;
                }
                return 1;
            } catch (CommandFailure e) {
                err.println("cassini migrate plan: " + e.getMessage());
                return 2;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = {
                "Plan the move (as migrate plan does, printed), then write the CassandraCluster in FILE to the",
                "Kubernetes cluster, only when nothing stands in the way and the Secret its",
                "auth.superuserSecretRef names exists. Exits 0 once written, 1 when blocked (nothing written),",
                "3 when no seed answers.",
                "  ./cassini migrate apply -f moved.yaml -u legacy_admin -p change-me",
            })
    static final class Apply extends KubernetesSubcommand {
        @picocli.CommandLine.Mixin
        RingOptions ring;

        @Option(names = "--datacenter", description = "The datacenter of FILE that joins. Default: its first.")
        String datacenter;

        @Override
        int run(KubernetesOptions.Connection connection) {
            PrintWriter out = spec.commandLine().getOut();
            CassandraCluster cluster = read(ring.file);
            // As kubectl apply: the file's namespace unless -n says otherwise.
            String namespace = kube.namespace == null && cluster.getMetadata().getNamespace() != null
                    ? cluster.getMetadata().getNamespace()
                    : connection.namespace();
            cluster.getMetadata().setNamespace(namespace);
            MigrationPlan.Target target = target(cluster, joining(cluster, datacenter));
            MigrationPlan.Survey survey;
            try (CqlSession session = RingSurvey.connect(ring.seeds(cluster), ring.user, ring.password())) {
                survey = RingSurvey.read(session);
            } catch (CommandFailure e) {
                spec.commandLine().getErr().println("cassini migrate apply: " + e.getMessage());
                return 3;
            }
            MigrationPlan.Result result = MigrationPlan.of(survey, target);
            out.print(MigrationPlanText.render(survey, target, result));
            String secret = cluster.getSpec().getAuth() == null
                    ? null
                    : cluster.getSpec().getAuth().getSuperuserSecretRef();
            if (secret != null
                    && connection
                                    .client()
                                    .secrets()
                                    .inNamespace(namespace)
                                    .withName(secret)
                                    .get()
                            == null) {
                throw new CommandFailure("not applied: Secret " + secret
                        + " (auth.superuserSecretRef) does not exist in"
                        + " namespace " + namespace + ", so the operator could not log in to the ring."
                        + " Create it: kubectl create secret generic " + secret + " -n " + namespace
                        + " --from-literal=username=ROLE --from-literal=password=PASSWORD");
            }
            if (!result.blockers().isEmpty()) {
                out.println("Not applied.");
                return 1;
            }
            connection
                    .client()
                    .resource(cluster)
                    .inNamespace(namespace)
                    .fieldManager("cassini-cli")
                    .forceConflicts()
                    .serverSideApply();
            String name = cluster.getMetadata().getName();
            out.println("Applied CassandraCluster " + name + " in namespace " + namespace
                    + ". Follow it with: ./cassini migrate status " + name + " -n " + namespace);
            return 0;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Before clients switch: count every table replicated to both datacenters per token range, at",
                "LOCAL_QUORUM in each, and name the ranges whose counts differ (a datacenter not rebuilt, or",
                "rebuilt only in part, holds fewer rows). Reads only. Exits 0 when every count matches, 1 with",
                "the tables that differ, 3 when a datacenter does not answer.",
                "  ./cassini migrate verify -f moved.yaml -u legacy_admin -p change-me",
            })
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RingOptions ring;

        @Option(names = "--datacenter", description = "The datacenter that joined. Default: FILE's first.")
        String datacenter;

        @Option(
                names = "--source",
                description = "The datacenter it is compared with. Default: its join.rebuildFrom, else FILE's first"
                        + " external datacenter.")
        String source;

        @Option(
                names = "--ranges",
                description = "Token ranges each table is counted in (more: smaller reads, finer report). Default: 16.")
        int ranges = 16;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                if (ranges < 1) {
                    throw new CommandFailure("--ranges must be at least 1");
                }
                CassandraCluster cluster = read(ring.file);
                MigrationPlan.Target target = target(cluster, joining(cluster, datacenter));
                String from = source != null ? source : target.source();
                List<String> seeds = ring.seeds(cluster);
                String password = ring.password();
                try (DatacenterRowCounts a = DatacenterRowCounts.open(seeds, from, ring.user, password);
                        DatacenterRowCounts b =
                                DatacenterRowCounts.open(seeds, target.datacenter(), ring.user, password)) {
                    return compare(a, b, from, target.datacenter(), out);
                } catch (CommandFailure e) {
                    err.println("cassini migrate verify: " + e.getMessage());
                    return 3;
                }
            } catch (CommandFailure e) {
                err.println("cassini migrate verify: " + e.getMessage());
                return 2;
            } finally {
                out.flush();
                err.flush();
            }
        }

        private int compare(DatacenterRowCounts a, DatacenterRowCounts b, String nameA, String nameB, PrintWriter out) {
            Map<String, Map<String, String>> keyspaces = RingSurvey.replication(a.session());
            List<String> compared = RowCountCheck.comparable(keyspaces, nameA, nameB);
            List<RowCountCheck.Range> split = RowCountCheck.split(ranges);
            List<RowCountCheck.TableCounts> tables = new java.util.ArrayList<>();
            for (String keyspace : compared) {
                for (String table : a.tables(keyspace)) {
                    tables.add(new RowCountCheck.TableCounts(
                            keyspace + "." + table,
                            split,
                            a.count(keyspace, table, split),
                            b.count(keyspace, table, split)));
                }
            }
            out.print(RowCountText.render(nameA, nameB, ranges, keyspaces, compared, tables));
            return tables.stream().allMatch(t -> t.differing().isEmpty()) ? 0 : 1;
        }
    }

    /** What plan and verify both need: the resource file, the ring's seeds, a login. */
    static final class RingOptions {
        @Option(
                names = {"-f", "--file"},
                required = true,
                description = "The CassandraCluster that joins (YAML): its datacenter, its additionalSeeds.")
        Path file;

        @Option(
                names = "--seed",
                split = ",",
                description = "Seeds of the ring to read through. Default: FILE's spec.additionalSeeds.")
        List<String> seeds;

        @Option(
                names = {"-u", "--user"},
                description = "The role to log in as (a superuser of the ring). Default: no login (auth off).")
        String user;

        @Option(
                names = {"-p", "--password"},
                description = "The role's password. Default: env CASSINI_CQL_PASSWORD.")
        String password;

        List<String> seeds(CassandraCluster cluster) {
            List<String> through = seeds != null ? seeds : cluster.getSpec().getAdditionalSeeds();
            if (through == null || through.isEmpty()) {
                throw new CommandFailure(file + " has no spec.additionalSeeds: give the ring's seeds with --seed");
            }
            return through;
        }

        String password() {
            String secret = password != null ? password : System.getenv("CASSINI_CQL_PASSWORD");
            if (user != null && secret == null) {
                throw new CommandFailure("--user needs a password: give --password or set CASSINI_CQL_PASSWORD");
            }
            return secret;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Where a move stands, from the CassandraCluster's status: its phase and step, each datacenter's",
                "Replicated and Rebuilt conditions, each node's rebuild (bytes received, rate, time left), and",
                "the external datacenters (which are leaving). Rebuilt=True is the signal that clients may switch.",
                "  ./cassini migrate status moved",
            })
    static final class Status extends KubernetesSubcommand {
        @picocli.CommandLine.Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "CLUSTER",
                description = "The CassandraCluster. Default: the only one in the namespace.")
        String name;

        @Override
        int run(KubernetesOptions.Connection connection) {
            List<CassandraCluster> clusters = connection
                    .client()
                    .resources(CassandraCluster.class)
                    .inNamespace(connection.namespace())
                    .list()
                    .getItems();
            List<String> names = clusters.stream()
                    .map(c -> c.getMetadata().getName())
                    .sorted()
                    .toList();
            Optional<CassandraCluster> chosen = name != null
                    ? clusters.stream()
                            .filter(c -> c.getMetadata().getName().equals(name))
                            .findFirst()
                    : clusters.size() == 1 ? Optional.of(clusters.get(0)) : Optional.empty();
            if (chosen.isEmpty()) {
                throw new CommandFailure(
                        name != null
                                ? "no CassandraCluster " + name + " in namespace " + connection.namespace()
                                        + " (it has " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"
                                : "namespace " + connection.namespace() + " has " + names.size()
                                        + " CassandraClusters (" + String.join(", ", names) + "); say which");
            }
            spec.commandLine().getOut().print(MigrationStatusText.render(chosen.get()));
            return 0;
        }
    }

    static CassandraCluster read(Path file) {
        try {
            CassandraCluster cluster = Serialization.unmarshal(Files.readString(file), CassandraCluster.class);
            if (cluster == null
                    || cluster.getSpec() == null
                    || cluster.getSpec().getDatacenters() == null) {
                throw new CommandFailure(file + " is not a CassandraCluster with spec.datacenters");
            }
            if (cluster.getMetadata() == null || cluster.getMetadata().getName() == null) {
                throw new CommandFailure(file + " has no metadata.name");
            }
            return cluster;
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof CommandFailure failure) {
                throw failure;
            }
            throw new CommandFailure(file + " is not a CassandraCluster: " + e.getMessage());
        }
    }

    private static DatacenterSpec joining(CassandraCluster cluster, String name) {
        List<DatacenterSpec> datacenters = cluster.getSpec().getDatacenters();
        if (datacenters.isEmpty()) {
            throw new CommandFailure("the CassandraCluster has no datacenter that would join");
        }
        if (name == null) {
            return datacenters.get(0);
        }
        return datacenters.stream()
                .filter(d -> name.equals(d.getName()))
                .findFirst()
                .orElseThrow(() -> new CommandFailure("the CassandraCluster has no datacenter " + name + "; it has "
                        + datacenters.stream().map(DatacenterSpec::getName).toList()));
    }

    /** The joining datacenter as the planner sees it, with the defaults the operator would apply. */
    static MigrationPlan.Target target(CassandraCluster cluster, DatacenterSpec dc) {
        if (dc.getSize() < 1) {
            throw new CommandFailure("datacenter " + dc.getName() + " has no size: set its size (the nodes it gets)");
        }
        ClusterShape shape = ClusterShape.of(cluster);
        String source = dc.getJoin() != null && dc.getJoin().getRebuildFrom() != null
                ? dc.getJoin().getRebuildFrom()
                : shape.externalDatacenters().stream()
                        .findFirst()
                        .orElseThrow(() -> new CommandFailure(
                                "datacenter " + dc.getName() + " has no join.rebuildFrom and the CassandraCluster no"
                                        + " externalDatacenters: name the datacenter it streams from"));
        String size = dc.getStorage() == null || dc.getStorage().getSize() == null
                ? NodeDefaults.STORAGE_SIZE
                : dc.getStorage().getSize();
        var replication = dc.getJoin() == null ? null : dc.getJoin().getReplication();
        return new MigrationPlan.Target(
                shape.clusterName(),
                dc.getName(),
                dc.getSize(),
                source,
                OptionalLong.of(new Quantity(size).getNumericalAmount().longValue()),
                Optional.ofNullable(replication == null ? null : replication.getDefaultFactor()),
                replication == null || replication.getKeyspaces() == null ? Map.of() : replication.getKeyspaces(),
                shape.cassandraVersion());
    }
}
