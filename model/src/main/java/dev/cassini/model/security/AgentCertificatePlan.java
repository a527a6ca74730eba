package dev.cassini.model.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which node agents need a new API certificate, and which certificates are left over, for one
 * rack's Secret: one certificate per pod, issued before the pod exists (the agent reads its files
 * at start), renewed well before it expires (the agent takes renewed files without a restart),
 * issued again when the cluster's CA changed, and dropped when its pod is gone for good.
 *
 * <p>Pure: what a Secret holds and what the CA is come in as values; the operator issues and writes.
 */
public final class AgentCertificatePlan {
    /**
     * A certificate is renewed once this share of its validity has passed: with the default
     * validity of 90 days, 30 days before it expires, time enough for an operator that was down
     * for a while to catch up.
     */
    static final double RENEW_AFTER_SHARE = 2.0 / 3.0;

    /** What the operator found of one pod's certificate in the rack's Secret. */
    public record Held(Instant notBefore, Instant notAfter, String issuer) {
        public Held {
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
            Objects.requireNonNull(issuer, "issuer");
        }

        /** When it is due for renewal. */
        Instant renewAt() {
            return dueAt(notBefore, Duration.between(notBefore, notAfter));
        }
    }

    /** When a certificate issued at {@code issuedAt}, valid for {@code validity}, is due for renewal. */
    public static Instant dueAt(Instant issuedAt, Duration validity) {
        return issuedAt.plusMillis(Math.round(validity.toMillis() * RENEW_AFTER_SHARE));
    }

    /** Why a pod gets a new certificate. */
    public enum Reason {
        NEW_POD("the pod has no certificate yet"),
        RENEWAL("two thirds of its validity have passed"),
        EXPIRED("it has expired"),
        NEW_AUTHORITY("another CA signed it");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * What to do to the Secret.
     *
     * @param issue pods that get a new certificate, each with why, in pod order
     * @param drop pods whose certificate the Secret holds but no pod of the rack will use
     * @param nextCheck when the first certificate kept as it is becomes due (null when none is kept)
     */
    public record Result(Map<String, Reason> issue, Set<String> drop, Instant nextCheck) {
        public Result {
            issue = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(issue));
            drop = java.util.Collections.unmodifiableSet(new TreeSet<>(drop));
        }

        public boolean nothingToDo() {
            return issue.isEmpty() && drop.isEmpty();
        }
    }

    private AgentCertificatePlan() {}

    /**
     * @param pods the rack's pods that must have a certificate: every ordinal below the larger of
     *     its current and its desired replicas, so a pod scaled up finds its files at its first start
     * @param held what the Secret holds, by pod name
     * @param authority the subject of the CA certificates are signed with now
     * @param now the operator's clock
     */
    public static Result next(List<String> pods, Map<String, Held> held, String authority, Instant now) {
        Map<String, Reason> issue = new LinkedHashMap<>();
        Instant nextCheck = null;
        for (String pod : pods) {
            Held certificate = held.get(pod);
            Reason reason = reason(certificate, authority, now);
            if (reason != null) {
                issue.put(pod, reason);
            } else if (nextCheck == null || certificate.renewAt().isBefore(nextCheck)) {
                nextCheck = certificate.renewAt();
            }
        }
        Set<String> drop = new TreeSet<>(held.keySet());
        drop.removeAll(pods);
        return new Result(issue, drop, nextCheck);
    }

    private static Reason reason(Held certificate, String authority, Instant now) {
        if (certificate == null) {
            return Reason.NEW_POD;
        }
        if (!certificate.issuer().equals(authority)) {
            return Reason.NEW_AUTHORITY;
        }
        if (!now.isBefore(certificate.notAfter())) {
            return Reason.EXPIRED;
        }
        if (!now.isBefore(certificate.renewAt())) {
            return Reason.RENEWAL;
        }
        return null;
    }

    /** The pods of a rack, by ordinal, that need a certificate: see {@code pods} of {@link #next}. */
    public static List<String> podsOf(String statefulSet, int currentReplicas, int desiredReplicas) {
        List<String> pods = new ArrayList<>();
        for (int ordinal = 0; ordinal < Math.max(currentReplicas, desiredReplicas); ordinal++) {
            pods.add(statefulSet + "-" + ordinal);
        }
        return pods;
    }
}
