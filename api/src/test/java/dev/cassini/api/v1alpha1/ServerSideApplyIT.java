package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.devkube.binaries.KubeBinaries;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the operator and users write CassandraClusters: server-side apply, with the defaults filled
 * in by the API server, and status written through its own subresource and shown by kubectl.
 */
class ServerSideApplyIT {
    private static final String FIELD_MANAGER = "cassini-test";

    private static KubeApiServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        server = KubeApiServer.startWithCrd(
                Path.of("target", "apiserver-it", "apply").toAbsolutePath());
        client = server.client();
    }

    @AfterAll
    static void stopApiServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void applyOfAMinimalResourceGetsTheServerDefaults() {
        CassandraCluster applied = apply(Clusters.minimal("defaults"));

        CassandraClusterSpec spec = client.resource(applied).get().getSpec();
        assertThat(spec.getCassandraVersion()).isEqualTo(CassandraClusterSpec.DEFAULT_VERSION);
        assertThat(spec.getDeletionPolicy()).isEqualTo(DeletionPolicy.Retain);
        assertThat(spec.getAuth()).isNotNull();
        assertThat(spec.getAuth().getEnabled()).isTrue();
        assertThat(spec.getDatacenters().get(0).getStorage().getSize()).isEqualTo(StorageSpec.DEFAULT_SIZE);
        assertThat(spec.getClusterName())
                .as("the operator, not the server, falls back to metadata.name")
                .isNull();
        assertThat(applied.getSpec()).isEqualTo(spec);
    }

    @Test
    void defaultsFillOnlyWhatIsUnset() {
        CassandraCluster cluster = Clusters.minimal("partial");
        AuthSpec auth = new AuthSpec();
        auth.setSuperuserSecretRef("my-superuser");
        cluster.getSpec().setAuth(auth);
        StorageSpec storage = new StorageSpec();
        storage.setStorageClassName("fast");
        cluster.getSpec().getDatacenters().get(0).setStorage(storage);

        CassandraClusterSpec spec = apply(cluster).getSpec();

        assertThat(spec.getAuth().getEnabled()).isTrue();
        assertThat(spec.getAuth().getSuperuserSecretRef()).isEqualTo("my-superuser");
        assertThat(spec.getDatacenters().get(0).getStorage().getSize()).isEqualTo("10Gi");
        assertThat(spec.getDatacenters().get(0).getStorage().getStorageClassName())
                .isEqualTo("fast");
    }

    @Test
    void reapplyingTheSameResourceChangesNothing() {
        CassandraCluster first = apply(Clusters.full("idempotent"));
        CassandraCluster second = apply(Clusters.full("idempotent"));

        assertThat(second.getMetadata().getGeneration())
                .isEqualTo(first.getMetadata().getGeneration())
                .isEqualTo(1L);
        assertThat(second.getMetadata().getResourceVersion())
                .isEqualTo(first.getMetadata().getResourceVersion());
    }

    @Test
    void applyingAChangeBumpsTheGeneration() {
        apply(Clusters.minimal("change"));
        CassandraCluster scaled = Clusters.minimal("change");
        scaled.getSpec().getDatacenters().get(0).setSize(3);

        CassandraCluster applied = apply(scaled);

        assertThat(applied.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(applied.getSpec().getDatacenters().get(0).getSize()).isEqualTo(3);
    }

    @Test
    void statusIsASubresourceShownInKubectlColumns() throws Exception {
        CassandraCluster cluster = apply(Clusters.minimal("shown"));
        CassandraClusterStatus status = new CassandraClusterStatus();
        status.setObservedGeneration(1L);
        status.setPhase("Ready");
        status.setReady("3/3");
        status.setReadyNodes(3);
        status.setDesiredNodes(3);
        cluster.setStatus(status);

        CassandraCluster written = client.resource(cluster).updateStatus();

        // Status writes do not touch the spec and so do not bump the generation.
        assertThat(written.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(written.getStatus()).isEqualTo(status);
        List<String> lines = kubectl("get", "cc", "shown", "-n", "default");
        // The generator orders columns by JSON path, so AGE (.metadata...) comes before the status columns.
        List<String> header = List.of(lines.get(0).split("\\s+"));
        List<String> row = List.of(lines.get(1).split("\\s+"));
        assertThat(header).containsExactlyInAnyOrder("NAME", "READY", "STATUS", "AGE");
        assertThat(row.get(header.indexOf("NAME"))).isEqualTo("shown");
        assertThat(row.get(header.indexOf("READY"))).isEqualTo("3/3");
        assertThat(row.get(header.indexOf("STATUS"))).isEqualTo("Ready");
        assertThat(row.get(header.indexOf("AGE"))).matches("[0-9]+[smh]");
    }

    @Test
    void specWritesDoNotChangeTheStatus() {
        CassandraCluster cluster = apply(Clusters.minimal("status-kept"));
        CassandraClusterStatus status = new CassandraClusterStatus();
        status.setPhase("Creating");
        cluster.setStatus(status);
        client.resource(cluster).updateStatus();

        CassandraCluster withOtherStatus = Clusters.minimal("status-kept");
        CassandraClusterStatus ignored = new CassandraClusterStatus();
        ignored.setPhase("Hacked");
        withOtherStatus.setStatus(ignored);
        CassandraCluster applied = apply(withOtherStatus);

        assertThat(applied.getStatus().getPhase()).isEqualTo("Creating");
    }

    private static CassandraCluster apply(CassandraCluster cluster) {
        return client.resource(cluster)
                .inNamespace("default")
                .fieldManager(FIELD_MANAGER)
                .forceConflicts()
                .serverSideApply();
    }

    private static List<String> kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                KubeBinaries.findOrBuild(System.getenv()).kubectl().toString(), "--kubeconfig=" + server.kubeconfig()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("kubectl finished")
                    .isTrue();
            assertThat(process.exitValue())
                    .as("kubectl exit code; output: %s", output)
                    .isZero();
            return output.lines().toList();
        } finally {
            process.destroyForcibly();
        }
    }
}
