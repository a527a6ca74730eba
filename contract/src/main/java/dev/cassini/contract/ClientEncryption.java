package dev.cassini.contract;

import java.util.Locale;

/**
 * How a node takes CQL clients ({@link AgentEnvironment#CLIENT_ENCRYPTION}). A running cluster
 * goes from {@link #OFF} to {@link #REQUIRED} through {@link #OPTIONAL}, one rolling restart per
 * step, and clients move to TLS while the nodes take both.
 */
public enum ClientEncryption {
    OFF,
    /** TLS and plaintext on the one native port: clients move to TLS while the others still connect. */
    OPTIONAL,
    REQUIRED;

    /** What the agent's environment variable holds. */
    public String envValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
