package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.IssuedCertificate;
import dev.cassini.pki.TlsFiles;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A certificate from a cluster's agent CA for a node agent the operator does not run (an agent on
 * a VM during a migration, as {@code cassini node} starts it), for {@code cassini agent-cert}. The
 * CA is the one the operator's agents trust; whoever needs it first creates it.
 */
public final class AgentCredentials {
    private AgentCredentials() {}

    /**
     * Issues a server certificate for {@code name} (and these addresses and DNS names) valid for
     * {@code validity}, and writes it with its key and the CA certificate into {@code directory}
     * as {@code tls.crt}, {@code tls.key} (owner-readable only) and {@code ca.crt}.
     */
    public static IssuedCertificate issue(
            KubernetesClient client,
            CassandraCluster cluster,
            String name,
            List<String> ipAddresses,
            List<String> dnsNames,
            Duration validity,
            Path directory) {
        CertificateAuthority authority =
                new NodeCertificates(client, Clock.systemUTC()).authority(cluster, Owner.of(cluster));
        IssuedCertificate issued = authority.issueServer(name, dnsNames, ipAddresses, validity);
        TlsFiles.write(directory, issued, authority);
        return issued;
    }
}
