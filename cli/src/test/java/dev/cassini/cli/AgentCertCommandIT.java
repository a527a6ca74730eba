package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.IssuedCertificate;
import dev.cassini.pki.Pem;
import dev.cassini.pki.ReloadingTls;
import dev.cassini.pki.TlsFiles;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cassini agent-cert} against a real API server: the files an agent outside Kubernetes
 * serves its API with, signed by the cluster's agent CA, so a client holding a certificate of that
 * CA (the operator's) gets through a real mutual TLS handshake with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentCertCommandIT {
    private ApiServerFixture fixture;

    @TempDir
    Path tmp;

    @BeforeAll
    void start() {
        fixture = ApiServerFixture.start("agent-cert");
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theFilesAreSignedByTheClustersAgentCaAndServeTheOperatorOverMutualTls() throws Exception {
        String namespace = fixture.namespaceWithCluster("cert");
        Path out = tmp.resolve("vm-node-1");

        CassiniRun run = fixture.cassini(
                namespace, "agent-cert", "vm-node-1", "--ip", "10.0.4.11", "--valid", "30d", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cassini node --api-tls " + out);
        assertThat(Files.getPosixFilePermissions(out.resolve("tls.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        CertificateAuthority authority = authorityOf(namespace);
        X509Certificate certificate =
                Pem.certificates(Files.readString(out.resolve("tls.crt"))).get(0);
        certificate.verify(authority.certificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=vm-node-1");
        assertThat(certificate.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))))
                .contains("10.0.4.11");
        assertThat(Duration.between(Instant.now(), certificate.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(29), Duration.ofDays(30));
        assertThat(Pem.certificates(Files.readString(out.resolve("ca.crt"))).get(0))
                .isEqualTo(authority.certificate());

        ReloadingTls agent = ReloadingTls.of(TlsFiles.in(out));
        ReloadingTls operator =
                ReloadingTls.of(authority.issueClient("cassini-operator", null), authority.certificate());
        assertThat(handshake(agent, operator)).isEqualTo("CN=cassini-operator");
        CertificateAuthority stranger = CertificateAuthority.create("someone else's CA");
        ReloadingTls impostor = ReloadingTls.of(stranger.issueClient("cassini-operator", null), stranger.certificate());
        assertThatThrownBy(() -> handshake(agent, impostor)).isInstanceOf(IOException.class);

        // a second run to the same place keeps the first key
        CassiniRun again = fixture.cassini(namespace, "agent-cert", "vm-node-1", "--out", out.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("exists already");
    }

    @Test
    void aValidityItCannotReadAndAClusterThatIsNotThereAreSaidAsSuch() {
        String namespace = fixture.namespaceWithCluster("bad");

        CassiniRun forever = fixture.cassini(
                namespace,
                "agent-cert",
                "x",
                "--valid",
                "forever",
                "--out",
                tmp.resolve("x").toString());
        assertThat(forever.exitCode()).isEqualTo(1);
        assertThat(forever.err()).contains("--valid forever").contains("90d or 12h");

        CassiniRun nowhere = fixture.cassini(
                namespace,
                "agent-cert",
                "x",
                "--cluster",
                "nowhere",
                "--out",
                tmp.resolve("y").toString());
        assertThat(nowhere.exitCode()).isEqualTo(1);
        assertThat(nowhere.err()).contains("no cluster nowhere");
        assertThat(tmp.resolve("y")).doesNotExist();
    }

    private CertificateAuthority authorityOf(String namespace) {
        Secret secret = fixture.client()
                .secrets()
                .inNamespace(namespace)
                .withName(ApiServerFixture.CLUSTER + "-agent-ca")
                .get();
        return CertificateAuthority.of(IssuedCertificate.fromPem(
                decode(secret.getData().get("tls.crt")), decode(secret.getData().get("tls.key"))));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }

    /** The agent's side accepts one connection, wanting a client certificate, and names the client. */
    private static String handshake(ReloadingTls agent, ReloadingTls client) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket)
                agent.context().getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setWantClientAuth(true);
            server.setSoTimeout(5_000);
            Thread accepting = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream()
                            .write(((X509Certificate) socket.getSession().getPeerCertificates()[0])
                                    .getSubjectX500Principal()
                                    .getName()
                                    .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the client sees the refusal
                }
            });
            accepting.start();
            try (SSLSocket socket = (SSLSocket) client.context()
                    .getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                socket.setSoTimeout(5_000);
                socket.startHandshake();
                byte[] name = socket.getInputStream().readAllBytes();
                if (name.length == 0) {
                    throw new IOException("the agent refused the client's certificate");
                }
                return new String(name, StandardCharsets.US_ASCII);
            } finally {
                accepting.join(5_000);
            }
        }
    }
}
