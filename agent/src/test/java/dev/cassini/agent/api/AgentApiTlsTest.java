package dev.cassini.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cassini.agent.NodeAgent;
import dev.cassini.contract.AgentEnvironment;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.IssuedCertificate;
import dev.cassini.pki.ReloadingTls;
import dev.cassini.pki.TlsFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's API over mutual TLS, with real handshakes and no Cassandra: the health probes
 * answer anyone, every other route only a client the cluster's CA signed, a client another CA
 * signed is refused in the handshake, nothing answers plain HTTP, and a renewed certificate is
 * served without restarting the agent.
 */
class AgentApiTlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final CertificateAuthority clusterCa = CertificateAuthority.create("cluster1-agent-ca");
    private NodeAgent agent;
    private AgentApi api;
    private ApiTls tls;
    private String address;
    private int port;

    @BeforeEach
    void startApi() throws Exception {
        address = "127.0.0." + ThreadLocalRandom.current().nextInt(100, 201);
        port = AgentApiTest.freePort(address);
        agent = AgentApiTest.agentWithoutCassandra(tmp, address, port);
        tls = ApiTls.of(TlsFiles.write(tmp.resolve("agent-tls"), agentCertificate(), clusterCa));
        api = new AgentApi(agent, Optional.of(tls)).start(address, port);
    }

    @AfterEach
    void stopApi() {
        if (api != null) {
            api.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private IssuedCertificate agentCertificate() {
        return clusterCa.issueServer("cluster1-dc1-r1-0", List.of("cluster1-dc1-r1-0.cluster1-dc1"), List.of());
    }

    /** A client presenting {@code identity} and trusting {@code trusted}, as the operator's client does. */
    private HttpClient client(String name, IssuedCertificate identity, CertificateAuthority trusted)
            throws IOException {
        SSLContext context = ReloadingTls.of(TlsFiles.write(tmp.resolve(name), identity, trusted))
                .context();
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * What a kubelet's HTTPS probe is: no client certificate, and no check of the server's either
     * (a kubelet does not verify a probe's certificate).
     */
    private static HttpClient probe() throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, new javax.net.ssl.TrustManager[] {new TrustingAnything()}, null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Accepts any server certificate; extended, so the JDK adds no address check of its own. */
    private static final class TrustingAnything extends javax.net.ssl.X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private HttpResponse<String> get(HttpClient client, String scheme, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(scheme + "://" + address + ":" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOperatorsCertificateReachesEveryRoute() throws Exception {
        HttpClient operator = client("operator", clusterCa.issueClient("cassini-operator", null), clusterCa);

        HttpResponse<String> node = get(operator, "https", AgentRoutes.NODE);
        assertThat(node.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(node.body()).path("datacenter").asText()).isNotEmpty();
        assertThat(get(operator, "https", AgentRoutes.OPENAPI).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutACertificateOnlyTheHealthRoutesAnswer() throws Exception {
        HttpClient probe = probe();

        assertThat(get(probe, "https", AgentRoutes.LIVE).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get(probe, "https", AgentRoutes.READY);
        assertThat(ready.statusCode())
                .as("answered, not refused: no Cassandra runs")
                .isEqualTo(503);
        assertThat(ready.body()).doesNotContain("client certificate");

        for (String path : List.of(AgentRoutes.NODE, AgentRoutes.OPENAPI, AgentRoutes.SEEDS)) {
            HttpResponse<String> refused = get(probe, "https", path);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.path("error").asText())
                    .contains(path)
                    .contains("needs a client certificate signed by the cluster's agent CA");
        }
        HttpResponse<String> stop = probe.send(
                HttpRequest.newBuilder(URI.create("https://" + address + ":" + port + AgentRoutes.STOP))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stop.statusCode()).isEqualTo(401);
    }

    @Test
    void aCertificateAnotherAuthoritySignedIsRefusedInTheHandshake() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("someone-elses-ca");
        HttpClient impostor = client("impostor", other.issueClient("cassini-operator", null), clusterCa);

        assertThatThrownBy(() -> get(impostor, "https", AgentRoutes.NODE)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(impostor, "https", AgentRoutes.LIVE)).isInstanceOf(IOException.class);
    }

    @Test
    void nothingAnswersPlainHttp() throws Exception {
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> get(plain, "http", AgentRoutes.LIVE)).isInstanceOf(IOException.class);
    }

    @Test
    void aRenewedCertificateIsServedWithoutRestartingTheAgent() throws Exception {
        IssuedCertificate operatorIdentity = clusterCa.issueClient("cassini-operator", null);
        BigInteger before = served(client("operator", operatorIdentity, clusterCa));

        IssuedCertificate renewed = agentCertificate();
        TlsFiles files = TlsFiles.write(tmp.resolve("agent-tls"), renewed, clusterCa);
        FileTime later = FileTime.from(Instant.now().plusSeconds(5));
        for (Path file : List.of(files.certificate(), files.privateKey(), files.authority())) {
            Files.setLastModifiedTime(file, later);
        }

        // A new connection (a new client: an open one would resume its TLS session).
        BigInteger after = served(client("operator-2", operatorIdentity, clusterCa));
        assertThat(after).isEqualTo(renewed.certificate().getSerialNumber()).isNotEqualTo(before);
        assertThat(tls.certificate().getSerialNumber()).isEqualTo(after);
    }

    private BigInteger served(HttpClient client) throws Exception {
        HttpResponse<String> response = get(client, "https", AgentRoutes.NODE);
        assertThat(response.statusCode()).isEqualTo(200);
        return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }

    @Test
    void theEnvironmentGivesAllThreeFilesOrNone() {
        assertThat(ApiTls.files(Map.of())).isEmpty();
        Map<String, String> all = new HashMap<>(Map.of(
                AgentEnvironment.API_TLS_CERTIFICATE, "/tls/a.crt",
                AgentEnvironment.API_TLS_KEY, "/tls/a.key",
                AgentEnvironment.API_TLS_CA, "/tls/ca.crt"));
        assertThat(ApiTls.files(all))
                .contains(new TlsFiles(Path.of("/tls/a.crt"), Path.of("/tls/a.key"), Path.of("/tls/ca.crt")));

        all.remove(AgentEnvironment.API_TLS_KEY);
        assertThatThrownBy(() -> ApiTls.files(all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CASSINI_API_TLS_KEY is not set")
                .hasMessageContaining("together");
    }
}
