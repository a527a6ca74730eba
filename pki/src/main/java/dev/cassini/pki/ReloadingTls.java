package dev.cassini.pki;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS context whose identity and trusted authorities are the PEM files of {@link TlsFiles},
 * read again whenever one of them changes, so that a certificate renewed in its Secret takes
 * effect on the next connection without restarting the process that serves it. A change that
 * cannot be read (a half-written file, a key that does not match its certificate) keeps the
 * previous identity and shows in {@link #lastError()}.
 *
 * <p>Peers are checked against the authorities only: a certificate the CA signed is accepted
 * whatever address it was reached at. Node agents are reached by pod IP, which changes with every
 * pod incarnation, and a certificate cannot name an address that does not exist yet; what
 * identifies an agent is that the cluster's CA signed its certificate.
 */
public final class ReloadingTls {
    /** Null for an identity held in memory. */
    private final TlsFiles files;

    private volatile Loaded loaded;
    private volatile Optional<String> lastError = Optional.empty();

    /**
     * What the files held at one reading, numbered; the reading before it is kept, so a handshake
     * that chose its identity just before a reload still gets the key of that identity.
     */
    private record Loaded(
            long generation,
            List<FileTime> stamps,
            TlsMaterial material,
            X509ExtendedTrustManager trust,
            Loaded previous) {
        String alias() {
            return "identity-" + generation;
        }

        Optional<TlsMaterial> material(String alias) {
            if (alias().equals(alias)) {
                return Optional.of(material);
            }
            return previous != null && previous.alias().equals(alias)
                    ? Optional.of(previous.material)
                    : Optional.empty();
        }
    }

    private ReloadingTls(TlsFiles files, Loaded loaded) {
        this.files = files;
        this.loaded = loaded;
    }

    /** Reads the files now; they must exist and be valid, or this fails saying which. */
    public static ReloadingTls of(TlsFiles files) throws IOException {
        List<FileTime> stamps = files.stamps();
        return new ReloadingTls(files, load(null, stamps, files.read()));
    }

    /**
     * An identity held in memory rather than in files, as a caller that issued its own certificate
     * has it: it never changes, so whoever renews it makes a new one. The peers' certificates are
     * checked against {@code authority} alone, as for files.
     */
    public static ReloadingTls of(IssuedCertificate identity, X509Certificate authority) {
        try {
            TlsMaterial material = new TlsMaterial(
                    List.of(identity.certificate()), identity.keyPair().getPrivate(), List.of(authority));
            return new ReloadingTls(null, load(null, List.of(), material));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A TLS 1.3 context that presents the current identity and trusts the current authorities. */
    public SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(
                    new javax.net.ssl.KeyManager[] {new CurrentKeyManager()},
                    new TrustManager[] {new CurrentTrustManager()},
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS 1.3", e);
        }
    }

    /** The certificate presented now (after reading changed files). */
    public X509Certificate certificate() {
        return current().material().leaf();
    }

    /** Why the last change of the files was not taken, if it was not. */
    public Optional<String> lastError() {
        return lastError;
    }

    private Loaded current() {
        Loaded now = loaded;
        if (files == null) {
            return now;
        }
        try {
            List<FileTime> stamps = files.stamps();
            if (!stamps.equals(now.stamps())) {
                synchronized (this) {
                    if (loaded == now) {
                        loaded = load(now, stamps, files.read());
                        lastError = Optional.empty();
                    }
                }
                return loaded;
            }
        } catch (IOException | RuntimeException e) {
            lastError = Optional.of("kept the previous certificate: cannot read "
                    + files.certificate().getParent() + ": " + e.getMessage());
        }
        return now;
    }

    private static Loaded load(Loaded before, List<FileTime> stamps, TlsMaterial material) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < material.authorities().size(); i++) {
                store.setCertificateEntry("ca-" + i, material.authorities().get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager trust) {
                    return before == null
                            ? new Loaded(0, stamps, material, trust, null)
                            : new Loaded(
                                    before.generation() + 1,
                                    stamps,
                                    material,
                                    trust,
                                    new Loaded(
                                            before.generation(),
                                            before.stamps(),
                                            before.material(),
                                            before.trust(),
                                            null));
                }
            }
            throw new IllegalStateException("this JVM has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the authorities in " + stamps + ": " + e.getMessage(), e);
        }
    }

    /** Presents the identity current at the start of each handshake. */
    private final class CurrentKeyManager extends X509ExtendedKeyManager {
        /** The alias names the reading it was chosen from, so a handshake's chain and key always match. */
        private String choose() {
            return current().alias();
        }

        private TlsMaterial of(String alias) {
            Loaded now = loaded;
            return now.material(alias).orElse(now.material());
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return choose();
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return choose();
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return choose();
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return choose();
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return of(alias).chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return of(alias).privateKey();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {choose()};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {choose()};
        }
    }

    /** Checks peers against the current authorities, never against the address (see the class comment). */
    private final class CurrentTrustManager extends X509ExtendedTrustManager {
        private X509ExtendedTrustManager trust() {
            return current().trust();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust().checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust().checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust().checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust().checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust().getAcceptedIssuers();
        }
    }
}
