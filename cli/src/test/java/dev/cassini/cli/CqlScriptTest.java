package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CqlScriptTest {
    private static List<String> texts(String script) {
        return CqlScript.statements(script).stream()
                .map(CqlScript.Statement::text)
                .toList();
    }

    @Test
    void statementsEndAtSemicolonsAndTheLastNeedsNone() {
        assertThat(texts("CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3};\n"
                        + "USE shop;\n\nSELECT * FROM orders"))
                .containsExactly(
                        "CREATE KEYSPACE shop WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}",
                        "USE shop",
                        "SELECT * FROM orders");
    }

    @Test
    void semicolonsInsideQuotesAndCommentsEndNothingAndCommentsAreDropped() {
        assertThat(texts("""
                -- the schema; version 2
                INSERT INTO t (k, v) VALUES ('a;b', 'it''s; fine'); // trailing; comment
                /* a block;
                   comment */ INSERT INTO "Odd;Table" (k) VALUES ($$x;y$$);
                """))
                .containsExactly(
                        "INSERT INTO t (k, v) VALUES ('a;b', 'it''s; fine')",
                        "INSERT INTO \"Odd;Table\" (k) VALUES ($$x;y$$)");
    }

    @Test
    void aBatchIsOneStatement() {
        assertThat(texts("""
                BEGIN UNLOGGED BATCH
                  INSERT INTO t (k) VALUES (1);
                  INSERT INTO t (k) VALUES (2);
                APPLY BATCH;
                SELECT k FROM t;
                """))
                .containsExactly(
                        "BEGIN UNLOGGED BATCH\n  INSERT INTO t (k) VALUES (1);\n  INSERT INTO t (k) VALUES (2);\nAPPLY BATCH",
                        "SELECT k FROM t");
    }

    @Test
    void eachStatementKnowsTheLineItStartsOn() {
        List<CqlScript.Statement> statements = CqlScript.statements(
                "-- header\n\nUSE shop;\n/* two\nlines */\nSELECT 'a\nb' FROM t;  SELECT 1 FROM t");

        assertThat(statements).extracting(CqlScript.Statement::line).containsExactly(3, 6, 7);
    }

    @Test
    void nothingButCommentsAndBlanksIsNoStatement() {
        assertThat(texts("-- nothing\n ; ;\n/* at all */\n")).isEmpty();
    }

    @Test
    void schemaChangesAreToldFromOtherStatements() {
        List<CqlScript.Statement> found = CqlScript.statements("""
                create table k.t (id int primary key);
                ALTER
                  TABLE k.t ADD v text;
                DROP INDEX k.i;
                INSERT INTO k.t (id) VALUES (1);
                SELECT * FROM k.created;
                BEGIN BATCH INSERT INTO k.t (id) VALUES (2); APPLY BATCH;
                CREATED;
                """);
        assertThat(found)
                .extracting(CqlScript.Statement::changesSchema)
                .containsExactly(true, true, true, false, false, false, false);
    }
}
