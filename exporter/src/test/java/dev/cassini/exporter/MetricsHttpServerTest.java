package dev.cassini.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side on a real socket, before Cassandra is attached: formats, compression, errors. */
class MetricsHttpServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private MetricsHttpServer server;
    private URI metrics;

    @BeforeEach
    void start() throws Exception {
        ExporterSettings settings =
                ExporterSettings.parse("address=127.0.0.1&port=1&cluster=c1&dc=dc1&rack=r1&node=n1");
        server = new MetricsHttpServer(new CassandraCollector(settings)).start("127.0.0.1", 0);
        metrics = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<byte[]> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void beforeCassandraIsUpTheNodeIsStartingAndTheJvmIsReported() throws Exception {
        HttpResponse<byte[]> response = get(metrics);

        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text)
                .contains(
                        "cassandra_node_state{cluster=\"c1\",dc=\"dc1\",node=\"n1\",rack=\"r1\",state=\"STARTING\"} 1.0");
        assertThat(text)
                .contains(
                        "cassandra_node_state{cluster=\"c1\",dc=\"dc1\",node=\"n1\",rack=\"r1\",state=\"NORMAL\"} 0.0");
        assertThat(text).contains("# TYPE cassandra_jvm_memory_used_bytes gauge");
        assertThat(text).doesNotContain("# EOF");
    }

    @Test
    void openMetricsIsServedWhenAsked() throws Exception {
        HttpResponse<byte[]> response =
                get(metrics, "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/openmetrics-text");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
    }

    @Test
    void gzipIsUsedWhenAccepted() throws Exception {
        HttpResponse<byte[]> response = get(metrics, "Accept-Encoding", "gzip");

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String text = new String(
                new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("cassandra_node_state{");
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(get(URI.create("http://127.0.0.1:" + server.port() + "/")).statusCode())
                .isEqualTo(404);
        HttpResponse<String> post = client.send(
                HttpRequest.newBuilder(metrics)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
