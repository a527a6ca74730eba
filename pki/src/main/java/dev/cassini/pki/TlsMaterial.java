package dev.cassini.pki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One TLS identity in memory: its certificate chain (the leaf first), the leaf's private key, and
 * the authorities a peer's certificate must chain to.
 */
record TlsMaterial(List<X509Certificate> chain, PrivateKey privateKey, List<X509Certificate> authorities) {
    TlsMaterial {
        chain = List.copyOf(chain);
        authorities = List.copyOf(authorities);
        if (!belongTogether(chain.get(0), privateKey)) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + chain.get(0).getSubjectX500Principal().getName()
                    + " (a certificate and key written at different times?)");
        }
    }

    /** Whether the key signs what the certificate's public key verifies. */
    private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        byte[] probe = "cassini key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }
}
