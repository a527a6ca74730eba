package dev.cassini.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.devkube.DevKubeStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "cql",
        mixinStandardHelpOptions = true,
        description = {
            "Run one CQL statement on a cluster of `cassini up`, as its generated superuser, and print the rows.",
            "  ./cassini cql \"SELECT cluster_name, release_version FROM system.local\"",
            "Or on any Cassandra node this machine reaches (a ring outside Kubernetes), as the role you give:",
            "  ./cassini cql --address 127.31.0.1 -u cassandra -p cassandra \"SELECT data_center FROM system.local\"",
        })
public final class CqlCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The CQL statement.")
    String statement;

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

    @Override
    public Integer call() throws Exception {
        if (addresses != null) {
            return onNodes();
        }
        Optional<DevKubeStatus> status = new DevCluster().status();
        if (status.isEmpty()) {
            System.err.println("cassini cql: no local cluster is running; start one with ./cassini up");
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
            return run(() -> ClusterCql.connect(client, cluster));
        }
    }

    /** The statement on nodes given by address: any ring this machine reaches, no Kubernetes needed. */
    private int onNodes() {
        String secret = password != null ? password : System.getenv("CASSINI_CQL_PASSWORD");
        if (user != null && secret == null) {
            System.err.println("cassini cql: --user needs a password: give --password or set CASSINI_CQL_PASSWORD");
            return 2;
        }
        return run(() -> ClusterCql.connect(addresses, datacenter, user, secret));
    }

    /** Connects, runs the statement and prints its rows: 0, or 3 when nothing answers, 1 when the statement fails. */
    private int run(java.util.function.Supplier<CqlSession> connect) {
        CqlSession connected;
        try {
            connected = connect.get();
        } catch (CommandFailure e) {
            System.err.println("cassini cql: " + e.getMessage());
            return 3;
        }
        try (CqlSession session = connected) {
            print(session.execute(statement));
        } catch (com.datastax.oss.driver.api.core.DriverException e) {
            System.err.println("cassini cql: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private CassandraCluster pick(List<CassandraCluster> clusters) {
        if (clusterName != null) {
            Optional<CassandraCluster> named = clusters.stream()
                    .filter(c -> c.getMetadata().getName().equals(clusterName))
                    .findFirst();
            if (named.isEmpty()) {
                System.err.println("cassini cql: no CassandraCluster " + clusterName + " in namespace " + namespace);
            }
            return named.orElse(null);
        }
        if (clusters.size() != 1) {
            System.err.println("cassini cql: " + clusters.size() + " CassandraClusters in namespace " + namespace
                    + (clusters.isEmpty() ? "; start one with ./cassini up" : "; say which with --cluster"));
            return null;
        }
        return clusters.get(0);
    }

    private static void print(ResultSet rows) {
        List<String> columns = new ArrayList<>();
        for (ColumnDefinition column : rows.getColumnDefinitions()) {
            columns.add(column.getName().asCql(true));
        }
        if (columns.isEmpty()) {
            System.out.println("OK");
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
        System.out.println(rule.substring(0, rule.length() - 1));
        table.forEach(cells -> printRow(cells, widths));
        System.out.println("\n(" + table.size() + " rows)");
    }

    private static void printRow(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(' ')
                    .append(String.format("%-" + widths[i] + "s", cells.get(i)))
                    .append(i < cells.size() - 1 ? " |" : "");
        }
        System.out.println(line);
    }
}
