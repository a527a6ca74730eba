package dev.cassini.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /metrics} on the node address: Prometheus text format, or OpenMetrics when the Accept
 * header asks for it, gzip-compressed when the scraper accepts it (Prometheus does). The JDK's own
 * HTTP server keeps the agent free of dependencies Cassandra could clash with.
 */
final class MetricsHttpServer {
    private static final int MAX_PARALLEL_SCRAPES = 2;

    private final CassandraCollector collector;
    private final PrometheusTextFormatWriter prometheusText = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
    private HttpServer server;

    MetricsHttpServer(CassandraCollector collector) {
        this.collector = collector;
    }

    /** Binds and serves on daemon threads (the server's dispatcher inherits daemon status from the caller). */
    MetricsHttpServer start(String address, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, port), 16);
        ExecutorService workers = Executors.newFixedThreadPool(MAX_PARALLEL_SCRAPES, r -> {
            Thread t = new Thread(r, "cassini-exporter-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/metrics", this::metrics);
        server.createContext("/", this::notFound);
        server.start();
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void metrics(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")
                    && !exchange.getRequestMethod().equals("HEAD")) {
                send(
                        exchange,
                        405,
                        "text/plain; charset=utf-8",
                        "use GET /metrics\n".getBytes(StandardCharsets.UTF_8),
                        false);
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            ExpositionFormatWriter writer = openMetrics.accepts(accept) ? openMetrics : prometheusText;
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
            writer.write(body, collector.collect(), EscapingScheme.fromAcceptHeader(accept));
            String encoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            boolean gzip = encoding != null && encoding.contains("gzip");
            send(exchange, 200, writer.getContentType(), body.toByteArray(), gzip);
        } catch (RuntimeException e) {
            send(
                    exchange,
                    500,
                    "text/plain; charset=utf-8",
                    ("scrape failed: " + e + "\n").getBytes(StandardCharsets.UTF_8),
                    false);
        }
    }

    private void notFound(HttpExchange exchange) throws IOException {
        try (exchange) {
            send(
                    exchange,
                    404,
                    "text/plain; charset=utf-8",
                    "metrics are served on /metrics\n".getBytes(StandardCharsets.UTF_8),
                    false);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, boolean gzip)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (gzip) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4 + 64);
            try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
                out.write(body);
            }
            body = compressed.toByteArray();
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
