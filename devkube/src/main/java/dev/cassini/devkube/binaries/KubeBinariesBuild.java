package dev.cassini.devkube.binaries;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code scripts/build-kube-binaries.sh}, streaming its progress to our log. The script is
 * found under the repository root given by the {@code cassini.repo.root} system property or the
 * {@code CASSINI_REPO} variable, else by walking up from the working directory.
 */
final class KubeBinariesBuild {
    private static final Logger LOG = LoggerFactory.getLogger(KubeBinariesBuild.class);
    static final String SCRIPT = "scripts/build-kube-binaries.sh";

    private final Map<String, String> env;

    KubeBinariesBuild(Map<String, String> env) {
        this.env = env;
    }

    void run() {
        Path script = locateScript()
                .orElseThrow(() -> new IllegalStateException(
                        "no Kubernetes binaries in " + KubeBinaries.cacheDirectory(env) + " and cannot find " + SCRIPT
                                + " to build them; run it from a Cassini checkout, set CASSINI_REPO to one, or set "
                                + KubeBinaries.BIN_ENV + " to a directory holding " + KubeBinaries.NAMES));
        LOG.info(
                "building the Kubernetes control plane from Go modules with {} (once; many minutes on few cores)",
                script);
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString())).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(line -> LOG.info("{}", line));
            }
            int code = process.waitFor();
            if (code != 0) {
                throw new IllegalStateException(SCRIPT + " failed with exit code " + code + "; its output is above");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the Kubernetes binaries", e);
        }
    }

    private Optional<Path> locateScript() {
        for (String root : new String[] {System.getProperty("cassini.repo.root"), env.get("CASSINI_REPO")}) {
            if (root != null && Files.isRegularFile(Path.of(root, SCRIPT))) {
                return Optional.of(Path.of(root, SCRIPT).toAbsolutePath().normalize());
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return Optional.of(dir.resolve(SCRIPT));
            }
        }
        return Optional.empty();
    }
}
