package dev.cassini.devkube.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/** PEM encoding of certificates and keys, as the Kubernetes binaries read them. */
public final class Pem {
    private Pem() {}

    public static String encode(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificateOrKey instanceof ECPrivateKey key ? sec1(key) : certificateOrKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * EC private keys as SEC1 "EC PRIVATE KEY" with the named curve inside: the fabric8 client
     * recognises an EC key only by that header (PKCS#8 is taken for RSA), and Go needs the curve
     * in the structure, which the JDK's encoding leaves in the PKCS#8 wrapper.
     */
    private static PemObject sec1(ECPrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                key.getParams().getOrder().bitLength(),
                key.getS(),
                info.getPrivateKeyAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
    }

    /** Writes a PEM file readable by its owner only: keys must not leak to other users. */
    public static Path write(Path file, Object certificateOrKey) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, encode(certificateOrKey));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
