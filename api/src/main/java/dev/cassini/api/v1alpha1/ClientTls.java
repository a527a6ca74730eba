package dev.cassini.api.v1alpha1;

/**
 * CQL clients' encryption. {@code None}, not {@code Off}: YAML 1.1 (kubectl's) reads an unquoted
 * {@code Off} as the boolean false.
 */
public enum ClientTls {
    None,
    /** TLS and plaintext on the one native port, while clients move to TLS. */
    Optional,
    Required
}
