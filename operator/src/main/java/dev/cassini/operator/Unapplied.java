package dev.cassini.operator;

/**
 * Part of the spec the operator could not apply this time: status shows it (Degraded, with this
 * reason and message), and the spec's generation is not reported as observed until it applies.
 *
 * @param reason the Degraded condition's reason, e.g. ApplyFailed
 * @param message what was not applied, why, and what to do
 */
record Unapplied(String reason, String message) {
    static final String APPLY_FAILED = "ApplyFailed";
    static final String STORAGE_CHANGE_REFUSED = "StorageChangeRefused";
    static final String AGENT_CERTIFICATES = "AgentCertificatesFailed";
    static final String CASSANDRA_CERTIFICATES = "CassandraCertificatesFailed";
}
