package dev.cassini.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.config.TestNodeConfigs;
import dev.cassini.contract.AgentEnvironment;
import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.IssuedCertificate;
import dev.cassini.pki.Pem;
import dev.cassini.pki.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraTlsFilesTest {
    @TempDir
    Path tmp;

    private NodeConfig config(TlsFiles files) {
        return TestNodeConfigs.config(
                tmp.resolve("node"),
                Map.of(
                        AgentEnvironment.CLIENT_ENCRYPTION, "required",
                        AgentEnvironment.CASSANDRA_TLS_CERTIFICATE,
                                files.certificate().toString(),
                        AgentEnvironment.CASSANDRA_TLS_KEY, files.privateKey().toString(),
                        AgentEnvironment.CASSANDRA_TLS_CA, files.authority().toString()));
    }

    @Test
    void theKeystoreIsTheKeyAsPkcs8ThenTheCertificateAndTheTruststoreTheCaOwnerReadableOnly() throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("cluster-ca");
        IssuedCertificate node = ca.issuePeer("node-0", List.of(), List.of("127.0.0.11"), Duration.ofDays(1));
        // as mounted: the key in the SEC1 form the operator's PKI writes
        TlsFiles mounted = TlsFiles.write(tmp.resolve("mounted"), node, ca);
        assertThat(Files.readString(mounted.privateKey())).startsWith("-----BEGIN EC PRIVATE KEY-----");
        NodeConfig config = config(mounted);

        CassandraTlsFiles.stage(config);

        String keystore = Files.readString(config.directories().tlsKeystore());
        assertThat(keystore).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(((java.security.interfaces.ECPrivateKey) Pem.privateKey(keystore)).getS())
                .as("the node's own key")
                .isEqualTo(
                        ((java.security.interfaces.ECPrivateKey) node.keyPair().getPrivate()).getS());
        assertThat(Pem.certificates(keystore)).containsExactly(node.certificate());
        assertThat(Pem.certificates(Files.readString(config.directories().tlsTruststore())))
                .containsExactly(ca.certificate());
        for (Path file :
                List.of(config.directories().tlsKeystore(), config.directories().tlsTruststore())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aMountedFileThatIsNotPemStopsTheStartNamingIt() throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("cluster-ca");
        TlsFiles mounted = TlsFiles.write(
                tmp.resolve("mounted"), ca.issuePeer("n", List.of(), List.of("127.0.0.11"), Duration.ofDays(1)), ca);
        Files.writeString(mounted.authority(), "not a certificate");
        assertThatThrownBy(() -> CassandraTlsFiles.stage(config(mounted)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cassandra's TLS CA " + mounted.authority());
    }

    @Test
    void nothingIsWrittenWithEncryptionOff() throws IOException {
        NodeConfig config = TestNodeConfigs.config(tmp.resolve("plain"));
        CassandraTlsFiles.stage(config);
        assertThat(config.directories().tlsKeystore()).doesNotExist();
    }
}
