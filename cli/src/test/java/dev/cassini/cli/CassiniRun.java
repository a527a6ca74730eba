package dev.cassini.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code cassini} command in this JVM: its exit status and what it printed. */
record CassiniRun(int exitCode, String out, String err) {
    static CassiniRun cassini(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CassiniCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new CassiniRun(exitCode, out.toString(), err.toString());
    }
}
