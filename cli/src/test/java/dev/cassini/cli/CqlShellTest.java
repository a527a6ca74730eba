package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraClusterStatus;
import dev.cassini.api.v1alpha1.Clusters;
import dev.cassini.api.v1alpha1.NodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `cassini cql` hands cqlsh: the node, the role, and the password kept off the command line. */
class CqlShellTest {
    @Test
    void thePasswordIsInAFileOnlyThisUserReadsNeverOnTheCommandLine(@TempDir Path dir) throws Exception {
        Path credentials = CqlShell.credentials(dir, "demo-superuser", "s3cr%t");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(credentials))
                .isEqualTo("[plain_text_auth]\nusername = demo-superuser\npassword = s3cr%t\n");

        List<String> command = CqlShell.command(Path.of("/cache/cqlsh/bin/cqlsh"), "127.0.0.5", credentials);
        assertThat(command)
                .containsExactly("/cache/cqlsh/bin/cqlsh", "127.0.0.5", "9042", "--credentials", credentials.toString())
                .noneMatch(arg -> arg.contains("s3cr"));
        assertThat(CqlShell.command(Path.of("cqlsh"), "127.0.0.5", null)).containsExactly("cqlsh", "127.0.0.5", "9042");
        // a cluster whose clients must use TLS: cqlsh speaks it, checking the CA file it finds in its environment
        assertThat(CqlShell.command(Path.of("cqlsh"), "127.0.0.5", null, true))
                .containsExactly("cqlsh", "127.0.0.5", "9042", "--ssl");

        assertThatThrownBy(() -> CqlShell.credentials(dir.resolve("x"), "u", "two\nlines"))
                .hasMessageContaining("line break");
    }

    @Test
    void theShellGoesToANodeThatIsUpInTheSessionsDatacenter() {
        CassandraCluster cluster = Clusters.minimal("demo");
        assertThat(ClusterCql.shellNode(cluster)).isEmpty();

        CassandraClusterStatus status = new CassandraClusterStatus();
        status.setNodes(List.of(
                node("127.0.0.1", "dc1", "DN"),
                node(null, "dc1", "UN"),
                node("127.0.0.3", "dc2", "UN"),
                node("127.0.0.4", "dc1", "UN")));
        cluster.setStatus(status);
        assertThat(ClusterCql.shellNode(cluster)).contains("127.0.0.4");

        status.setNodes(List.of(node("127.0.0.1", "dc1", "DN"), node("127.0.0.3", "dc2", "UN")));
        assertThat(ClusterCql.shellNode(cluster))
                .as("up elsewhere beats down here")
                .contains("127.0.0.3");
        status.setNodes(List.of(node("127.0.0.1", "dc1", "DN")));
        assertThat(ClusterCql.shellNode(cluster)).as("cqlsh says what is wrong").contains("127.0.0.1");
    }

    private static NodeStatus node(String ip, String datacenter, String state) {
        return NodeStatuses.node("pod-" + ip, datacenter, ip, state);
    }
}
