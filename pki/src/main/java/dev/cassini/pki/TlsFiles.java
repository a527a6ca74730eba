package dev.cassini.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * The PEM files of one TLS identity, named as a {@code kubernetes.io/tls} Secret with a CA mounts
 * them: {@code tls.crt} (the certificate, then its chain), {@code tls.key} and {@code ca.crt} (the
 * authorities whose certificates the other side may present).
 */
public record TlsFiles(Path certificate, Path privateKey, Path authority) {
    public static final String CERTIFICATE = "tls.crt";
    public static final String PRIVATE_KEY = "tls.key";
    public static final String AUTHORITY = "ca.crt";

    /** The three files of a mounted Secret's directory. */
    public static TlsFiles in(Path directory) {
        return new TlsFiles(
                directory.resolve(CERTIFICATE), directory.resolve(PRIVATE_KEY), directory.resolve(AUTHORITY));
    }

    /** Writes an issued certificate and its authority into a directory, the key readable by its owner only. */
    public static TlsFiles write(Path directory, IssuedCertificate identity, CertificateAuthority authority) {
        TlsFiles files = in(directory);
        Pem.write(files.certificate, identity.certificate());
        Pem.write(files.privateKey, identity.keyPair().getPrivate());
        Pem.write(files.authority, authority.certificate());
        return files;
    }

    /**
     * When each file last changed, through symbolic links (a Secret volume swaps a link to update
     * all of its files at once): a different answer means the files must be read again.
     */
    List<FileTime> stamps() throws IOException {
        return List.of(
                Files.getLastModifiedTime(certificate),
                Files.getLastModifiedTime(privateKey),
                Files.getLastModifiedTime(authority));
    }

    /** The files' contents; a missing or unreadable file is an error naming it. */
    TlsMaterial read() throws IOException {
        return new TlsMaterial(
                Pem.certificates(Files.readString(certificate)),
                Pem.privateKey(Files.readString(privateKey)),
                Pem.certificates(Files.readString(authority)));
    }
}
