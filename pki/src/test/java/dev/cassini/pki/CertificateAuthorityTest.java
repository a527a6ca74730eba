package dev.cassini.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private final CertificateAuthority ca = CertificateAuthority.create("test-ca");

    @Test
    void issuedCertificatesChainToTheAuthority() throws Exception {
        IssuedCertificate server = ca.issueServer("apiserver", List.of("localhost"), List.of("127.8.0.1"));
        server.certificate().verify(ca.certificate().getPublicKey());
        assertThat(server.certificate().getIssuerX500Principal())
                .isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void serverCertificatesCarryTheirAddresses() throws Exception {
        X509Certificate cert = ca.issueServer("apiserver", List.of("localhost"), List.of("127.8.0.1"))
                .certificate();
        assertThat(cert.getSubjectAlternativeNames().stream()
                        .map(l -> String.valueOf(l.get(1)))
                        .toList())
                .contains("localhost", "127.8.0.1");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void peerCertificatesServeAndConnectForTheirAddresses() throws Exception {
        X509Certificate cert = ca.issuePeer("node-0", List.of(), List.of("127.8.0.2"), java.time.Duration.ofDays(1))
                .certificate();
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getSubjectAlternativeNames().stream()
                        .map(l -> String.valueOf(l.get(1)))
                        .toList())
                .containsExactly("127.8.0.2");
    }

    @Test
    void pkcs8KeysAreReadBackAsTheSameKey() {
        var key = (java.security.interfaces.ECPrivateKey) ca.root().keyPair().getPrivate();
        String pem = Pem.pkcs8(key);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(((java.security.interfaces.ECPrivateKey) Pem.privateKey(pem)).getS())
                .isEqualTo(key.getS());
    }

    @Test
    void clientCertificatesNameTheUserAndGroup() {
        X509Certificate cert = ca.issueClient("admin", "system:masters").certificate();
        assertThat(cert.getSubjectX500Principal().getName())
                .contains("CN=admin")
                .contains("O=system:masters");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void privateKeysAreWrittenAsSec1WithTheirCurve() throws Exception {
        String pem = Pem.encode(ca.root().keyPair().getPrivate());
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            PEMKeyPair pair = (PEMKeyPair) parser.readObject();
            assertThat(pair.getPrivateKeyInfo()
                            .getPrivateKeyAlgorithm()
                            .getParameters()
                            .toString())
                    .isEqualTo("1.2.840.10045.3.1.7");
        }
    }

    @Test
    void anAuthorityReadBackFromPemSignsWhatTheFirstOneTrusts() throws Exception {
        IssuedCertificate stored =
                IssuedCertificate.fromPem(ca.root().certificatePem(), ca.root().privateKeyPem());
        CertificateAuthority restarted = CertificateAuthority.of(stored);

        X509Certificate issued = restarted.issueClient("cassini-operator", null).certificate();
        issued.verify(ca.certificate().getPublicKey());
        assertThat(restarted.certificate()).isEqualTo(ca.certificate());
    }

    @Test
    void aLeafCertificateOrAForeignKeyIsNotTakenAsAnAuthority() {
        IssuedCertificate leaf = ca.issueClient("someone", null);
        assertThatThrownBy(() -> CertificateAuthority.of(leaf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a certificate authority");
        IssuedCertificate foreignKey = new IssuedCertificate(
                ca.certificate(), CertificateAuthority.create("other").root().keyPair());
        assertThatThrownBy(() -> CertificateAuthority.of(foreignKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void pemWithoutTheExpectedBlockSaysWhatIsMissing() {
        assertThatThrownBy(() -> Pem.certificates("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BEGIN CERTIFICATE");
        assertThatThrownBy(() -> Pem.privateKey(ca.root().certificatePem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PRIVATE KEY");
    }

    @Test
    void aPkcs8KeyIsReadToo() {
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(ca.root().keyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThat(Pem.privateKey(pkcs8).getEncoded())
                .isEqualTo(ca.root().keyPair().getPrivate().getEncoded());
    }
}
