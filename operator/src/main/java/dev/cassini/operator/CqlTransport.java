package dev.cassini.operator;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.contract.ClientEncryption;
import dev.cassini.model.ClusterShape;
import dev.cassini.pki.Pem;
import dev.cassini.pki.TlsFiles;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the operator's CQL sessions reach a cluster's nodes: plaintext, or TLS trusting the
 * cluster's Cassandra CA. While spec.tls rolls out, some nodes may take only one of the two
 * (a node still off, or one already required), so a session that reaches no node one way tries
 * the other: the spec's way first.
 *
 * @param tls a context trusting the Cassandra CA, when the cluster has one
 * @param caPem that CA's certificate, as PEM (for a client that takes a file, as cqlsh does)
 * @param tlsFirst spec.tls asks for client encryption, so TLS is tried first
 */
public record CqlTransport(Optional<SSLContext> tls, Optional<String> caPem, boolean tlsFirst) {
    static final CqlTransport PLAINTEXT = new CqlTransport(Optional.empty(), Optional.empty(), false);

    /**
     * The cluster's transport. Reads the CA's Secret only when client encryption is asked for or
     * was on its way (the EncryptionSettled condition is there), so a cluster that never had TLS
     * costs no read.
     */
    public static CqlTransport of(KubernetesClient client, CassandraCluster cluster) {
        ClusterShape shape = ClusterShape.of(cluster);
        boolean wanted = shape.encryption().client() != ClientEncryption.OFF;
        boolean hadIt = cluster.getStatus() != null
                && cluster.getStatus().getConditions() != null
                && cluster.getStatus().getConditions().stream().anyMatch(c -> "EncryptionSettled".equals(c.getType()));
        if (!wanted && !hadIt) {
            return PLAINTEXT;
        }
        Secret ca = client.secrets()
                .inNamespace(cluster.getMetadata().getNamespace())
                .withName(shape.cassandraCaSecret())
                .get();
        if (ca == null || ca.getData() == null || !ca.getData().containsKey(TlsFiles.CERTIFICATE)) {
            return PLAINTEXT;
        }
        String pem = new String(
                Base64.getDecoder().decode(ca.getData().get(TlsFiles.CERTIFICATE)), StandardCharsets.US_ASCII);
        return new CqlTransport(Optional.of(trusting(pem)), Optional.of(pem), wanted);
    }

    /** A client context that trusts the CA in {@code pem} and presents no certificate. */
    static SSLContext trusting(String pem) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (var certificate : Pem.certificates(pem)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot read the cluster's Cassandra CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A session built by {@code build} (given the context to use, or none for plaintext): the
     * preferred way first, the other when no node took the first.
     */
    public CqlSession connect(Function<Optional<SSLContext>, CqlSession> build) {
        if (tls.isEmpty()) {
            return build.apply(Optional.empty());
        }
        Optional<SSLContext> first = tlsFirst ? tls : Optional.empty();
        Optional<SSLContext> second = tlsFirst ? Optional.empty() : tls;
        try {
            return build.apply(first);
        } catch (AllNodesFailedException e) {
            if (loginRefused(e)) {
                throw e; // the transport worked: the other one would only be refused too
            }
            try {
                return build.apply(second);
            } catch (AllNodesFailedException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    private static boolean loginRefused(AllNodesFailedException e) {
        return e.getAllErrors().values().stream()
                .flatMap(java.util.List::stream)
                .anyMatch(com.datastax.oss.driver.api.core.auth.AuthenticationException.class::isInstance);
    }
}
