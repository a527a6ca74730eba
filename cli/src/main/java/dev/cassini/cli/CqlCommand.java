package dev.cassini.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.devkube.DevKubeStatus;
import dev.cassini.operator.CqlTransport;
import dev.cassini.operator.SuperuserSecret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "cql",
        mixinStandardHelpOptions = true,
        description = {
            "Run CQL statements on a cluster of `cassini up`, as its generated superuser, and print the rows.",
            "  ./cassini cql \"SELECT cluster_name, release_version FROM system.local\"",
            "  ./cassini cql -f schema.cql            # a script, statement by statement (-f - reads stdin)",
            "  ./cassini cql                          # cqlsh, connected (installed from PyPI on first use)",
            "Server warnings go to stderr; a schema change returns once every node has it.",
            "Or on any Cassandra node this machine reaches (a ring outside Kubernetes), as the role you give:",
            "  ./cassini cql --address 127.31.0.1 -u cassandra -p cassandra \"SELECT data_center FROM system.local\"",
        })
public final class CqlCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            description = "The CQL statement (several, separated by semicolons, run in order). Without one and"
                    + " without -f: an interactive cqlsh.")
    String statement;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "Run the statements of this CQL script in order, stopping at the first that fails; - reads"
                    + " them from stdin.")
    Path file;

    @Option(
            names = {"-c", "--cluster"},
            description = "The CassandraCluster. Default: the only one in the namespace.")
    String clusterName;

    @Option(
            names = {"-n", "--namespace"},
            description = "Namespace. Default: default.")
    String namespace = "default";

    @Option(
            names = "--address",
            split = ",",
            description = "Connect to these Cassandra nodes (IP or host name, CQL port 9042) instead of a"
                    + " CassandraCluster; comma-separated.")
    List<String> addresses;

    @Option(
            names = "--dc",
            description = "With --address: the datacenter to send requests to. Default: the first node's.")
    String datacenter;

    @Option(
            names = {"-u", "--user"},
            description = "With --address: the role to log in as. Default: no login (auth off).")
    String user;

    @Option(
            names = {"-p", "--password"},
            description = "With --address: the role's password. Default: env CASSINI_CQL_PASSWORD.")
    String password;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        boolean shell = statement == null && file == null;
        if (!shell) {
            try {
                statements = statements();
            } catch (CommandFailure e) {
                err.println("cassini cql: " + e.getMessage());
                return 2;
            }
        }
        if (addresses != null) {
            return onNodes(shell);
        }
        Optional<DevKubeStatus> status = new DevCluster().status();
        if (status.isEmpty()) {
            err.println("cassini cql: no local cluster is running; start one with ./cassini up");
            return 3;
        }
        try (KubernetesClient client = DevCluster.client(status.get())) {
            List<CassandraCluster> clusters = client.resources(CassandraCluster.class)
                    .inNamespace(namespace)
                    .list()
                    .getItems();
            CassandraCluster cluster = pick(clusters);
            if (cluster == null) {
                return 3;
            }
            if (shell) {
                return shell(client, cluster);
            }
            return run(() -> ClusterCql.connect(client, cluster));
        }
    }

    /**
     * The statements, or cqlsh on the first node, on nodes given by address: any ring this machine
     * reaches, no Kubernetes needed.
     */
    private int onNodes(boolean shell) throws IOException, InterruptedException {
        String secret = password != null ? password : System.getenv("CASSINI_CQL_PASSWORD");
        if (user != null && secret == null) {
            err.println("cassini cql: --user needs a password: give --password or set CASSINI_CQL_PASSWORD");
            return 2;
        }
        return shell
                ? CqlShell.run(addresses.get(0), user, secret, err)
                : run(() -> ClusterCql.connect(addresses, datacenter, user, secret));
    }

    /** cqlsh on a node of the cluster's session datacenter, as its superuser. */
    private int shell(KubernetesClient client, CassandraCluster cluster) throws IOException, InterruptedException {
        Optional<String> node = ClusterCql.shellNode(cluster);
        if (node.isEmpty()) {
            err.println("cassini cql: cluster " + cluster.getMetadata().getName()
                    + " has no node with an address yet; see kubectl get cc");
            return 3;
        }
        Optional<SuperuserSecret.Credentials> superuser = SuperuserSecret.read(client, cluster);
        CqlTransport transport = CqlTransport.of(client, cluster);
        return CqlShell.run(
                node.get(),
                superuser.map(SuperuserSecret.Credentials::username).orElse(null),
                superuser.map(SuperuserSecret.Credentials::password).orElse(null),
                transport.tlsFirst() ? transport.caPem() : Optional.empty(),
                err);
    }

    /** Connects, runs the statement and prints its rows: 0, or 3 when nothing answers, 1 when the statement fails. */
    private int run(java.util.function.Supplier<CqlSession> connect) {
        CqlSession connected;
        try {
            connected = connect.get();
        } catch (CommandFailure e) {
            err.println("cassini cql: " + e.getMessage());
            return 3;
        }
        try (CqlSession session = connected) {
            for (CqlScript.Statement next : statements) {
                try {
                    ResultSet rows = session.execute(next.text());
                    rows.getExecutionInfo().getWarnings().forEach(w -> err.println("warning: " + w));
                    print(rows);
                    // the session keeps no copy of the schema (it starts faster), so the driver does not wait
                    // for agreement after a change: this does, as cqlsh does
                    if (next.changesSchema() && !schemaAgrees(session)) {
                        err.println("warning: not every node has the schema change yet after "
                                + SCHEMA_AGREEMENT.toSeconds() + " s; a statement that uses it may fail on a node"
                                + " that lags (see nodetool describecluster)");
                    }
                } catch (com.datastax.oss.driver.api.core.DriverException e) {
                    err.println("cassini cql: " + where(next) + explain(e));
                    return 1;
                }
            }
        }
        return 0;
    }

    /** How long a schema change may take to reach every node before this says so. */
    static final java.time.Duration SCHEMA_AGREEMENT = java.time.Duration.ofSeconds(30);

    private List<CqlScript.Statement> statements;

    /** The statements to run, from the argument or the file (one of them is given); at least one. */
    List<CqlScript.Statement> statements() throws IOException {
        if (statement != null && file != null) {
            throw new CommandFailure("give a statement or -f FILE, not both");
        }
        String text;
        if (file != null) {
            try {
                text = file.toString().equals("-")
                        ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CommandFailure("no file " + file);
            }
        } else {
            text = statement;
        }
        List<CqlScript.Statement> found = CqlScript.statements(text);
        if (found.isEmpty()) {
            throw new CommandFailure((file != null ? file + " holds" : "the argument is") + " no statement");
        }
        return found;
    }

    /** Asks every node until they agree, for at most {@link #SCHEMA_AGREEMENT}. */
    private static boolean schemaAgrees(CqlSession session) {
        long deadline = System.nanoTime() + SCHEMA_AGREEMENT.toNanos();
        while (System.nanoTime() < deadline) {
            if (session.checkSchemaAgreement()) {
                return true;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private String where(CqlScript.Statement next) {
        return statements.size() == 1
                ? ""
                : "statement " + (statements.indexOf(next) + 1) + " (line " + next.line() + "): ";
    }

    /** The driver's message, and for a timeout what it means for the data. */
    private static String explain(com.datastax.oss.driver.api.core.DriverException e) {
        if (e instanceof com.datastax.oss.driver.api.core.DriverTimeoutException) {
            return "no answer within the request timeout; the statement may still take effect (a schema change"
                    + " usually does): check before running it again";
        }
        return e.getMessage();
    }

    private CassandraCluster pick(List<CassandraCluster> clusters) {
        if (clusterName != null) {
            Optional<CassandraCluster> named = clusters.stream()
                    .filter(c -> c.getMetadata().getName().equals(clusterName))
                    .findFirst();
            if (named.isEmpty()) {
                err.println("cassini cql: no CassandraCluster " + clusterName + " in namespace " + namespace);
            }
            return named.orElse(null);
        }
        if (clusters.size() != 1) {
            err.println("cassini cql: " + clusters.size() + " CassandraClusters in namespace " + namespace
                    + (clusters.isEmpty() ? "; start one with ./cassini up" : "; say which with --cluster"));
            return null;
        }
        return clusters.get(0);
    }

    private void print(ResultSet rows) {
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition column : rows.getColumnDefinitions()) {
            columns.add(column.getName().asCql(true));
        }
        if (columns.isEmpty()) {
            out.println("OK");
            return;
        }
        List<List<String>> table = new ArrayList<>();
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Object value = row.getObject(i);
                cells.add(value == null ? "null" : value.toString());
            }
            table.add(cells);
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (List<String> cells : table) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        printRow(columns, widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        out.println(rule.substring(0, rule.length() - 1));
        table.forEach(cells -> printRow(cells, widths));
        out.println("\n(" + table.size() + " rows)");
    }

    private void printRow(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(' ')
                    .append(String.format("%-" + widths[i] + "s", cells.get(i)))
                    .append(i < cells.size() - 1 ? " |" : "");
        }
        out.println(line);
    }
}
