package dev.cassini.cli;

import static dev.cassini.cli.CassiniRun.cassini;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** `cassini cql --address`: a statement on any node this machine reaches, without Kubernetes. */
class CqlCommandTest {
    @Test
    void aRoleWithoutAPasswordIsRefusedBeforeConnecting() {
        CassiniRun run = cassini("cql", "--address", "127.31.9.9", "-u", "admin", "SELECT * FROM system.local");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(System.getenv("CASSINI_CQL_PASSWORD")).isNull();
    }

    @Test
    void noNodeAnsweringThereIsAnErrorNotAStackTrace() {
        CassiniRun run = cassini("cql", "--address", "127.31.9.9", "--dc", "legacy", "SELECT * FROM system.local");
        assertThat(run.exitCode()).isEqualTo(3);
    }

    @Test
    void theHelpShowsHowToReachANodeOutsideKubernetes() {
        CassiniRun run = cassini("cql", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--address").contains("--dc").contains("CASSINI_CQL_PASSWORD");
    }
}
