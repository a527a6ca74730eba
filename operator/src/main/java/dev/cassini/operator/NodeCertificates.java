package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.model.ClusterNames;
import dev.cassini.model.security.AgentApiTls;
import dev.cassini.model.security.AgentCertificatePlan;
import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.IssuedCertificate;
import dev.cassini.pki.Pem;
import dev.cassini.pki.ReloadingTls;
import dev.cassini.pki.TlsFiles;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster's node certificates of one {@link Kind}: the CA in a Secret of its own, created once
 * and never rewritten (every node trusts it), and a Secret per rack holding the CA certificate and
 * each pod's certificate and key, issued before the pod starts and renewed before it expires.
 * {@link AgentCertificatePlan} decides what to issue; this reads and writes.
 */
final class NodeCertificates {
    /** What the certificates are for: each has its own CA, so one's holder cannot act as the other. */
    enum Kind {
        /** The agents' HTTPS API: a server certificate per pod; the operator is the client. */
        AGENT_API("agent", "node agents"),
        /**
         * Cassandra's own TLS: a certificate per node that both serves (CQL, storage port) and
         * connects (to the other nodes, which require it).
         */
        CASSANDRA("Cassandra", "Cassandra nodes");

        private final String what;
        private final String authorityName;

        Kind(String what, String authorityName) {
            this.what = what;
            this.authorityName = authorityName;
        }

        String caSecret(CassandraCluster cluster) {
            return this == AGENT_API
                    ? names(cluster).agentCaSecret()
                    : dev.cassini.model.ClusterShape.of(cluster).cassandraCaSecret();
        }

        /** The user named the CA's Secret (spec.tls.caSecretRef): it is read, never created. */
        boolean givenByUser(CassandraCluster cluster) {
            return this == CASSANDRA
                    && dev.cassini.model.ClusterShape.of(cluster).cassandraCaGiven();
        }

        String rackSecret(ClusterNames names, String datacenter, String rack) {
            return this == AGENT_API
                    ? names.agentTlsSecret(datacenter, rack)
                    : names.cassandraTlsSecret(datacenter, rack);
        }

        String what() {
            return what;
        }
    }

    /** An agent's certificate: renewed after two thirds, so 30 days before it expires. */
    static final Duration AGENT_VALIDITY = Duration.ofDays(90);

    /** The CA outlives any cluster it is likely to serve; replacing it is deleting its Secret. */
    static final Duration AUTHORITY_VALIDITY = Duration.ofDays(3650);

    /** The operator's client certificate, issued afresh by each operator process. */
    static final Duration OPERATOR_VALIDITY = Duration.ofDays(1);

    static final String OPERATOR_NAME = "cassini-operator";

    /** What a certificate another CA signed counts as in the plan. */
    private static final String ANOTHER_AUTHORITY = "another CA";

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration agentValidity;
    private final Kind kind;

    NodeCertificates(KubernetesClient client, Clock clock) {
        this(client, clock, AGENT_VALIDITY, Kind.AGENT_API);
    }

    /** Issues certificates valid for {@code agentValidity}, renewed after two thirds of it. */
    NodeCertificates(KubernetesClient client, Clock clock, Duration agentValidity) {
        this(client, clock, agentValidity, Kind.AGENT_API);
    }

    NodeCertificates(KubernetesClient client, Clock clock, Duration agentValidity, Kind kind) {
        this.client = client;
        this.clock = clock;
        this.agentValidity = agentValidity;
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** The cluster's CA, created with its Secret the first time. */
    CertificateAuthority authority(CassandraCluster cluster, OwnerReference owner) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = kind.caSecret(cluster);
        Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
        if (existing != null) {
            return authorityIn(existing, name);
        }
        if (kind.givenByUser(cluster)) {
            throw new IllegalStateException("Secret " + name + ", which spec.tls.caSecretRef names, does not exist in"
                    + " namespace " + namespace + ": create it with the CA's certificate and key as "
                    + TlsFiles.CERTIFICATE
                    + " and " + TlsFiles.PRIVATE_KEY + " (as cert-manager writes a CA Certificate's Secret), or"
                    + " remove caSecretRef to have the operator create a CA");
        }
        CertificateAuthority created = CertificateAuthority.create(
                cluster.getMetadata().getName() + " " + kind.authorityName + " (" + namespace + ")",
                AUTHORITY_VALIDITY);
        Secret secret = Owner.secret(cluster, owner, name)
                .withType("kubernetes.io/tls")
                .withData(encode(Map.of(
                        TlsFiles.CERTIFICATE, created.root().certificatePem(),
                        TlsFiles.PRIVATE_KEY, created.root().privateKeyPem())))
                .build();
        try {
            client.secrets().inNamespace(namespace).resource(secret).create();
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // another operator process created it first: that one is the CA
            return authorityIn(
                    client.secrets().inNamespace(namespace).withName(name).get(), name);
        }
    }

