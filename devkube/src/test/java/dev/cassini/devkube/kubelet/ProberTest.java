package dev.cassini.devkube.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.ReloadingTls;
import dev.cassini.pki.TlsFiles;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP probes against a real HTTPS server on loopback, its certificate from a CA the prober never saw. */
class ProberTest {
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path dir;

    private HttpsServer server;
    private final Container container = new ContainerBuilder().withName("agent").build();

    @BeforeEach
    void serveHttps() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("some other CA");
        TlsFiles files = TlsFiles.write(dir, ca.issueServer("agent", List.of(), List.of("10.9.9.9")), ca);
        server = HttpsServer.create(new InetSocketAddress(HOST, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ReloadingTls.of(files).context()));
        server.createContext("/healthz/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/healthz/live", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anHttpsProbeAcceptsAnyServerCertificateAsTheKubeletDoes() {
        // issued for another address by a CA the prober does not know, and still the probe answers
        assertThat(Prober.httpGet(get("HTTPS", "/healthz/ready"), container, HOST, 2000))
                .isTrue();
    }

    @Test
    void anHttpsProbeStillFailsOnAFailingStatus() {
        assertThat(Prober.httpGet(get("HTTPS", "/healthz/live"), container, HOST, 2000))
                .isFalse();
    }

    @Test
    void aPlainHttpProbeOfAnHttpsServerFails() {
        assertThat(Prober.httpGet(get(null, "/healthz/ready"), container, HOST, 2000))
                .isFalse();
    }

    private HTTPGetAction get(String scheme, String path) {
        return new HTTPGetActionBuilder()
                .withScheme(scheme)
                .withPath(path)
                .withPort(new IntOrString(server.getAddress().getPort()))
                .build();
    }
}
