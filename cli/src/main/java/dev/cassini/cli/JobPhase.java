package dev.cassini.cli;

import java.time.Duration;

/** The phases a backup's and a restore's status go through, as a Kubernetes Job's do. */
final class JobPhase {
    static final String PENDING = "Pending";
    static final String RUNNING = "Running";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";

    /** How long without any status before the operator not running is the likely cause. */
    static final Duration OPERATOR_HINT_AFTER = Duration.ofSeconds(30);

    private JobPhase() {}

    static boolean finished(String phase) {
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }

    /** The headline while the status is still empty: soon the operator's turn, later a hint that it does not run. */
    static String waitingForOperator(String kind, Duration elapsed) {
        return elapsed.compareTo(OPERATOR_HINT_AFTER) < 0
                ? "waiting for the operator to take the " + kind
                : "no word from the operator after " + OPERATOR_HINT_AFTER.getSeconds()
                        + " s: is it running? kubectl get pods -A -l app.kubernetes.io/name=cassini-operator";
    }
}