    /**
     * Brings one rack's Secret up to date for its pods (see {@link AgentCertificatePlan#podsOf})
     * and returns which pods got a new certificate and why, and when to look again.
     */
    AgentCertificatePlan.Result rack(
            CassandraCluster cluster,
            OwnerReference owner,
            CertificateAuthority authority,
            String datacenter,
            String rack,
            List<String> pods) {
        String namespace = cluster.getMetadata().getNamespace();
        ClusterNames names = names(cluster);
        String name = kind.rackSecret(names, datacenter, rack);
        Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
        Map<String, String> data = existing == null ? new TreeMap<>() : decode(existing.getData());
        String authorityPem = authority.root().certificatePem();
        String current = fingerprint(authority.certificate());

        Map<String, AgentCertificatePlan.Held> held = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : data.entrySet()) {
            String key = entry.getKey();
            if (!key.endsWith(".crt") || key.equals(AgentApiTls.AUTHORITY)) {
                continue;
            }
            String pod = key.substring(0, key.length() - ".crt".length());
            if (!data.containsKey(AgentApiTls.privateKeyKey(pod))) {
                continue; // half a pair is no certificate: issue it again
            }
            X509Certificate certificate = Pem.certificates(entry.getValue()).get(0);
            held.put(
                    pod,
                    new AgentCertificatePlan.Held(
                            certificate.getNotBefore().toInstant(),
                            certificate.getNotAfter().toInstant(),
                            signedBy(certificate, authority.certificate()) ? current : ANOTHER_AUTHORITY));
        }
        AgentCertificatePlan.Result plan = AgentCertificatePlan.next(pods, held, current, clock.instant());
        if (plan.nothingToDo() && authorityPem.equals(data.get(AgentApiTls.AUTHORITY))) {
            return plan;
        }
        Map<String, String> next = new TreeMap<>(data);
        next.keySet().removeIf(key -> !key.equals(AgentApiTls.AUTHORITY) && !isPodKey(key, pods));
        next.put(AgentApiTls.AUTHORITY, authorityPem);
        for (String pod : plan.issue().keySet()) {
            List<String> dnsNames = List.of(pod + "." + names.allPodsService(datacenter) + "." + namespace + ".svc");
            IssuedCertificate issued = kind == Kind.CASSANDRA
                    ? authority.issuePeer(pod, dnsNames, List.of(), agentValidity)
                    : authority.issueServer(pod, dnsNames, List.of(), agentValidity);
            next.put(AgentApiTls.certificateKey(pod), issued.certificatePem());
            next.put(AgentApiTls.privateKeyKey(pod), issued.privateKeyPem());
        }
        Secret secret = Owner.secret(cluster, owner, name)
                .withType("Opaque")
                .withData(encode(next))
                .build();
        // The operator owns every key of the Secret, so an apply drops the pods it no longer lists.
        client.secrets()
                .inNamespace(namespace)
                .resource(secret)
                .forceConflicts()
                .serverSideApply();
        // The plan's next check counts only the certificates it kept; the ones just issued are due too.
        Instant due = plan.nextCheck();
        if (!plan.issue().isEmpty()) {
            Instant issuedDue = AgentCertificatePlan.dueAt(clock.instant(), agentValidity);
            if (due == null || issuedDue.isBefore(due)) {
                due = issuedDue;
            }
        }
        return new AgentCertificatePlan.Result(plan.issue(), plan.drop(), due);
    }

    /** A client identity for this cluster's agents, signed by its CA. */
    static ReloadingTls operatorIdentity(CertificateAuthority authority) {
        return ReloadingTls.of(authority.issueClient(OPERATOR_NAME, null, OPERATOR_VALIDITY), authority.certificate());
    }

    private static boolean isPodKey(String key, List<String> pods) {
        return pods.stream()
                .anyMatch(pod ->
                        key.equals(AgentApiTls.certificateKey(pod)) || key.equals(AgentApiTls.privateKeyKey(pod)));
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate authority) {
        try {
            certificate.verify(authority.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Names the CA by its key, so a CA made again under the same name counts as another. */
    static String fingerprint(X509Certificate authority) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(authority.getPublicKey().getEncoded());
            return java.util.HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The CA in Secret {@code name}; fails saying how to replace it when its keys are missing. */
    static CertificateAuthority authorityIn(Secret secret, String name) {
        Map<String, String> data = decode(secret.getData());
        String certificate = data.get(TlsFiles.CERTIFICATE);
        String key = data.get(TlsFiles.PRIVATE_KEY);
        if (certificate == null || key == null) {
            throw new IllegalStateException("Secret " + name + " must have keys " + TlsFiles.CERTIFICATE + " and "
                    + TlsFiles.PRIVATE_KEY + "; delete it and the operator creates a new CA (every node then gets a"
                    + " new certificate), or, if spec.tls.caSecretRef names it, put the CA's certificate and key"
                    + " there");
        }
        return CertificateAuthority.of(IssuedCertificate.fromPem(certificate, key));
    }

    private static ClusterNames names(CassandraCluster cluster) {
        return new ClusterNames(cluster.getMetadata().getName());
    }

    private static Map<String, String> encode(Map<String, String> data) {
        Map<String, String> encoded = new TreeMap<>();
        data.forEach((key, value) ->
                encoded.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.US_ASCII))));
        return encoded;
    }

    private static Map<String, String> decode(Map<String, String> data) {
        Map<String, String> decoded = new TreeMap<>();
        if (data != null) {
            data.forEach((key, value) ->
                    decoded.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII)));
        }
        return decoded;
    }
}
