package dev.cassini.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS 1.3 handshakes on loopback between contexts built from PEM files: who is let in, who
 * is not, and a renewed certificate taken without restarting the server.
 */
class ReloadingTlsTest {
    private final CertificateAuthority authority = CertificateAuthority.create("cluster-ca");
    private final CertificateAuthority stranger = CertificateAuthority.create("some-other-ca");

    @TempDir
    Path dir;

    private ReloadingTls serverTls;
    private SSLServerSocket server;
    private Thread acceptor;
    /** What the server saw of each connection: the client's common name, "no certificate", or "refused: …". */
    private final BlockingQueue<String> seen = new ArrayBlockingQueue<>(16);

    @BeforeEach
    void startServer() throws IOException {
        serverTls = ReloadingTls.of(TlsFiles.write(dir.resolve("server"), agentCertificate(authority), authority));
        server = (SSLServerSocket)
                serverTls.context().getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        // As the agent's API does: a client certificate is asked for, checked when given, and the
        // route decides whether it needs one (the kubelet's probes have none).
        server.setWantClientAuth(true);
        acceptor = new Thread(this::serve, "tls-test-server");
        acceptor.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        acceptor.join(5_000);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                try {
                    socket.startHandshake();
                    X509Certificate client =
                            (X509Certificate) socket.getSession().getPeerCertificates()[0];
                    seen.add(client.getSubjectX500Principal().getName());
                } catch (SSLPeerUnverifiedException e) {
                    seen.add("no certificate");
                } catch (IOException e) {
                    seen.add("refused: " + e.getMessage());
                }
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // closed by the test, or the client went away after a refused handshake
            }
        }
    }

    private static IssuedCertificate agentCertificate(CertificateAuthority ca) {
        return ca.issueServer("cluster1-dc1-r1-0", List.of("cluster1-dc1-r1-0.cluster1-dc1"), List.of());
    }

    private SSLContext client(String name, IssuedCertificate identity, CertificateAuthority trusted)
            throws IOException {
        return ReloadingTls.of(TlsFiles.write(dir.resolve(name), identity, trusted))
                .context();
    }

    /** Connects, reads the server's byte, and returns the certificate the server presented. */
    private X509Certificate connect(SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket)
                context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            try (InputStream in = socket.getInputStream()) {
                in.read();
            }
            return presented;
        }
    }

    private String serverSaw() throws InterruptedException {
        String outcome = seen.poll(5, TimeUnit.SECONDS);
        assertThat(outcome).as("the server saw the connection").isNotNull();
        return outcome;
    }

    @Test
    void aClientTheAuthoritySignedIsKnownByItsName() throws Exception {
        connect(client("operator", authority.issueClient("cassini-operator", null), authority));
        assertThat(serverSaw()).isEqualTo("CN=cassini-operator");
    }

    @Test
    void anIdentityHeldInMemoryIsKnownByItsNameAndReachesTheServerByAnAddressItsCertificateDoesNotName()
            throws Exception {
        SSLContext context = ReloadingTls.of(authority.issueClient("cassini-operator", null), authority.certificate())
                .context();
        try (SSLSocket socket = (SSLSocket)
                context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            // as an HTTPS client asks: the server's certificate names no address, and still passes
            var parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            socket.getInputStream().read();
        }
        assertThat(serverSaw()).isEqualTo("CN=cassini-operator");
    }

    @Test
    void anIdentityHeldInMemoryStillRefusesAServerAnotherAuthoritySigned() {
        SSLContext wary = ReloadingTls.of(stranger.issueClient("cassini-operator", null), stranger.certificate())
                .context();
        assertThatThrownBy(() -> connect(wary)).isInstanceOf(IOException.class);
    }

    @Test
    void aClientWithoutACertificateGetsInButIsNotIdentified() throws Exception {
        // A kubelet probe presents no certificate: the JDK's own context with the authority
        // trusted and no key at all.
        var trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        var store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", authority.certificate());
        trust.init(store);
        SSLContext probe = SSLContext.getInstance("TLSv1.3");
        probe.init(null, trust.getTrustManagers(), null);

        connect(probe);
        assertThat(serverSaw()).isEqualTo("no certificate");
    }

    @Test
    void aClientAnotherAuthoritySignedIsRefusedInTheHandshake() throws Exception {
        SSLContext impostor = client("impostor", stranger.issueClient("cassini-operator", null), authority);
        assertThatThrownBy(() -> connect(impostor)).isInstanceOf(IOException.class);
        assertThat(serverSaw()).startsWith("refused: ");
    }

    @Test
    void aServerAnotherAuthoritySignedIsRefusedByTheClient() throws Exception {
        SSLContext wary = client("wary", stranger.issueClient("cassini-operator", null), stranger);
        assertThatThrownBy(() -> connect(wary)).isInstanceOf(IOException.class);
    }

    @Test
    void aRenewedCertificateIsPresentedOnTheNextConnectionWithoutRestartingTheServer() throws Exception {
        SSLContext operator = client("operator", authority.issueClient("cassini-operator", null), authority);
        X509Certificate first = connect(operator);
        serverSaw();

        IssuedCertificate renewed = agentCertificate(authority);
        TlsFiles files = TlsFiles.write(dir.resolve("server"), renewed, authority);
        touchLater(files);

        // A new client: the first one would resume its TLS session, which keeps the certificate it
        // was made with (still valid; a full handshake, as after a reconnect, sees the new one).
        X509Certificate second =
                connect(client("operator-again", authority.issueClient("cassini-operator", null), authority));
        assertThat(serverSaw()).isEqualTo("CN=cassini-operator");
        assertThat(second.getSerialNumber())
                .isEqualTo(renewed.certificate().getSerialNumber())
                .isNotEqualTo(first.getSerialNumber());
        assertThat(serverTls.lastError()).isEmpty();
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsNotTakenAndTheOldIdentityStays() throws Exception {
        X509Certificate before = serverTls.certificate();
        Path serverDir = dir.resolve("server");
        Pem.write(
                serverDir.resolve(TlsFiles.CERTIFICATE),
                agentCertificate(authority).certificate());
        touchLater(TlsFiles.in(serverDir));

        assertThat(serverTls.certificate()).isEqualTo(before);
        assertThat(serverTls.lastError())
                .get()
                .asString()
                .contains("kept the previous certificate")
                .contains("does not belong to the certificate");
        connect(client("operator", authority.issueClient("cassini-operator", null), authority));
        assertThat(serverSaw()).isEqualTo("CN=cassini-operator");
    }

    @Test
    void missingFilesAreNamedWhenTheContextIsFirstBuilt() {
        assertThatThrownBy(() -> ReloadingTls.of(TlsFiles.in(dir.resolve("nothing-here"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tls.crt");
    }

    /** Moves the files' modification times on, as a Secret volume's update does (a clock tick may be coarse). */
    private static void touchLater(TlsFiles files) throws IOException {
        FileTime later = FileTime.from(Instant.now().plus(Duration.ofSeconds(5)));
        for (Path file : List.of(files.certificate(), files.privateKey(), files.authority())) {
            Files.setLastModifiedTime(file, later);
        }
    }
}
