package dev.cassini.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority: devkube's throw-away one for its control plane, and the operator's for
 * the node agents' API, kept in a Secret and read back with {@link #of}. ECDSA P-256 keys: every
 * Kubernetes binary and every JDK accepts them, and they take milliseconds to generate, where RSA
 * would cost seconds at start.
 */
public final class CertificateAuthority {
    private static final String SIGNATURE = "SHA256withECDSA";
    /** How long a certificate is valid unless the caller says otherwise. */
    public static final Duration VALIDITY = Duration.ofDays(365);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssuedCertificate root;

    private CertificateAuthority(IssuedCertificate root) {
        this.root = root;
    }

    public static CertificateAuthority create(String commonName) {
        return create(commonName, VALIDITY);
    }

    public static CertificateAuthority create(String commonName, Duration validity) {
        KeyPair keys = newKeyPair();
        X500Name subject = name(commonName, null);
        try {
            X509v3CertificateBuilder builder = builder(subject, subject, keys, validity);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(new IssuedCertificate(sign(builder, keys), keys));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the devkube certificate authority", e);
        }
    }

    /**
     * An authority read back from its certificate and key (as {@link Pem} wrote them), so that a
     * restarted operator signs with the same key its agents already trust.
     */
    public static CertificateAuthority of(IssuedCertificate root) {
        if (root.certificate().getBasicConstraints() < 0) {
            throw new IllegalArgumentException("the certificate "
                    + root.certificate().getSubjectX500Principal().getName()
                    + " is not a certificate authority (no CA basic constraint)");
        }
        if (!root.certificate().getPublicKey().equals(root.keyPair().getPublic())) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + root.certificate().getSubjectX500Principal().getName());
        }
        return new CertificateAuthority(root);
    }

    public X509Certificate certificate() {
        return root.certificate();
    }

    public IssuedCertificate root() {
        return root;
    }

    /** A TLS server certificate valid for the given DNS names and IP addresses. */
    public IssuedCertificate issueServer(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        return issueServer(commonName, dnsNames, ipAddresses, VALIDITY);
    }

    /** A TLS server certificate valid for the given names and addresses, for {@code validity}. */
    public IssuedCertificate issueServer(
            String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity) {
        return issue(
                name(commonName, null),
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth},
                altNames(dnsNames, ipAddresses),
                validity);
    }

    /**
     * A certificate for a peer that both serves and connects, as a Cassandra node does to the
     * others: server and client authentication, valid for the given names and addresses.
     */
    public IssuedCertificate issuePeer(
            String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity) {
        return issue(
                name(commonName, null),
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
                altNames(dnsNames, ipAddresses),
                validity);
    }

    private static GeneralNames altNames(List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /**
     * A client certificate: Kubernetes takes the user from the common name and the groups from
     * the organisations, so {@code organisation = system:masters} makes an administrator.
     */
    public IssuedCertificate issueClient(String user, String organisation) {
        return issueClient(user, organisation, VALIDITY);
    }

    /** A client certificate for {@code validity}; {@code organisation} may be null. */
    public IssuedCertificate issueClient(String user, String organisation, Duration validity) {
        return issue(name(user, organisation), new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, null, validity);
    }

    private IssuedCertificate issue(
            X500Name subject, KeyPurposeId[] purposes, GeneralNames altNames, Duration validity) {
        KeyPair keys = newKeyPair();
        try {
            X509v3CertificateBuilder builder =
                    builder(new JcaX509CertificateHolder(root.certificate()).getSubject(), subject, keys, validity);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root.certificate()));
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return new IssuedCertificate(sign(builder, root.keyPair()), keys);
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    /** An EC P-256 key pair, also used for service-account token signing (ES256). */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot generate EC P-256 keys", e);
        }
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair keys, Duration validity) {
        Instant now = Instant.now();
        // Backdated a little: the binaries reject certificates "not yet valid" on clock skew. By a
        // tenth of a short validity at most, so that its renewal, due after two thirds of the
        // whole span, still comes after it was issued.
        Duration backdated = validity.dividedBy(10).compareTo(Duration.ofHours(1)) < 0
                ? validity.dividedBy(10)
                : Duration.ofHours(1);
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                Date.from(now.minus(backdated)),
                Date.from(now.plus(validity)),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
    }

    private static X500Name name(String commonName, String organisation) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (organisation != null) {
            builder.addRDN(BCStyle.O, organisation);
        }
        builder.addRDN(BCStyle.CN, commonName);
        return builder.build();
    }
}
