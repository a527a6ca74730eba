package dev.cassini.cli;

import static dev.cassini.cli.CassiniRun.cassini;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aScriptIsReadStatementByStatementAndNothingToRunIsSaidBeforeConnecting(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("schema.cql");
        Files.writeString(
                script,
                "CREATE KEYSPACE k WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};\n"
                        + "-- then\nCREATE TABLE k.t (id int PRIMARY KEY);\n");
        CqlCommand fromFile = new CqlCommand();
        fromFile.file = script;
        assertThat(fromFile.statements()).extracting(CqlScript.Statement::line).containsExactly(1, 3);

        CqlCommand both = new CqlCommand();
        both.statement = "SELECT 1";
        both.file = script;
        assertThatThrownBy(both::statements).hasMessageContaining("not both");
        CqlCommand missing = new CqlCommand();
        missing.file = dir.resolve("nope.cql");
        assertThatThrownBy(missing::statements).hasMessageContaining("no file");
        Path comments = dir.resolve("empty.cql");
        Files.writeString(comments, "-- nothing here\n");
        CqlCommand empty = new CqlCommand();
        empty.file = comments;
        assertThatThrownBy(empty::statements).hasMessageContaining("holds no statement");

        // each refusal ends the command before any connection, with status 2
        assertThat(cassini("cql", "--address", "127.31.9.9", "-f", script.toString(), "SELECT 1")
                        .exitCode())
                .isEqualTo(2);
        assertThat(cassini("cql", "--address", "127.31.9.9", "-f", missing.file.toString())
                        .exitCode())
                .isEqualTo(2);
    }
}
