package dev.cassini.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

/** A certificate together with the key pair it was issued for. */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {
    /** Read back from the PEM texts {@link #certificatePem()} and {@link #privateKeyPem()} wrote. */
    public static IssuedCertificate fromPem(String certificatePem, String privateKeyPem) {
        X509Certificate certificate = Pem.certificates(certificatePem).get(0);
        return new IssuedCertificate(
                certificate, new KeyPair(certificate.getPublicKey(), Pem.privateKey(privateKeyPem)));
    }

    public String certificatePem() {
        return Pem.encode(certificate);
    }

    public String privateKeyPem() {
        return Pem.encode(keyPair.getPrivate());
    }
}
