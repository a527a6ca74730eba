package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraRepair;
import dev.cassini.devkube.binaries.KubeBinaries;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl cassini}: the real kubectl finds deploy/kubectl-plugin/kubectl-cassini on the
 * PATH and runs it, and the plugin works on kubectl's current context (its namespace included)
 * against a real API server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlPluginIT {
    private static final Path PLUGIN_DIR =
            Path.of("..", "deploy", "kubectl-plugin").toAbsolutePath().normalize();
    private static final Path CLI_JAR = Path.of("target", "cassini.jar").toAbsolutePath();

    private ApiServerFixture fixture;
    private Path kubectl;

    @TempDir
    Path tmp;

    @BeforeAll
    void start() {
        fixture = ApiServerFixture.start("kubectl-plugin");
        kubectl = KubeBinaries.findOrBuild(System.getenv()).kubectl();
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void kubectlListsThePluginAndItWorksOnTheCurrentContextAndItsNamespace() throws Exception {
        String namespace = fixture.namespaceWithCluster("plugin");
        fixture.client()
                .resource(Serialization.unmarshal(
                        """
                        apiVersion: cassini.dev/v1alpha1
                        kind: CassandraRepair
                        metadata: {name: weekly-shop, namespace: %s}
                        spec: {cluster: %s, keyspaces: [shop]}
                        """.formatted(namespace, ApiServerFixture.CLUSTER), CassandraRepair.class))
                .create();
        // kubectl's own kubeconfig, its current context switched to the namespace
        Path kubeconfig = tmp.resolve("config");
        Files.copy(fixture.kubeconfig(), kubeconfig);
        Run context =
                run(kubeconfig, kubectl.toString(), "config", "set-context", "--current", "--namespace", namespace);
        assertThat(context.exitCode()).as(context.toString()).isZero();

        Run plugins = run(kubeconfig, kubectl.toString(), "plugin", "list");
        assertThat(plugins.out())
                .as(plugins.toString())
                .contains(PLUGIN_DIR.resolve("kubectl-cassini").toString());

        Run list = run(kubeconfig, kubectl.toString(), "cassini", "repair", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("weekly-shop").contains(ApiServerFixture.CLUSTER);
    }

    @Test
    void aKubeconfigThatIsNotThereIsNamedWithWhereItCameFrom() throws Exception {
        Path missing = tmp.resolve("no-such-config");
        Run list = run(missing, kubectl.toString(), "cassini", "repair", "list");

        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.err()).contains(missing.toString()).contains("$KUBECONFIG");
    }

    private record Run(int exitCode, String out, String err) {}

    /** Runs with kubectl's environment: KUBECONFIG, and the plugin's directory first on the PATH. */
    private Run run(Path kubeconfig, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command));
        Map<String, String> env = builder.environment();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("PATH", PLUGIN_DIR + ":" + System.getenv("PATH"));
        env.put("CASSINI_JAR", CLI_JAR.toString());
        env.put("HOME", tmp.toString());
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        try {
            assertThat(process.waitFor(2, TimeUnit.MINUTES))
                    .as(String.join(" ", command))
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
