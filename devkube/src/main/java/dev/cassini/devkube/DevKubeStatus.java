package dev.cassini.devkube;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** What a running background devkube tells the CLI, in {@code <state>/devkube.properties}. */
public record DevKubeStatus(long pid, String server, Path kubeconfig, int nodes, long controlPlaneStartupMillis) {

    public static Path file(Path stateDirectory) {
        return stateDirectory.resolve("devkube.properties");
    }

    static void write(Path stateDirectory, DevKubeStatus status) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", String.valueOf(status.pid));
        p.setProperty("server", status.server);
        p.setProperty("kubeconfig", status.kubeconfig.toString());
        p.setProperty("nodes", String.valueOf(status.nodes));
        p.setProperty("controlPlaneStartupMillis", String.valueOf(status.controlPlaneStartupMillis));
        Path tmp = file(stateDirectory).resolveSibling("devkube.properties.tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "written by the devkube background process; removed when it stops");
        }
        Files.move(
                tmp,
                file(stateDirectory),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public static Optional<DevKubeStatus> read(Path stateDirectory) {
        Path file = file(stateDirectory);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new DevKubeStatus(
                Long.parseLong(p.getProperty("pid")),
                p.getProperty("server"),
                Path.of(p.getProperty("kubeconfig")),
                Integer.parseInt(p.getProperty("nodes")),
                Long.parseLong(p.getProperty("controlPlaneStartupMillis", "0"))));
    }
}
