package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.store.ObjectStore;
import dev.cassini.store.ObjectStoreException;
import dev.cassini.store.ObjectStoreSettings;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store image {@code cassini up} runs, as devkube runs it: {@link ObjectStoreMain} in a
 * JVM of its own, configured by its environment, serving S3 from a directory with the one
 * credential it was given.
 */
class ObjectStoreMainIT {
    private static final String ADDRESS = "127.0.3.41";
    private static final int PORT = 19_094;

    @TempDir
    Path data;

    @Test
    void servesS3FromItsDirectoryToItsCredentialOnly() throws Exception {
        Path log = data.resolveSibling(data.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ObjectStoreMain.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("POD_IP", ADDRESS);
        builder.environment().put(ObjectStoreMain.PORT_ENV, String.valueOf(PORT));
        builder.environment()
                .put(ObjectStoreMain.DATA_ENV, data.resolve("objects").toString());
        builder.environment().put(ObjectStoreMain.ACCESS_KEY_ENV, "CASSINITEST");
        builder.environment().put(ObjectStoreMain.SECRET_KEY_ENV, "not-so-secret");
        Process process = builder.start();
        try {
            awaitListening(process, log);
            String endpoint = "http://" + ADDRESS + ":" + PORT;
            try (ObjectStore store = new ObjectStore(new ObjectStoreSettings(
                    endpoint, "us-east-1", true, "CASSINITEST", "not-so-secret", "backups", 2))) {
                store.createBucket();
                store.put("a/b.txt", "hello".getBytes(StandardCharsets.UTF_8));

                assertThat(new String(store.get("a/b.txt"), StandardCharsets.UTF_8))
                        .isEqualTo("hello");
            }
            assertThat(data.resolve("objects").resolve("backups")).isDirectory();
            try (ObjectStore stranger = new ObjectStore(
                    new ObjectStoreSettings(endpoint, "us-east-1", true, "CASSINITEST", "guessed", "backups", 1))) {
                assertThatThrownBy(stranger::checkAccess).isInstanceOf(ObjectStoreException.class);
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitListening(Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the object store exited: " + Files.readString(log));
            }
            try (Socket ignored = new Socket(ADDRESS, PORT)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the object store did not listen within 60 s: " + Files.readString(log));
    }
}
