package dev.cassini.cli;

import static dev.cassini.cli.CassiniRun.cassini;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a backup command says when the cluster it was pointed at cannot help. */
class KubernetesOptionsTest {
    @TempDir
    Path dir;

    /** A port nothing listens on: taken from the OS, then let go. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anUnreachableApiServerIsNamedWithTheKubeconfigThatLedThere() throws IOException {
        int port = closedPort();
        Path kubeconfig = Files.writeString(dir.resolve("prod.yaml"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: prod
                  cluster:
                    server: https://127.0.0.1:%d
                    insecure-skip-tls-verify: true
                contexts:
                - name: prod
                  context: {cluster: prod, user: sre, namespace: cassandra}
                current-context: prod
                users:
                - name: sre
                  user: {token: not-a-real-token}
                """.formatted(port));

        long t0 = System.nanoTime();
        CassiniRun run = cassini("backup", "list", "--kubeconfig", kubeconfig.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("cassini backup list: cannot reach the Kubernetes API server (API server https://127.0.0.1:"
                        + port)
                .contains("kubeconfig " + kubeconfig + " (--kubeconfig)")
                .contains("connection refused or no route. Is that cluster running?");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds to give up").isLessThan(15);
    }

    @Test
    void aKubeconfigThatDoesNotExistIsSaidBeforeAnythingIsAsked() {
        Path missing = dir.resolve("missing.yaml");

        CassiniRun run = cassini("backup", "describe", "nightly-1", "--kubeconfig", missing.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("cassini backup describe: kubeconfig " + missing + " (--kubeconfig) does not exist"
                        + System.lineSeparator());
    }

    @Test
    void eachApiAnswerBecomesWhatToDo() {
        String kubeconfig = "/k (--kubeconfig)";
        String server = "https://10.0.0.1:6443/";

        for (int noAnswer : new int[] {0, -1}) {
            assertThat(KubernetesOptions.explain(noAnswer, "Connection refused", "shop", kubeconfig, server))
                    .isEqualTo("cannot reach the Kubernetes API server (API server https://10.0.0.1:6443/, kubeconfig"
                            + " /k (--kubeconfig)): Connection refused. Is that cluster running? Another cluster:"
                            + " --kubeconfig FILE or $KUBECONFIG");
        }
        assertThat(KubernetesOptions.explain(403, "forbidden", "shop", kubeconfig, server))
                .isEqualTo("the API server refused: forbidden (API server https://10.0.0.1:6443/, kubeconfig /k"
                        + " (--kubeconfig)). The kubeconfig's user needs access to cassandrabackups,"
                        + " cassandrarestores and cassandraclusters in namespace shop");
        assertThat(KubernetesOptions.explain(404, "namespaces \"shop\" not found", "shop", kubeconfig, server))
                .startsWith("namespace shop does not exist (API server https://10.0.0.1:6443/")
                .endsWith("; pick another with -n");
        assertThat(KubernetesOptions.explain(
                        404, "the server could not find the requested resource", "shop", kubeconfig, server))
                .startsWith("the API server does not know Cassini's resources: Cassini is not installed there");
        assertThat(KubernetesOptions.explain(500, "etcdserver: request timed out", "shop", kubeconfig, server))
                .isEqualTo("the API server answered HTTP 500: etcdserver: request timed out (API server"
                        + " https://10.0.0.1:6443/, kubeconfig /k (--kubeconfig))");
    }
}
