package dev.cassini.cli;

import dev.cassini.agent.runtime.CachedVenv;
import dev.cassini.contract.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code cassini cql} with nothing to run: the real cqlsh from PyPI (installed into Cassini's cache
 * on first use), with its history, paging, tab completion and DESCRIBE, connected to one node as a
 * given role. The password reaches cqlsh in a credentials file only this user can read, removed
 * when the shell ends; never on its command line, where every user's {@code ps} shows it.
 */
final class CqlShell {
    /** cqlsh of Cassandra 5.0, which speaks to every version Cassini runs. */
    static final String VERSION = "6.2.2";

    /** The cached venv it is installed in. */
    private static final String VENV = "cqlsh";

    private CqlShell() {}

    /** cqlsh's command line to {@code host}, logging in with {@code credentials} when not null. */
    static List<String> command(Path cqlsh, String host, Path credentials) {
        return command(cqlsh, host, credentials, false);
    }

    /** As above, over TLS when {@code tls} (the CA file in the environment, {@link #SSL_CERTFILE}). */
    static List<String> command(Path cqlsh, String host, Path credentials, boolean tls) {
        List<String> command = new ArrayList<>(List.of(cqlsh.toString(), host, Integer.toString(Ports.CQL)));
        if (credentials != null) {
            command.add("--credentials");
            command.add(credentials.toString());
        }
        if (tls) {
            command.add("--ssl");
        }
        return command;
    }

    /** Where cqlsh reads the CA it checks a node's certificate against (it checks the CA's signature, not the name). */
    static final String SSL_CERTFILE = "SSL_CERTFILE";

    /**
     * Writes cqlsh's credentials file into {@code dir}, readable by this user alone from the moment
     * it exists (cqlsh ignores one that others can read).
     */
    static Path credentials(Path dir, String user, String password) throws IOException {
        if (user.contains("\n") || password.contains("\n")) {
            throw new CommandFailure("cqlsh cannot take a role name or password with a line break");
        }
        Path file = dir.resolve("credentials");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        // a raw value: cqlsh reads the password without interpolation, so % needs no escaping
        Files.writeString(
                file,
                "[plain_text_auth]\nusername = " + user + "\npassword = " + password + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    /** cqlsh's executable, installed from PyPI into the cache first if it is not there yet. */
    static Path installed(PrintWriter err) throws IOException, InterruptedException {
        Path venv = CachedVenv.directory(VENV);
        String check = "import importlib.metadata as m, sys; sys.exit(m.version('cqlsh') != '" + VERSION + "')";
        if (!Files.isExecutable(venv.resolve("bin/cqlsh"))) {
            err.println("cassini cql: installing cqlsh " + VERSION + " from PyPI into " + venv + " (once)");
            err.flush();
        }
        return CachedVenv.ensure(VENV, check, List.of("cqlsh==" + VERSION)).resolve("bin/cqlsh");
    }

    /**
     * Runs cqlsh on this terminal until the user leaves it; its exit status. {@code user} null logs
     * in as no one (a node without authentication).
     */
    static int run(String host, String user, String password, PrintWriter err)
            throws IOException, InterruptedException {
        return run(host, user, password, Optional.empty(), err);
    }

    /** As above, over TLS checked against the CA in {@code caPem} when there is one. */
    static int run(String host, String user, String password, Optional<String> caPem, PrintWriter err)
            throws IOException, InterruptedException {
        Path cqlsh = installed(err);
        Path dir = Files.createTempDirectory(
                "cassini-cqlsh", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path credentials = user == null ? null : credentials(dir, user, password);
            // Ctrl-C reaches every process on the terminal: it is cqlsh's (to cancel a statement), not a
            // reason for this JVM to end and leave the shell and its credentials file behind
            sun.misc.Signal interrupt = new sun.misc.Signal("INT");
            sun.misc.SignalHandler before = sun.misc.Signal.handle(interrupt, signal -> {});
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command(cqlsh, host, credentials, caPem.isPresent())).inheritIO();
                if (caPem.isPresent()) {
                    Path ca = Files.writeString(dir.resolve("ca.pem"), caPem.get());
                    builder.environment().put(SSL_CERTFILE, ca.toString());
                    builder.environment().put("SSL_VALIDATE", "true");
                }
                Process shell = builder.start();
                return shell.waitFor();
            } finally {
                sun.misc.Signal.handle(interrupt, before);
            }
        } finally {
            Files.deleteIfExists(dir.resolve("credentials"));
            Files.deleteIfExists(dir.resolve("ca.pem"));
            Files.deleteIfExists(dir);
        }
    }
}
