package dev.cassini.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One run of the {@code cassini} command in this JVM: its exit status and what it printed. The
 * writers buffer as picocli's defaults over System.out and System.err do (what a command prints
 * but does not flush is lost when main exits), so a command that forgets to flush fails here too.
 */
record CassiniRun(int exitCode, String out, String err) {
    static CassiniRun cassini(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new CassiniCommand());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int exitCode = cli.execute(args);
        return new CassiniRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
