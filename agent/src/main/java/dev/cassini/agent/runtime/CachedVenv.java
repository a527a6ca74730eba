package dev.cassini.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python venv under the Cassini cache holding tools from PyPI: cqlsh for {@code cassini cql}'s
 * shell, and the tools tests use as independent judges (Prometheus' own parsers, schemathesis).
 * Created and filled on first use, and again whenever {@code installedCheck} (Python code) exits
 * non-zero, e.g. after a version change.
 */
public final class CachedVenv {
    private CachedVenv() {}

    /** Where the venv called {@code name} lives, filled or not. */
    public static Path directory(String name) {
        return CassiniCache.root(System.getenv()).resolve(name);
    }

    /** The venv's directory, with {@code requirements} installed. */
    public static Path ensure(String name, String installedCheck, List<String> requirements)
            throws IOException, InterruptedException {
        Path venv = directory(name);
        Path python = venv.resolve("bin/python");
        if (!Files.isExecutable(python) || run(List.of(python.toString(), "-c", installedCheck)) != 0) {
            Files.createDirectories(venv.getParent());
            check(run(List.of("python3", "-m", "venv", venv.toString())), "python3 -m venv " + venv);
            List<String> install = new ArrayList<>(List.of(python.toString(), "-m", "pip", "install", "-q"));
            install.addAll(requirements);
            check(run(install), "pip install " + String.join(" ", requirements));
        }
        return venv;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void check(int code, String what) throws IOException {
        if (code != 0) {
            throw new IOException(what + " failed with exit code " + code + "; this needs Python 3 with its venv"
                    + " module and access to PyPI, once (the result is cached)");
        }
    }
}
