package dev.cassini.agent.runtime;

import dev.cassini.agent.config.NodeConfig;
import dev.cassini.agent.config.NodeDirectories;
import dev.cassini.pki.Pem;
import dev.cassini.pki.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The PEM files Cassandra's TLS reads ({@link NodeDirectories#tlsKeystore()}, {@link
 * NodeDirectories#tlsTruststore()}), written from the mounted certificate, key and CA before every
 * start: the key as PKCS#8 followed by the certificate chain in one file, as Cassandra's PEM
 * keystore takes them. Each file is replaced whole (Cassandra's hot reload must never read half of
 * one), readable by its owner only.
 */
public final class CassandraTlsFiles {
    private CassandraTlsFiles() {}

    /** Writes them when the node's config turns encryption on; a file that is not PEM fails with its name. */
    public static void stage(NodeConfig config) throws IOException {
        restage(config);
    }

    /**
     * Writes them again when what is mounted no longer matches what Cassandra reads (a renewed
     * certificate: Kubernetes updates a mounted Secret in place); whether it did. A file left as it
     * was is not touched, so Cassandra's own check of their modification times sees no change.
     */
    public static boolean restage(NodeConfig config) throws IOException {
        if (!config.cassandraTls().any()) {
            return false;
        }
        TlsFiles mounted = config.cassandraTls().files().orElseThrow();
        List<X509Certificate> chain = read(mounted.certificate(), "certificate");
        java.security.PrivateKey key;
        try {
            key = Pem.privateKey(Files.readString(mounted.privateKey()));
        } catch (IllegalArgumentException e) {
            throw new IOException("Cassandra's TLS key " + mounted.privateKey() + ": " + e.getMessage(), e);
        }
        List<X509Certificate> authorities = read(mounted.authority(), "CA");
        StringBuilder keystore = new StringBuilder(Pem.pkcs8(key));
        chain.forEach(certificate -> keystore.append(Pem.encode(certificate)));
        StringBuilder truststore = new StringBuilder();
        authorities.forEach(certificate -> truststore.append(Pem.encode(certificate)));
        NodeDirectories dirs = config.directories();
        boolean keystoreChanged = replaceIfChanged(dirs.tlsKeystore(), keystore.toString());
        boolean truststoreChanged = replaceIfChanged(dirs.tlsTruststore(), truststore.toString());
        return keystoreChanged || truststoreChanged;
    }

    private static boolean replaceIfChanged(Path file, String content) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
            return false;
        }
        replace(file, content);
        return true;
    }

    private static List<X509Certificate> read(Path file, String what) throws IOException {
        try {
            return Pem.certificates(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IOException("Cassandra's TLS " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static void replace(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
