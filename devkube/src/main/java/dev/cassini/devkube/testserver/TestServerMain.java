package dev.cassini.devkube.testserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import sun.misc.Signal;

/**
 * The {@code cassini/testserver} image: a tiny HTTP server for devkube's own tests. It binds to
 * {@code $POD_IP} (else {@code $DEVKUBE_POD_IP}) on {@code $PORT} (default 8080) and serves:
 * <ul>
 *   <li>{@code /healthz} and {@code /ready}: 200, for liveness and readiness probes
 *       ({@code /ready} answers 503 until {@code $READY_AFTER_MS} after start);</li>
 *   <li>{@code /write?path=/data/x&content=y}: writes a file under a mount path (resolved through
 *       {@code $DEVKUBE_ROOTFS}), {@code /read?path=/data/x}: reads it back;</li>
 *   <li>{@code /env?name=X}: one environment variable.</li>
 * </ul>
 * With {@code IGNORE_SIGTERM=true} it ignores SIGTERM, to test the kubelet's grace-period kill;
 * with {@code EXIT_AFTER_MS} it exits by itself after that long with {@code EXIT_CODE} (default 0),
 * to test jobs and restarts.
 */
public final class TestServerMain {
    private TestServerMain() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        String ip = env.getOrDefault("POD_IP", env.getOrDefault("DEVKUBE_POD_IP", "127.0.0.1"));
        int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
        long readyAt = System.currentTimeMillis() + Long.parseLong(env.getOrDefault("READY_AFTER_MS", "0"));
        Path rootfs = Path.of(env.getOrDefault("DEVKUBE_ROOTFS", "/"));
        if (Boolean.parseBoolean(env.getOrDefault("IGNORE_SIGTERM", "false"))) {
            Signal.handle(new Signal("TERM"), signal -> System.out.println("testserver: ignoring SIGTERM as asked"));
        }

        HttpServer server = HttpServer.create(new InetSocketAddress(ip, port), 16);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/healthz", ex -> reply(ex, 200, "ok"));
        server.createContext("/ready", ex -> reply(ex, System.currentTimeMillis() >= readyAt ? 200 : 503, "ready?"));
        server.createContext(
                "/env", ex -> reply(ex, 200, String.valueOf(env.get(query(ex).get("name")))));
        server.createContext("/write", ex -> {
            Map<String, String> q = query(ex);
            Path file = inRootfs(rootfs, q.get("path"));
            Files.createDirectories(file.getParent());
            Files.writeString(file, q.getOrDefault("content", ""));
            reply(ex, 200, "wrote " + file);
        });
        server.createContext("/read", ex -> {
            Path file = inRootfs(rootfs, query(ex).get("path"));
            if (Files.exists(file)) {
                reply(ex, 200, Files.readString(file));
            } else {
                reply(ex, 404, "no " + file);
            }
        });
        server.start();
        System.out.println("testserver: serving on " + ip + ":" + port + " (rootfs " + rootfs + ")");
        String exitAfter = env.get("EXIT_AFTER_MS");
        if (exitAfter != null) {
            int code = Integer.parseInt(env.getOrDefault("EXIT_CODE", "0"));
            Thread exit = new Thread(
                    () -> {
                        try {
                            Thread.sleep(Long.parseLong(exitAfter));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        System.out.println("testserver: exiting with code " + code + " as asked");
                        Runtime.getRuntime().halt(code);
                    },
                    "exit-timer");
            exit.start();
        }
    }

    private static Path inRootfs(Path rootfs, String containerPath) {
        return rootfs.resolve(containerPath.replaceFirst("^/+", "")).normalize();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> result = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                result.put(
                        URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
