package dev.cassini.devkube.kubelet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cassini.devkube.PodLogs;
import dev.cassini.devkube.process.PidRegistry;
import dev.cassini.pki.IssuedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one kubelet API the API server needs from devkube: {@code /containerLogs}, so
 * {@code kubectl logs [-f] [--tail N]} works. One HTTPS endpoint per node address, all on the same
 * port (reported in each Node's {@code daemonEndpoints}). It serves only on loopback and asks for
 * no client certificate; exec, attach and port-forward are not offered.
 */
final class KubeletLogServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubeletLogServer.class);
    private static final long FOLLOW_POLL_MILLIS = 200;

    private final Path podsRoot;
    private final PidRegistry pids;
    private final List<HttpsServer> servers = new ArrayList<>();
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "devkube-kubelet-logs");
        t.setDaemon(true);
        return t;
    });

    KubeletLogServer(Path podsRoot, PidRegistry pids) {
        this.podsRoot = podsRoot;
        this.pids = pids;
    }

    /** Serves on {@code port} of every address (0: let the OS pick on the first, reuse it for the rest). */
    int start(List<String> addresses, int port, IssuedCertificate serving) {
        SSLContext tls = tls(serving);
        int chosen = port;
        for (String address : addresses) {
            try {
                HttpsServer server = HttpsServer.create(new InetSocketAddress(address, chosen), 16);
                server.setHttpsConfigurator(new HttpsConfigurator(tls));
                server.createContext("/containerLogs/", this::containerLogs);
                server.setExecutor(handlers);
                server.start();
                chosen = server.getAddress().getPort();
                servers.add(server);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve kubelet logs on " + address + ":" + chosen, e);
            }
        }
        LOG.debug("kubelet log endpoint on port {} of {}", chosen, addresses);
        return chosen;
    }

    private void containerLogs(HttpExchange exchange) throws IOException {
        try (exchange) {
            // /containerLogs/<namespace>/<pod>/<container>
            String[] parts = exchange.getRequestURI().getPath().split("/");
            if (parts.length != 5) {
                reply(exchange, 400, "expected /containerLogs/<namespace>/<pod>/<container>");
                return;
            }
            String namespace = parts[2];
            String pod = parts[3];
            String container = parts[4];
            Optional<Path> dir = PodLogs.newestLogDirectory(podsRoot, namespace, pod);
            Path log = dir.map(d -> d.resolve(container + ".log"))
                    .filter(Files::exists)
                    .orElse(null);
            if (log == null) {
                reply(exchange, 404, "no log for container " + container + " of pod " + namespace + "/" + pod);
                return;
            }
            Map<String, String> query = LogQuery.parse(exchange.getRequestURI().getRawQuery());
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long position = LogQuery.startOffset(log, query.get("tailLines"));
            position = copyFrom(log, position, out);
            if (Boolean.parseBoolean(query.get("follow"))) {
                String uid = dir.get()
                        .getParent()
                        .getFileName()
                        .toString()
                        .substring((namespace + "_" + pod + "_").length());
                String process = ContainerStarter.processName(namespace, pod, uid, container);
                // follow while the container's process lives, as a real kubelet does
                while (pids.lookup(process).isPresent()) {
                    sleep();
                    position = copyFrom(log, position, out);
                }
                copyFrom(log, position, out);
            }
        } catch (IOException clientGone) {
            // kubectl logs -f was interrupted: nothing to clean up
        }
    }

    private static long copyFrom(Path log, long position, OutputStream out) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            if (file.length() < position) {
                position = 0;
            }
            file.seek(position);
            byte[] buffer = new byte[8192];
            int n;
            while ((n = file.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                position += n;
            }
            out.flush();
            return position;
        }
    }

    private static void reply(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static SSLContext tls(IssuedCertificate serving) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "devkube".toCharArray();
            store.setKeyEntry(
                    "kubelet", serving.keyPair().getPrivate(), password, new Certificate[] {serving.certificate()});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the kubelet log endpoint", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(FOLLOW_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        handlers.shutdownNow();
    }
}
