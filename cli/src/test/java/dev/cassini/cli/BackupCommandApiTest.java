package dev.cassini.cli;

import static dev.cassini.cli.BackupFixtures.GIB;
import static dev.cassini.cli.BackupFixtures.backup;
import static dev.cassini.cli.BackupFixtures.status;
import static dev.cassini.cli.CassiniRun.cassini;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cassini.api.v1alpha1.CassandraBackup;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup commands against a stand-in API server that answers GETs from fixed JSON: what they
 * ask for, in which namespace, and what they print. No cluster is started.
 */
class BackupCommandApiTest {
    private static final String BACKUPS = "/apis/cassini.dev/v1alpha1/namespaces/shop/cassandrabackups";

    @TempDir
    Path dir;

    private HttpServer server;
    private Path kubeconfig;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startApiServer() throws IOException {
        CassandraBackup second = backup("nightly-2", "demo", "2025-06-02T02:00:00Z");
        second.getMetadata().setNamespace("shop");
        second.setStatus(status("Running", "2025-06-02T02:00:05Z", null, null, null));
        CassandraBackup first = backup("nightly-1", "demo", "2025-06-01T02:00:00Z");
        first.getMetadata().setNamespace("shop");
        first.setStatus(status("Succeeded", "2025-06-01T02:00:04Z", "2025-06-01T02:03:09Z", 3 * GIB + GIB / 2, 42L));
        Map<String, String> answers = Map.of(
                BACKUPS,
                "{\"apiVersion\":\"cassini.dev/v1alpha1\",\"kind\":\"CassandraBackupList\",\"metadata\":{},\"items\":["
                        + Serialization.asJson(second) + "," + Serialization.asJson(first) + "]}",
                BACKUPS + "/nightly-1",
                Serialization.asJson(first));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String answer = answers.get(exchange.getRequestURI().getPath());
            byte[] body = (answer != null
                            ? answer
                            : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                                    + "\"code\":404}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer != null ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        kubeconfig = Files.writeString(
                dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster: {server: "http://127.0.0.1:%d"}
                contexts:
                - name: test
                  context: {cluster: test, user: sre, namespace: shop}
                current-context: test
                users:
                - name: sre
                  user: {token: test}
                """.formatted(server.getAddress().getPort()));
    }

    @AfterEach
    void stopApiServer() {
        server.stop(0);
    }

    @Test
    void listPrintsTheNamespacesBackupsOldestFirst() {
        CassiniRun run = cassini("backup", "list", "--kubeconfig", kubeconfig.toString(), "-n", "shop");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("NAME        CLUSTER   STATUS      SIZE      UPLOADED   STARTED");
        assertThat(lines.get(1)).startsWith("nightly-1   demo      Succeeded   3.5 GiB   42 B       2025-06-01");
        assertThat(lines.get(2)).startsWith("nightly-2   demo      Running     -         -          2025-06-02");
        assertThat(requests).containsExactly("GET " + BACKUPS);
    }

    @Test
    void anUnknownBackupIsRefusedWithTheOnesInTheKubeconfigsNamespace() {
        CassiniRun run = cassini("backup", "describe", "nightly-9", "--kubeconfig", kubeconfig.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("cassini backup describe: no backup nightly-9 in namespace shop; there are: nightly-1,"
                        + " nightly-2" + System.lineSeparator());
    }

    @Test
    void describeShowsTheBackup() {
        CassiniRun run = cassini("backup", "describe", "nightly-1", "--kubeconfig", kubeconfig.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Name:            nightly-1\nNamespace:       shop\nCluster:         demo\n")
                .contains("Status:          Succeeded\n");
    }

    @Test
    void creatingANameThatExistsIsRefusedBeforeAnythingIsWritten() {
        CassiniRun run = cassini("backup", "create", "nightly-1", "--no-wait", "--kubeconfig", kubeconfig.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("cassini backup create: backup nightly-1 already exists in namespace shop (cluster demo,"
                        + " Succeeded)");
        assertThat(requests).containsExactly("GET " + BACKUPS + "/nightly-1");
    }
}
