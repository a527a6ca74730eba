package dev.cassini.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3 server for tests: s3proxy on its filesystem backend, in its own JVM, on a loopback
 * address, checking AWS signatures (v2 and v4) against one access key. Closing it kills the
 * process by its PID, also when a test failed.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "cassini-test";
    public static final String SECRET_KEY = "cassini-test-secret";

    private final Process process;
    private final String endpoint;
    private final Path log;

    private S3ProxyServer(Process process, String endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Starts the server on {@code address}:{@code port} with its objects under {@code dataDir}. */
    public static S3ProxyServer start(String address, int port, Path dataDir) throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(
                    "system property s3proxy.jar must name s3proxy's jar (the agent's build copies "
                            + "it to target/s3proxy/s3proxy.jar); got " + jar);
        }
        Files.createDirectories(dataDir);
        Path log = Path.of("target", "it-logs", "s3proxy-" + port + ".log");
        Files.createDirectories(log.getParent());
        String endpoint = "http://" + address + ":" + port;
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-Ds3proxy.endpoint=" + endpoint,
                        "-Ds3proxy.authorization=aws-v2-or-v4",
                        "-Ds3proxy.identity=" + ACCESS_KEY,
                        "-Ds3proxy.credential=" + SECRET_KEY,
                        "-Djclouds.provider=filesystem-nio2",
                        "-Djclouds.filesystem.basedir=" + dataDir.toAbsolutePath(),
                        "-jar",
                        jar,
                        "--properties",
                        "/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        S3ProxyServer server = new S3ProxyServer(process, endpoint, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 500);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        server.close();
        throw new IllegalStateException("s3proxy did not listen on " + endpoint + " within 60 s; see " + log);
    }

    public String endpoint() {
        return endpoint;
    }

    public ObjectStoreSettings settings(String bucket) {
        return new ObjectStoreSettings(endpoint, "us-east-1", true, ACCESS_KEY, SECRET_KEY, bucket, 4);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
